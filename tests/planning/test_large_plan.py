"""A plan with more actions than PLAN_ACTIONS_SHOWN_MAX shows its objectives collapsed on /plan/:
a reader opens one and htmx fetches its actions (/plan/objectives/<id>/actions/); without
JavaScript the same link shows the plan filtered to that objective."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planning.models import ActionPlan
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from tests.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan():
    return ActionPlanFactory(status=ActionPlan.Status.ADOPTED)


@pytest.fixture
def reading(plan):
    """Two objectives: one with three actions, one with one."""
    reading = ObjectiveFactory(plan=plan, title="Leer más")
    for title in ["Club de lectura", "Bibliobús", "Feria del libro"]:
        ActionFactory(objective=reading, title=title)
    ActionFactory(objective__plan=plan, objective__title="Aprender en casa", title="Radio escuela")
    return reading


def test_a_small_plan_shows_every_action(client, settings, reading):
    settings.PLAN_ACTIONS_SHOWN_MAX = 4
    page = client.get("/plan/").content.decode()
    for title in ["Club de lectura", "Bibliobús", "Feria del libro", "Radio escuela"]:
        assert title in page
    assert "hx-get" not in page


def test_a_large_plan_shows_its_objectives_collapsed_with_a_link_to_open_each(
    client, settings, reading
):
    settings.PLAN_ACTIONS_SHOWN_MAX = 3
    page = client.get("/en/plan/").content.decode()
    assert "Leer más" in page and "Aprender en casa" in page
    assert "Club de lectura" not in page and "Radio escuela" not in page
    assert (
        f'<a href="?objective={reading.pk}#objective-{reading.pk}" '
        f'hx-get="/en/plan/objectives/{reading.pk}/actions/"'
    ) in page
    assert "Show its 3 actions" in page and "Show its action<" in page


def test_without_javascript_the_link_shows_the_objectives_actions(client, settings, reading):
    settings.PLAN_ACTIONS_SHOWN_MAX = 3
    page = client.get(f"/plan/?objective={reading.pk}").content.decode()
    for title in ["Club de lectura", "Bibliobús", "Feria del libro"]:
        assert title in page
    assert "Radio escuela" not in page
    # The fragment's address, followed without htmx, lands on the same page.
    response = client.get(f"/plan/objectives/{reading.pk}/actions/")
    assert response.status_code == 302
    assert response["Location"] == f"/plan/?objective={reading.pk}#objective-{reading.pk}"


def test_htmx_fetches_the_table_of_the_objectives_actions_and_moves_the_focus_to_it(
    client, reading
):
    MilestoneFactory(action=reading.actions.get(title="Bibliobús"), completed_on="2026-03-01")
    response = client.get(f"/plan/objectives/{reading.pk}/actions/", **HTMX)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert '<table class="actions-table stack" tabindex="-1" autofocus>' in fragment
    titles = ["Club de lectura", "Bibliobús", "Feria del libro"]
    assert [fragment.index(title) for title in titles] == sorted(
        fragment.index(title) for title in titles
    )
    assert "Radio escuela" not in fragment
    assert "100 %" in fragment


def fetch(client, url):
    """The fragment htmx fetches, and the queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **HTMX)
    assert response.status_code == 200
    return response.content.decode(), captured.captured_queries


def test_the_fragment_uses_the_same_number_of_queries_for_any_number_of_actions(client, reading):
    url = f"/plan/objectives/{reading.pk}/actions/"
    fetch(client, url)
    _page, before = fetch(client, url)
    for number in range(8):
        MilestoneFactory(action=ActionFactory(objective=reading, title=f"Taller {number}"))
    page, after = fetch(client, url)
    assert "Taller 7" in page
    assert len(after) == len(before)


def test_a_drafts_objective_is_not_found_by_the_public_and_opened_by_staff(client_for, sam):
    draft = ObjectiveFactory(plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT))
    ActionFactory(objective=draft, title="Idea en borrador")
    url = f"/plan/objectives/{draft.pk}/actions/"
    assert Client().get(url, **HTMX).status_code == 404
    page = client_for(sam).get(url, **HTMX).content.decode()
    assert "Idea en borrador" in page
    # Staff reorder a draft's actions from the fetched table, as on the full page.
    assert "/reorder/" in page


def test_the_collapsed_page_is_cached_apart_from_the_open_one(client, settings, reading):
    settings.PLAN_ACTIONS_SHOWN_MAX = 10
    assert "Club de lectura" in client.get("/plan/").content.decode()
    settings.PLAN_ACTIONS_SHOWN_MAX = 3
    assert "Club de lectura" not in client.get("/plan/").content.decode()
    assert count_queries(client, "/plan/")
