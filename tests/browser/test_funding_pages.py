"""Funding's public pages pass axe, keep to the CSP and fit a phone, in both languages."""

from playwright.sync_api import expect

from funding.models import CostBenefitAnalysis, CostSharingAgreement
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in
from tests.browser.test_phone_layout import WIDTH_PROBLEMS


def test_the_funding_pages_pass_axe_and_keep_to_the_policy(live_server, page, demo_city):
    analysis = CostBenefitAnalysis.objects.order_by("pk").first()
    for path in ["/funding/", "/en/funding/", analysis.get_absolute_url()]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/en/funding/")
    expect(page.get_by_text("Anonymous donor")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Special measures for marginalised groups")
    ).to_be_visible()
    assert page.csp_violations == []


def test_on_a_phone_the_funding_page_fits_and_leads_to_an_analysis(
    live_server, phone_page, demo_city
):
    page = phone_page
    page.goto(f"{live_server.url}/en/funding/")
    assert page.evaluate(WIDTH_PROBLEMS) == []
    page.get_by_role("link", name="Digital literacy for adults").click()
    expect(page.get_by_text("Net present value")).to_be_visible()
    assert page.evaluate(WIDTH_PROBLEMS) == []
    assert_accessible(page)


def test_the_library_accepts_a_booking_on_a_phone(live_server, phone_page, demo_city):
    page = phone_page
    log_in(page, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/funding/resources/")
    assert_accessible(page)
    page.get_by_role("link", name="Sala de lectura para talleres").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sala de lectura para talleres")
    assert_accessible(page)
    # The demo's stakeholder reads Spanish: buttons and fields found by what they send.
    page.locator('button[value="accept"]').click()
    expect(page.locator('input[name="units_used"]')).to_be_visible()
    assert page.evaluate(WIDTH_PROBLEMS) == []
    assert_accessible(page)


def test_staff_keep_the_books_on_a_phone(live_server, phone_page, demo_city):
    page = phone_page
    log_in(page, live_server.url, "staff@example.org", DEMO_PASSWORD)
    for path in [
        "/funding/needs/",
        "/funding/needs/new/",
        "/funding/contributions/new/",
        "/funding/agreements/",
        "/funding/agreements/new/",
        "/funding/analyses/",
        "/funding/analyses/new/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate(WIDTH_PROBLEMS) == [], path
        assert_accessible(page)
    # An agreement whose shares make 110 % is refused with the message and saved once fixed.
    page.goto(f"{live_server.url}/funding/agreements/new/")
    page.fill('input[name="title_es"]', "Lectura en los mercados")
    page.fill('input[name="title_en"]', "Reading in the markets")
    page.fill('input[name="programme_es"]', "Lectura en los mercados")
    page.select_option('select[name="currency"]', "MXN")
    page.fill('input[name="valid_from"]', "2026-01-01")
    page.fill('input[name="valid_until"]', "2026-12-31")
    page.select_option('select[name="shares-0-party"]', index=1)
    page.fill('input[name="shares-0-percent"]', "60")
    page.select_option('select[name="shares-1-party"]', index=2)
    page.fill('input[name="shares-1-percent"]', "50")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator(".errorlist").filter(has_text="110.00 %")).to_be_visible()
    assert page.evaluate(WIDTH_PROBLEMS) == []
    assert_accessible(page)
    page.fill('input[name="shares-1-percent"]', "40")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/funding/agreements/")
    expect(page.get_by_text("Lectura en los mercados").first).to_be_visible()
    assert CostSharingAgreement.objects.get(title_es="Lectura en los mercados").shares.count() == 2
