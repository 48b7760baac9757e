"""A citizen on a phone reads a large plan: objectives come collapsed, a tap fetches one's actions
in place (htmx) with the focus on their table, keyboard first; the page has no axe violations
either way and the Content-Security-Policy refuses nothing htmx does."""

import pytest
from playwright.sync_api import expect

from planning.models import ActionPlan
from tests.browser.helpers import assert_accessible, watch_csp
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory


@pytest.fixture
def plan(settings):
    settings.PLAN_ACTIONS_SHOWN_MAX = 3
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    reading = ObjectiveFactory(plan=plan, title="Leer más")
    for title in ["Club de lectura", "Bibliobús", "Feria del libro"]:
        ActionFactory(objective=reading, title=title)
    ActionFactory(objective__plan=plan, objective__title="Aprender en casa", title="Radio escuela")
    return plan


def test_a_reader_opens_a_collapsed_objective_and_lands_on_its_actions(
    live_server, phone_page, plan
):
    page = watch_csp(phone_page)
    page.goto(f"{live_server.url}/en/plan/")
    expect(page.get_by_role("heading", name="Leer más")).to_be_visible()
    expect(page.get_by_role("link", name="Club de lectura")).to_have_count(0)
    assert_accessible(page)

    opener = page.get_by_role("link", name="Show its 3 actions (“Leer más”)")
    opener.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Actions of “Leer más”")
    expect(table).to_be_focused()
    expect(table.get_by_role("link", name="Bibliobús")).to_be_visible()
    # The page stayed where it was: the other objective is still collapsed, the address unchanged.
    assert page.url == f"{live_server.url}/en/plan/"
    expect(page.get_by_role("link", name="Radio escuela")).to_have_count(0)
    assert_accessible(page)
    assert page.csp_violations == []

    table.get_by_role("link", name="Bibliobús").click()
    expect(page.get_by_role("heading", name="Bibliobús", level=1)).to_be_visible()
