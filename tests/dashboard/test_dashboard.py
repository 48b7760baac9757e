import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.stakeholders.factories import OrganisationFactory, SectorFactory, UserFactory

pytestmark = pytest.mark.django_db


def status_count(page, status):
    """The number of actions of a status, read from the table of the chart's numbers."""
    chart = page[page.index('aria-labelledby="actions-by-status-title"') :]
    found = re.search(
        rf'<tr><th scope="row">{status}</th><td class="number">(\d+)</td></tr>', chart
    )
    assert found, f"no row for {status} in the chart's table"
    return int(found.group(1))


def test_dashboard_counts_verified_organisations_by_sector(client):
    arts = SectorFactory(slug="arts", name_es="Artes", name_en="Arts")
    OrganisationFactory.create_batch(2, sector=arts)
    OrganisationFactory(sector=arts, verified=False)
    response = client.get("/en/dashboard/")
    sectors = {sector.slug: sector.organisation_count for sector in response.context["sectors"]}
    assert sectors["arts"] == 2
    assert response.context["organisation_total"] == 2
    assert response.context["sectors_represented"] == 1


def test_dashboard_shows_the_adopted_plan_progress(client):
    from planning.models import Action
    from tests.planning.factories import ActionFactory, ActionPlanFactory

    plan = ActionPlanFactory(status="adopted", attractive_title="Ciudad que aprende")
    ActionFactory(objective__plan=plan, manual_progress=50)
    ActionFactory(objective__plan=plan, phase=Action.Phase.COMPLETED)
    page = client.get("/en/dashboard/").content.decode()
    assert "<strong>2</strong> actions" in page
    assert status_count(page, "Done") == 1
    assert "75 %" in page
    assert "Ciudad que aprende" in page


def test_dashboard_makes_a_constant_number_of_queries(client, settings):
    from tests.planning.factories import ActionFactory, ActionPlanFactory, MilestoneFactory
    from tests.queries import assert_constant_queries

    # Factories bypass the services that announce a change to the plan's data: measure the
    # uncached dashboard, the one whose work could grow with the rows.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    plan = ActionPlanFactory(status="adopted")

    def add(n):
        actions = ActionFactory.create_batch(n, objective__plan=plan)
        for action in actions:
            MilestoneFactory(action=action)
        OrganisationFactory.create_batch(n)
        # The dashboard lists each action's objective; the actions it counts by status.
        return [action.objective.title for action in actions]

    assert_constant_queries(client, "/dashboard/", add)


def _planning_queries(client):
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/dashboard/").content.decode()
    # The KFLC areas are counted on every request; the plan's progress is what the cache keeps.
    queries = [query["sql"] for query in captured]
    return [sql for sql in queries if "planning_" in sql and "planning_kflc" not in sql], page


@pytest.fixture
def plan():
    from tests.planning.factories import ActionPlanFactory

    return ActionPlanFactory(status="adopted", attractive_title="Ciudad que aprende")


def test_dashboard_serves_the_plan_progress_from_the_cache_the_second_time(client, plan):
    from tests.planning.factories import ActionFactory

    ActionFactory(objective__plan=plan)
    first, page = _planning_queries(client)
    second, page_again = _planning_queries(client)
    assert first
    assert second == [], "the plan's progress was computed again"
    section = page[page.index('<section aria-labelledby="plan-heading">') :]
    assert page_again.endswith(section)
    assert "<strong>1</strong> actions" in page_again


def test_dashboard_shows_a_change_made_through_a_service_at_once(
    client, plan, django_capture_on_commit_callbacks
):
    from planning.models import Action
    from planning.services import action_update
    from tests.planning.factories import ActionFactory

    carol = UserFactory(email="carol@example.org")
    action = ActionFactory(objective__plan=plan)
    assert status_count(_planning_queries(client)[1], "Done") == 0
    action.phase = Action.Phase.COMPLETED
    with django_capture_on_commit_callbacks(execute=True):
        action_update(action=action, version=action.version, by=carol)
    assert status_count(_planning_queries(client)[1], "Done") == 1


def test_dashboard_counts_an_action_late_from_the_day_after_its_end(client, plan):
    from tests.planning.factories import ActionFactory

    ActionFactory(objective__plan=plan, start=date(2026, 1, 1), end=date(2026, 6, 30))
    with time_machine.travel(datetime(2026, 6, 30, 17, tzinfo=UTC), tick=False):
        assert status_count(_planning_queries(client)[1], "Late") == 0
    with time_machine.travel(datetime(2026, 7, 1, 17, tzinfo=UTC), tick=False):
        assert status_count(_planning_queries(client)[1], "Late") == 1
