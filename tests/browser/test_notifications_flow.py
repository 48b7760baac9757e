"""Bob hears that his organisation is verified, moves stock-taking reviews to the weekly digest
and stops the verification e-mails with the link in the one he got."""

from playwright.sync_api import expect

from learningcity.models import Notification, NotificationPreference, OutgoingEmail
from stakeholders.services import organisation_verify
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.stakeholders.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

VERIFIED = "stakeholders.organisation_verified"
REVIEWED = "planning.stocktake_reviewed"


def test_bob_chooses_a_weekly_digest_and_unsubscribes_through_the_emails_link(
    live_server, page, new_page
):
    base = live_server.url
    bob = UserFactory(email="bob@example.org", full_name="Bob Library", preferred_language="en")
    sam = UserFactory(email="sam@example.org", roles=["staff"])
    organisation = OrganisationFactory(name="Casa de la Cultura del Sur", verified=False)
    MembershipFactory(user=bob, organisation=organisation, role="admin")
    organisation_verify(organisation=organisation, by=sam)

    # Bob sees the news in the header, on the page of notifications.
    log_in(page, base, bob.email, PASSWORD)
    expect(page.locator(".site-tools .notifications-count")).to_have_text("1")
    page.locator(".site-tools").get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_text("1 unread notification.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Casa de la Cultura del Sur is now public")
    ).to_be_visible()
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Mark all as read"])
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("0 unread notifications.")).to_be_visible()
    expect(page.locator(".notifications-count")).to_have_count(0)

    # From the account menu, he moves stock-taking reviews to the weekly digest.
    page.get_by_text("Your account").click()
    page.get_by_role("link", name="Notification e-mails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification e-mails")
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Save"])
    page.get_by_label("Your stock-taking entries are reviewed").select_option(
        label="In a weekly digest"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your notification choices were saved.")).to_be_visible()
    expect(page.get_by_label("Your stock-taking entries are reviewed")).to_have_value("weekly")
    assert NotificationPreference.objects.get(user=bob, kind=REVIEWED).frequency == "weekly"

    # The e-mail he got carries its own unsubscribe link: opened anywhere, no login needed.
    email = OutgoingEmail.objects.get(to=bob.email)
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert link in email.body
    reader = new_page()
    reader.goto(link.replace("http://127.0.0.1:8000", base))
    expect(reader.get_by_role("heading", level=1)).to_have_text("Stop notification e-mails")
    expect(reader.get_by_text("Your organisation is verified")).to_be_visible()
    assert_accessible(reader)
    assert_keyboard_reachable(reader, ["Unsubscribe"])
    # Opening the link changed nothing: link scanners open every link of an e-mail.
    assert not NotificationPreference.objects.filter(user=bob, kind=VERIFIED).exists()
    reader.get_by_role("button", name="Unsubscribe").click()
    expect(reader.get_by_text("Done: you will get no more e-mails about:")).to_be_visible()
    assert_accessible(reader)
    assert NotificationPreference.objects.get(user=bob, kind=VERIFIED).frequency == "never"

    # Bob sees the choice on his page, and the notification stays listed.
    page.reload()
    expect(page.get_by_label("Your organisation is verified")).to_have_value("never")
    assert Notification.objects.filter(recipient=bob).count() == 1


def test_a_changed_unsubscribe_link_says_so(live_server, page):
    page.goto(f"{live_server.url}/en/unsubscribe/not-a-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This unsubscribe link does not work")
    assert_accessible(page)
