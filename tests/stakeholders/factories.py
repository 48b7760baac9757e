import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from stakeholders.models import District, Membership, Organisation, Sector, TargetGroup, User

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
