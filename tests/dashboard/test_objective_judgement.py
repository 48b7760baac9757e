"""The dashboard judges an objective by its indicators when any of them is judged (on track when
at least half are), by the pace of its actions otherwise; approving a value shows at once."""

import re
from datetime import date
from decimal import Decimal

import pytest

from monitoring import services as monitoring_services
from monitoring.models import Measurement, Period
from tests.monitoring.factories import IndicatorFactory, PeriodFactory
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.stakeholders.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def objective():
    """Its action has done nothing yet, a year into the plan: behind by the pace rule."""
    plan = ActionPlanFactory(status="adopted")
    objective = ObjectiveFactory(plan=plan, title="Más personas adultas aprenden")
    ActionFactory(objective=objective, manual_progress=0)
    return objective


@pytest.fixture
def indicator(objective):
    """Baseline 100 at the end of 2024, goal 200 at the end of 2026: 150 expected for 2025."""
    indicator = IndicatorFactory(goals={2026: 200})
    indicator.objectives.add(objective)
    return indicator


def judgement(client, title):
    page = client.get("/en/dashboard/").content.decode()
    row = page[page.index(title) :]
    row = row[: row.index("</tr>")]
    return re.sub(r"<[^>]+>", "", row[row.rindex("<td") :]).split(">", 1)[-1].strip()


def submitted(indicator, year, value):
    period = PeriodFactory(
        indicator=indicator, start=date(year, 1, 1), status=Period.Status.SUBMITTED
    )
    Measurement.objects.create(period=period, value=Decimal(value))
    return period


def test_an_objective_whose_indicators_are_on_track_is_on_track_whatever_its_actions_pace(
    client, objective, indicator, django_capture_on_commit_callbacks
):
    period = submitted(indicator, 2025, 180)
    assert judgement(client, "Más personas adultas aprenden") == "Off track"

    staff = UserFactory(roles=["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        monitoring_services.period_approve(period=period, by=staff)

    # Served from the cache before the approval: the approval changed its key.
    assert judgement(client, "Más personas adultas aprenden") == "On track by its indicators"


def test_an_objective_is_off_track_when_fewer_than_half_of_its_indicators_are_on_track(
    client, objective, indicator, django_capture_on_commit_callbacks
):
    behind = IndicatorFactory(goals={2026: 200})
    behind.objectives.add(objective)
    also_behind = IndicatorFactory(goals={2026: 200})
    also_behind.objectives.add(objective)
    staff = UserFactory(roles=["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        for measured, value in [(indicator, 180), (behind, 110), (also_behind, 120)]:
            monitoring_services.period_approve(period=submitted(measured, 2025, value), by=staff)

    assert judgement(client, "Más personas adultas aprenden") == "Off track by its indicators"
    page = client.get("/en/dashboard/").content.decode()
    assert "by its indicators when any of them is judged" in page
