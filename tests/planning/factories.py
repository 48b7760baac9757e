from datetime import date

import factory

from planning.models import Action, ActionPlan, ActionRole, Milestone, Objective, Theme
from tests.stakeholders.factories import OrganisationFactory


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
