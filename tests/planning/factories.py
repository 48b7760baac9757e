from datetime import date, timedelta

import factory
from django.utils import timezone

from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    ActionRole,
    Charter,
    Consultation,
    Milestone,
    Objective,
    ProgressUpdate,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopParticipation,
)
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = "Plan de acción"
    attractive_title = factory.Sequence(lambda n: f"Ciudad que aprende {n}")
    start = date(2026, 1, 1)
    end = date(2030, 12, 31)
    status = ActionPlan.Status.DRAFT


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Tema {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(ActionPlanFactory)
    theme = factory.SubFactory(ThemeFactory, plan=factory.SelfAttribute("..plan"))
    title = factory.Sequence(lambda n: f"Objetivo {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Acción {n}")
    lead_organisation = factory.SubFactory(OrganisationFactory)
    start = date(2026, 2, 1)
    end = date(2029, 12, 31)


class ActionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionRole

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ActionRole.Role.PARTNER


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Hito {n}")
    due = date(2027, 6, 30)


class CharterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charter

    title = "Carta de la ciudad que aprende"
    text = "<p>Nos comprometemos.</p>"
    version = factory.Sequence(lambda n: n + 1)
    published_on = date(2026, 2, 1)


class StocktakeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StocktakeEntry

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Actividad {n}")
    description = "Lo que ya hacemos."
    sector = factory.SelfAttribute("organisation.sector")
    status = StocktakeEntry.Status.ACCEPTED


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    topic = factory.Sequence(lambda n: f"Taller {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now())


class WorkshopParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopParticipation

    workshop = factory.SubFactory(WorkshopFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    attended = True


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation open since yesterday and for a month more."""

    class Meta:
        model = Consultation

    title = "¿Qué debe resolver el plan?"
    question = "Nombre los principales desafíos de la ciudad."
    opens_on = factory.LazyFunction(lambda: date.today() - timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))


class ActionContactFactory(factory.django.DjangoModelFactory):
    """A contact person: a member of the action's lead organisation."""

    class Meta:
        model = ActionContact
        skip_postgeneration_save = True

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SelfAttribute("action.lead_organisation")
    person = factory.SubFactory(UserFactory)

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if create and extracted is not False:
            MembershipFactory(user=self.person, organisation=self.organisation, role="member")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SelfAttribute("action.lead_organisation")
    reported_on = date(2026, 6, 1)
    done = factory.Sequence(lambda n: f"Hicimos la cosa {n}.")
    status = ProgressUpdate.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
