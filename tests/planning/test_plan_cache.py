"""The plan page's body is cached (planning.views._plan_body): served again without its queries,
never stale after a write through planning.services, nor across languages, filters, days or
viewers with different controls."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from planning import services
from planning.models import Action, ActionPlan
from tests.conftest import TODAY
from tests.planning.factories import ActionFactory, ActionPlanFactory, MilestoneFactory
from tests.queries import count_queries, max_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

PLAN = "/plan/"


@pytest.fixture
def plan():
    return ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, attractive_title="Ciudad que aprende"
    )


def statuses(page):
    """Each action's title with its status on the plan page."""
    return dict(
        re.findall(
            r'<a href="/plan/actions/\d+/">([^<]+)</a>.*?class="status status-(\w+)"', page, re.S
        )
    )


def test_a_second_visit_is_served_from_the_cache_without_the_plan_queries(client, plan):
    for _number in range(3):
        MilestoneFactory(action=ActionFactory(objective__plan=plan))
    rendering = count_queries(client, PLAN)
    with max_queries(len(rendering) - 5) as cached:
        page = client.get(PLAN).content.decode()
    # What is left: finding the plan in force (17 queries when rendered, at this writing).
    assert len(cached.captured_queries) <= 2
    assert "Acción" in page
    assert len(statuses(page)) == 3


def test_an_action_updated_through_the_service_shows_at_once(
    client, sam, plan, django_capture_on_commit_callbacks
):
    action = ActionFactory(objective__plan=plan, title="Feria del libro")
    assert statuses(client.get(PLAN).content.decode()) == {"Feria del libro": "on_time"}
    action.phase = Action.Phase.COMPLETED
    with django_capture_on_commit_callbacks(execute=True):
        services.action_update(action=action, version=action.version, by=sam)
    assert statuses(client.get(PLAN).content.decode()) == {"Feria del libro": "done"}


def test_a_change_not_yet_committed_leaves_the_cached_page_alone(client, sam, plan):
    """Bumped at the commit only: a page rendered before it must not be cached as current."""
    action = ActionFactory(objective__plan=plan, title="Feria del libro")
    client.get(PLAN)
    action.phase = Action.Phase.COMPLETED
    services.action_update(action=action, version=action.version, by=sam)  # never commits here
    assert statuses(client.get(PLAN).content.decode()) == {"Feria del libro": "on_time"}


def test_each_language_and_filter_gets_its_own_rendering(client, plan):
    ActionFactory(objective__plan=plan, title="Acción atrasada", end=date(2026, 3, 1))
    ActionFactory(objective__plan=plan, title="Acción a tiempo")
    spanish = client.get(PLAN).content.decode()
    assert "Filtrar las acciones" in spanish
    english = client.get("/en/plan/").content.decode()
    assert "Filter the actions" in english
    assert "Filtrar las acciones" not in english
    late = client.get(PLAN, {"status": "late"}).content.decode()
    assert statuses(late) == {"Acción atrasada": "late"}
    assert set(statuses(client.get(PLAN).content.decode())) == {
        "Acción atrasada",
        "Acción a tiempo",
    }
    # Parameters the filters do not know and the order of those they know change nothing.
    rendering = count_queries(client, PLAN + "?status=on_time&phase=")
    with max_queries(len(rendering) - 5):
        same = client.get(PLAN + "?utm_source=boletin&status=on_time").content.decode()
    assert statuses(same) == {"Acción a tiempo": "on_time"}


def test_staff_see_their_controls_and_the_public_never_does(client, sam, plan):
    ActionFactory(objective__plan=plan)
    versions = reverse("planning:versions")
    assert versions not in client.get(PLAN).content.decode()
    staff = Client()
    staff.force_login(sam)
    assert versions in staff.get(PLAN).content.decode()
    assert versions not in client.get(PLAN).content.decode()


def test_a_drafts_editing_controls_are_never_cached_with_someone_elses_csrf_token(sam, carol):
    draft = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    first, second = ActionFactory(objective__plan=draft), ActionFactory()
    second.objective = first.objective
    second.save()
    url = reverse("planning:plan-version", args=[draft.pk])
    sams = Client(enforce_csrf_checks=True)
    sams.force_login(sam)
    assert 'class="inline-form reorder"' in sams.get(url).content.decode()
    carols = Client(enforce_csrf_checks=True)
    carols.force_login(carol)
    page = carols.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = carols.post(
        reverse("planning:reorder", args=[draft.pk]),
        {"csrfmiddlewaretoken": token, "kind": "action", "id": second.pk, "up": ""},
    )
    assert response.status_code == 302
    assert list(first.objective.actions.order_by("order", "pk")) == [second, first]


def test_an_action_turns_late_when_the_day_passes_its_end_without_any_write(client, plan):
    ActionFactory(objective__plan=plan, title="Feria del libro", end=TODAY.date())
    assert statuses(client.get(PLAN).content.decode()) == {"Feria del libro": "on_time"}
    with time_machine.travel(TODAY + timedelta(days=1)):
        assert statuses(client.get(PLAN).content.decode()) == {"Feria del libro": "late"}
