"""Bob registers his organisation on a phone, Sam of city staff verifies it, Alice finds it."""

import pytest
from playwright.sync_api import expect

from learningcity.models import CityProfile
from stakeholders.models import Organisation
from tests.browser.helpers import assert_accessible, log_in
from tests.stakeholders.factories import PASSWORD, UserFactory


@pytest.fixture
def city(db):
    profile = CityProfile.objects.current()
    profile.name = "Villa Prueba"
    profile.bbox_south, profile.bbox_north = 19, 20
    profile.bbox_west, profile.bbox_east = -102, -101
    profile.map_center_lat, profile.map_center_lon = 19.5, -101.5
    profile.save()
    return profile


def test_an_organisation_registers_is_verified_and_becomes_public(
    live_server, phone_page, new_page, city
):
    base = live_server.url
    UserFactory(email="bob@example.org", preferred_language="en")
    UserFactory(email="sam@example.org", preferred_language="en", roles=["staff"])

    # Bob registers on his phone, picking the place on the map.
    bob = phone_page
    log_in(bob, base, "bob@example.org", PASSWORD)
    bob.goto(f"{base}/en/stakeholders/register/")
    assert_accessible(bob)
    bob.get_by_label("Name").fill("Casa de la Cultura del Sur")
    bob.get_by_label("Sector").select_option(label="Culture, libraries and museums")
    bob.get_by_label("Kind").select_option(label="Museum or cultural centre")
    bob.get_by_label("Description (in Spanish)").fill(
        "Talleres de música y pintura para todas las edades."
    )
    bob.locator(".map").click(position={"x": 120, "y": 100})
    expect(bob.get_by_label("Latitude")).not_to_have_value("")
    bob.get_by_role("button", name="Register").click()
    expect(bob.get_by_role("heading", level=1)).to_have_text("Casa de la Cultura del Sur")
    expect(bob.get_by_text("Awaiting verification")).to_be_visible()
    organisation = Organisation.objects.get()
    assert city.contains(organisation.latitude, organisation.longitude)

    # Nobody else sees it yet.
    alice = new_page()
    alice.goto(f"{base}/en/stakeholders/")
    expect(alice.get_by_text("Casa de la Cultura del Sur")).to_have_count(0)

    # Sam verifies it.
    sam = new_page()
    log_in(sam, base, "sam@example.org", PASSWORD)
    sam.goto(f"{base}/en/stakeholders/verification/")
    assert_accessible(sam)
    sam.get_by_role("button", name="Verify").click()
    expect(sam.get_by_text("is verified and public")).to_be_visible()

    # Alice, anonymous, finds it in the directory and opens its page.
    alice.goto(f"{base}/en/stakeholders/?q=cultura")
    assert_accessible(alice)
    alice.get_by_role("link", name="Casa de la Cultura del Sur").click()
    expect(alice.get_by_role("heading", level=1)).to_have_text("Casa de la Cultura del Sur")
    assert_accessible(alice)


def test_participation_pages_are_accessible(live_server, page, demo_city):
    for path in [
        "/stakeholders/committee/",
        "/stakeholders/partners/",
        "/stakeholders/good-practices/",
        "/en/stakeholders/committee/",
    ]:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
