from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from learningcity.models import District, Sector, TargetGroup, User
from stakeholders.models import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    Exchange,
    GoodPractice,
    Membership,
    MinistryContact,
    Organisation,
    PartnerCity,
)

PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="es_MX")
    preferred_language = "es"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """`UserFactory(roles=["staff"])`: the citizen role is always given."""
        if not create:
            return
        names = {"citizen", *(extracted or [])}
        self.groups.set(Group.objects.filter(name__in=names))

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"district-{n}")
    name_es = factory.Sequence(lambda n: f"Distrito {n}")
    name_en = factory.Sequence(lambda n: f"District {n}")


class SectorFactory(DistrictFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"sector-{n}")
    name_es = factory.Sequence(lambda n: f"Sector {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n} (en)")


class TargetGroupFactory(DistrictFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_es = factory.Sequence(lambda n: f"Grupo {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = factory.SubFactory(SectorFactory)
    district = factory.SubFactory(DistrictFactory)
    kind = Organisation.Kind.NGO
    verified = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class CommitteeSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeSeat

    sector = factory.SubFactory(SectorFactory)
    role = CommitteeSeat.Role.MEMBER
    title = factory.Sequence(lambda n: f"Seat {n}")


class CommitteeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeTerm

    seat = factory.SubFactory(CommitteeSeatFactory)
    person_name = factory.Faker("name", locale="es_MX")
    organisation = factory.SubFactory(OrganisationFactory)
    start = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    end = factory.LazyFunction(lambda: date.today() + timedelta(days=700))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting

    date = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    place = "Sala de Cabildo"


class CommitteeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeDecision

    meeting = factory.SubFactory(MeetingFactory)
    topic = CommitteeDecision.Topic.DEVELOPMENT
    text = factory.Faker("sentence", locale="es_MX")
    published = True


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    name = factory.Sequence(lambda n: f"Ciudad Hermana {n}")
    country = "Chile"
    scope = PartnerCity.Scope.INTERNATIONAL
    agreement = PartnerCity.Agreement.TWINNING
    since = date(2024, 1, 1)


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange

    partner = factory.SubFactory(PartnerCityFactory)
    date = date(2025, 5, 5)
    topic = factory.Sequence(lambda n: f"Intercambio {n}")


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title = factory.Sequence(lambda n: f"Buena práctica {n}")
    summary = "Resumen."
    source = GoodPractice.Source.OUR_CITY
    kind = GoodPractice.Kind.CASE_STUDY
    action_areas = factory.LazyFunction(lambda: ["celebration"])


class MinistryContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinistryContact

    ministry = "Secretaría de Educación Pública"
    person = "Dirección de Adultos"
    date = date(2026, 3, 1)
    subject = factory.Sequence(lambda n: f"Reunión {n}")
