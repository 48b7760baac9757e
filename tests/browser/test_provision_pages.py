"""The pages of learning provision pass axe and keep to the CSP: the search with its filters,
an opportunity's page and a space's page with their maps and JSON-LD (data, never run), the
list of spaces, in both languages; and a visitor searches with the keyboard."""

import json
import re

from playwright.sync_api import expect

from provision.models import Opportunity
from tests.browser.conftest import PHONE
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
        expect(page.locator("[data-place-map]")).to_be_visible()
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


def test_on_a_phone_a_visitor_filters_the_map_and_opens_an_opportunity(
    live_server, phone_page, demo_city
):
    page = phone_page
    page.goto(f"{live_server.url}/en/provision/map/")
    area = page.locator("[data-provision-map]")
    expect(area).to_be_visible()
    expect(area).to_have_attribute("data-shown", re.compile(r"^[1-9]\d*$"))
    everything = int(area.get_attribute("data-shown"))
    expect(page.locator(".marker-cluster").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Cost").select_option("paid")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**cost=paid**")
    expect(area).to_have_attribute("data-shown", re.compile(r"^[1-9]\d*$"))
    assert int(area.get_attribute("data-shown")) < everything
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]

    # Clusters zoom in when tapped, until single markers show; a marker opens its popup.
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    for _ in range(8):
        if single.count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    single.first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    name = page.locator(".leaflet-popup-content a").text_content()
    page.locator(".leaflet-popup-content a").click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    assert page.csp_violations == []
