"""Carol the coordinator fills in the city's GNLC membership profile on a phone with the
keyboard: a motivation over 200 words is refused with its count and nothing is lost; once saved
she downloads the PDF. No axe-core violation, nothing refused by the Content-Security-Policy."""

from playwright.sync_api import expect

from dashboard.models import GnlcProfile
from learningcity.models import User
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in, watch_csp

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def test_a_coordinator_keeps_the_gnlc_profile_on_a_phone(live_server, browser, demo_city):
    User.objects.filter(email="coordinator@example.org").update(preferred_language="en")
    context = browser.new_context(color_scheme="light", **PHONE)
    context.set_default_timeout(10_000)
    page = watch_csp(context.new_page())
    base = live_server.url
    log_in(page, base, "coordinator@example.org", DEMO_PASSWORD)
    page.goto(f"{base}/en/reports/")
    page.get_by_role("link", name="GNLC membership profile").click()
    expect(page.get_by_role("heading", name="GNLC membership profile", level=1)).to_be_visible()
    expect(page.get_by_label("Population:", exact=True)).to_have_value("412000")
    assert_accessible(page)

    motivation = page.get_by_label("Motivation")
    motivation.fill("word " * 201)
    page.get_by_label("Reaching marginalised groups").select_option("2")
    page.get_by_label("Mayor's name").focus()
    page.keyboard.press("End")
    page.keyboard.type(" (interina)")
    page.get_by_label("Mayor's name").press("Enter")  # submits the form from the keyboard
    expect(page.get_by_text("201 words; at most 200.")).to_be_visible()
    expect(page.get_by_label("Mayor's name")).to_have_value("Elena Márquez Ríos (interina)")
    assert_accessible(page)

    page.get_by_label("Motivation").fill("Every person finds a place to learn.")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_text("The GNLC membership profile is saved.")).to_be_visible()
    profile = GnlcProfile.objects.get()
    assert profile.challenge_marginalised == 2 and profile.motivation.startswith("Every person")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the profile as a PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert page.csp_violations == []
    context.close()
