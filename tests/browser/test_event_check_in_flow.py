"""On a phone at the door of the demo's reading club, Sergio of city staff checks one person in
with a tap and another by the code of their e-mail, without the page loading again, the focus
left where the next person is entered; a check-in that fails on the way is said, not lost. No
axe-core violation, nothing against the CSP."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, Registration
from learningcity.models import User
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in
from tests.browser.test_phone_layout import WIDTH_PROBLEMS

CLUB = "club-de-lectura-en-voz-alta"
# htmx binds the swapped desk's forms only once the swap has settled, and its focus-keeping may
# focus the search before that: a tap in the gap would not go through htmx (the likeliest reading
# of a CI run where the code's check-in was never seen).
SETTLED = (
    "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
)


def test_staff_check_people_in_on_a_phone(live_server, phone_page, demo_city):
    # Begun a few minutes ago: the city's date today whatever the hour (check-in opens that day).
    starts = timezone.now() - timedelta(minutes=5)
    Event.objects.filter(slug=CLUB).update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    rosa = Registration.objects.get(event__slug=CLUB, email="rosa.perez@example.org")
    citizen = Registration.objects.get(event__slug=CLUB, email="citizen@example.org")
    page = phone_page
    User.objects.filter(email="staff@example.org").update(preferred_language="en")
    log_in(page, live_server.url, "staff@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/events/{CLUB}/")
    # Each page fully loaded (its deferred htmx running) before the next tap.
    with page.expect_navigation():
        page.get_by_role("button", name="Check people in").click()
    assert_accessible(page)

    page.get_by_label("Name, e-mail address or code").fill("rosa")
    with page.expect_navigation():
        page.get_by_label("Name, e-mail address or code").press("Enter")
    page.wait_for_function("() => window.htmx !== undefined")
    # htmx swaps the desk in place: the page is not loaded again (the marker stays).
    page.evaluate("window.sameVisit = true")
    page.get_by_role("button", name="Check in Rosa Pérez").click()
    expect(page.get_by_role("status")).to_have_text("Rosa Pérez is checked in.")
    expect(page.get_by_label("Name, e-mail address or code")).to_have_value("rosa")
    expect(page.get_by_label("Name, e-mail address or code")).to_be_focused()
    page.wait_for_function(SETTLED)

    page.get_by_label("Code from the confirmation e-mail").fill(citizen.code.lower())
    page.get_by_role("button", name="Check in by code").click()
    expect(page.get_by_role("status")).to_have_text(f"{citizen.name} is checked in.")
    expect(page.get_by_label("Code from the confirmation e-mail")).to_be_focused()
    expect(page.get_by_label("Code from the confirmation e-mail")).to_have_value("")
    assert page.evaluate("window.sameVisit") is True
    expect(page.get_by_text("2 of 2 confirmed people checked in.")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate(WIDTH_PROBLEMS) == []
    page.wait_for_function(SETTLED)

    # The server fails the next one: the desk stays as it was and the live region says so.
    page.route("**/check-in/**", lambda route: route.fulfill(status=500, body="Server Error"))
    page.get_by_label("Code from the confirmation e-mail").fill(citizen.code)
    page.get_by_role("button", name="Check in by code").click()
    expect(page.get_by_role("status")).to_have_text(
        "The check-in did not go through. Check the connection and try again."
    )
    expect(page.get_by_text("2 of 2 confirmed people checked in.")).to_be_visible()
    assert page.evaluate("window.sameVisit") is True
    rosa.refresh_from_db()
    assert rosa.checked_in_at is not None
