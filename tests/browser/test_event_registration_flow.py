"""A guest registers for the demo's full reading club, confirms the address from the e-mail,
lands on the waiting list, and is promoted when two people with places cancel: the citizen on
the event's page, a guest through her e-mailed link. No axe-core violation, nothing against the
CSP."""

import re

from playwright.sync_api import expect

from events.models import Registration
from learningcity.models import OutgoingEmail
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in

CLUB = "/en/events/club-de-lectura-en-voz-alta/"
CANCEL = 'button[name="action"][value="cancel"]'


def link_in(email):
    return re.search(r"http://\S+/events/registrations/[\w-]+/", email.body)[0]


def test_a_guest_waits_for_a_full_event_and_is_promoted_when_others_cancel(
    live_server, page, browser, demo_city, settings
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}{CLUB}")
    expect(page.get_by_text("New registrations join the waiting list.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Gina Invitada")
    page.get_by_label("Your e-mail address").fill("gina@example.org")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("We sent a link to gina@example.org")).to_be_visible()

    confirmation = OutgoingEmail.objects.filter(to="gina@example.org").latest("pk")
    page.goto(link_in(confirmation))
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page.get_by_text("number 2 on the waiting list")).to_be_visible()
    assert_accessible(page)
    gina = Registration.objects.get(email="gina@example.org")
    assert gina.status == "waitlisted"

    # The citizen gives up her place on the event's page: Tomás, first to wait, takes it.
    citizen = browser.new_context(color_scheme="light")
    other = citizen.new_page()
    log_in(other, live_server.url, "citizen@example.org", DEMO_PASSWORD)
    other.goto(f"{live_server.url}{CLUB}")
    other.locator(CANCEL).click()
    other.wait_for_load_state()
    citizen.close()
    gina.refresh_from_db()
    assert gina.status == "waitlisted"

    # Rosa, a guest, cancels through the link in her e-mail: Gina takes her place.
    rosa = Registration.objects.get(email="rosa.perez@example.org")
    page.goto(f"{live_server.url}/en{rosa.get_absolute_url()}")
    page.locator(CANCEL).click()
    expect(page.get_by_text("Your registration was cancelled.")).to_be_visible()

    page.goto(link_in(confirmation))
    expect(page.get_by_text("Place confirmed")).to_be_visible()
    assert_accessible(page)
    promoted = OutgoingEmail.objects.filter(to="gina@example.org").latest("pk")
    assert "you now have a place" in promoted.subject
    assert page.csp_violations == []
