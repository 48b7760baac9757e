import pytest
from django.core.management import call_command

from planning.models import (
    Action,
    ActionPlan,
    Charter,
    Consultation,
    KflcFocus,
    Objective,
    Proposal,
    StocktakeEntry,
    Theme,
    Workshop,
)
from planning.selectors import with_status

pytestmark = pytest.mark.django_db
MODELS = [ActionPlan, Theme, Objective, Action, Charter, StocktakeEntry, Workshop, Proposal]


def test_the_demo_plan_is_what_the_issue_asks_for_and_loads_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = {model.__name__: model.objects.count() for model in MODELS}
    call_command("seed_demo", stdout=None)
    assert counts == {model.__name__: model.objects.count() for model in MODELS}

    plan = ActionPlan.objects.adopted().get()
    assert plan.attractive_title == "Ciudad que aprende"
    assert (plan.start.year, plan.end.year) == (2026, 2030)
    assert plan.themes.count() == 5
    assert plan.objectives.count() == 10
    covered = KflcFocus.objects.filter(objectives__plan=plan).distinct().count()
    assert covered >= 9
    actions = with_status(Action.objects.filter(objective__plan=plan))
    assert actions.count() == 40
    assert {action.phase for action in actions} == set(Action.Phase.values)
    assert {action.current_status for action in actions} == set(Action.Status.values)
    assert all(action.roles.exists() for action in actions)
    assert Charter.objects.get().signatures.count() >= 5
    assert StocktakeEntry.objects.filter(status="accepted").exists()
    assert Workshop.objects.count() == 2
    assert all(theme.proposals.exists() for theme in plan.themes.all())
    assert Consultation.objects.count() == 1
