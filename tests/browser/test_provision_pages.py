"""The pages of learning provision pass axe and keep to the CSP: the search with its filters,
an opportunity's page and a space's page with their maps and JSON-LD (data, never run), the
list of spaces, in both languages; and a visitor searches with the keyboard."""

import json

from playwright.sync_api import expect

from provision.models import Opportunity
from tests.browser.helpers import assert_accessible


def _in_a_space():
    return Opportunity.objects.public().filter(location__isnull=False).order_by("pk").first()


def test_the_provision_pages_pass_axe_and_keep_to_the_policy(live_server, page, demo_city):
    opportunity = _in_a_space()
    lists = ["/provision/", "/en/provision/", "/provision/?cost=free&schedule=evenings&soon=on",
             "/provision/spaces/", "/en/provision/spaces/?resource=computers"]  # fmt: skip
    for path in lists:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    details = [opportunity.get_absolute_url(), opportunity.location.get_absolute_url()]
    for path in [*details, *("/en" + path for path in details)]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("[data-organisation-map]")).to_be_visible()
        assert_accessible(page)
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Place"
    assert page.csp_violations == []


def test_a_visitor_searches_with_the_keyboard_and_opens_an_opportunity(
    live_server, page, demo_city
):
    page.goto(f"{live_server.url}/en/provision/")
    page.get_by_role("searchbox", name="Search").fill("guitar")
    page.get_by_label("Format").select_option("in_person")
    page.get_by_role("button", name="Search").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**q=guitar**")
    results = page.get_by_role("link", name="Guitar for beginners")
    expect(results.first).to_be_visible()
    results.first.click()
    expect(page.get_by_role("heading", level=1, name="Guitar for beginners")).to_be_visible()
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Course"
    assert data["hasCourseInstance"][0]["courseMode"] in {"onsite", "blended"}
