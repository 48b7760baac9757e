"""On a phone, Sam of city staff drafts the bulletin of last month, changes its English title and
sends it; a citizen reads it in the archive. Every page passes axe-core, keeps to the CSP and
fits the phone."""

from django.core import mail
from playwright.sync_api import expect

from learningcity.models import User
from monitoring.models import Bulletin
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in
from tests.browser.test_phone_layout import WIDTH_PROBLEMS


def _checked(page):
    assert_accessible(page)
    assert not page.evaluate(WIDTH_PROBLEMS)
    assert not page.csp_violations, page.csp_violations


def test_staff_send_a_bulletin_on_a_phone_and_a_citizen_reads_it(
    live_server, phone_page, new_page, demo_city
):
    User.objects.filter(email="staff@example.org").update(preferred_language="en")
    Bulletin.objects.all().delete()
    base = live_server.url
    page = phone_page
    log_in(page, base, "staff@example.org", DEMO_PASSWORD)
    page.goto(f"{base}/en/monitoring/bulletins/")
    _checked(page)
    page.get_by_role("button", name="Draft the bulletin").click()
    expect(page.get_by_role("heading", name="Edit the bulletin", level=1)).to_be_visible()
    _checked(page)
    page.get_by_label("Title (in English)").fill("Last month in the learning city")
    page.get_by_role("button", name="Save the bulletin").click()
    expect(page.get_by_role("heading", name="Last month in the learning city")).to_be_visible()
    _checked(page)
    sent_before = len(mail.outbox)
    page.get_by_role("button", name="Send the bulletin").click()
    expect(page.get_by_text("The bulletin is on its way to")).to_be_visible()
    bulletin = Bulletin.objects.get()
    assert bulletin.is_sent and bulletin.recipients > 0
    assert len(mail.outbox) > sent_before

    citizen = new_page()
    citizen.goto(f"{base}/en/monitoring/bulletins/")
    _checked(citizen)
    citizen.get_by_role("link", name="Last month in the learning city").click()
    expect(citizen.get_by_text("What the learning city did from")).to_be_visible()
    _checked(citizen)
    citizen.goto(f"{base}/monitoring/bulletins/{bulletin.pk}/")
    _checked(citizen)
