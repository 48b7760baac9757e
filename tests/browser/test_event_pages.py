"""The events' pages pass axe and keep to the CSP: the calendar with its filters, the archive,
and the demo festival's page with its map and its JSON-LD (data, never run), in both languages."""

import json

from playwright.sync_api import expect

from learningcity.models import User
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in

FESTIVAL = "/events/festival-del-aprendizaje/"


def test_the_event_pages_pass_axe_and_keep_to_the_policy(live_server, page, demo_city):
    for path in ["/events/", "/en/events/", "/events/past/", "/events/?price=free&kind=festival"]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/en/events/conferencia-ciudades-que-aprenden/")
    expect(page.get_by_role("heading", name="Schedule")).to_be_visible()
    assert_accessible(page)
    for path in [FESTIVAL, "/en" + FESTIVAL]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("[data-place-map]")).to_be_visible()
        assert_accessible(page)
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["name"] == "Learning Festival"
    assert page.csp_violations == []


def test_a_visitor_filters_the_calendar_with_the_keyboard(live_server, page, demo_city):
    page.goto(f"{live_server.url}/en/events/")
    page.get_by_label("Kind of event").select_option("conference")
    page.get_by_role("button", name="Filter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=conference**")
    expect(page.get_by_role("link", name="Learning Cities Conference")).to_be_visible()
    expect(page.get_by_role("link", name="Learning Festival")).to_have_count(0)


def test_proposing_and_reviewing_events_pass_axe(live_server, page, demo_city):
    User.objects.filter(email__in=["stakeholder@example.org", "staff@example.org"]).update(
        preferred_language="en"
    )
    log_in(page, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/events/propose/")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/en{FESTIVAL}exhibit/")
    page.get_by_role("button", name="Apply to exhibit").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    log_in(page, live_server.url, "staff@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/events/proposals/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/en{FESTIVAL}call-for-exhibitors/")
    expect(page.get_by_role("button", name="Send the call")).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []
