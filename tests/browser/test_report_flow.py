"""Carol the coordinator writes a progress report, generates its PDF and publishes it; a citizen
finds it on /reports/ and downloads the PDF. No axe-core violation on the dashboard or the report
pages, nothing refused by the Content-Security-Policy."""

from playwright.sync_api import expect

from dashboard.models import ProgressReport
from learningcity.models import User
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in, watch_csp

TITLE = "Informe al Cabildo, primer semestre"


def test_a_coordinator_publishes_a_report_and_a_citizen_downloads_it(
    live_server, page, new_page, demo_city, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    User.objects.filter(email="coordinator@example.org").update(preferred_language="en")
    base = live_server.url
    carol = watch_csp(page)
    log_in(carol, base, "coordinator@example.org", DEMO_PASSWORD)
    carol.goto(f"{base}/en/dashboard/")
    expect(carol.get_by_role("heading", name="Participation of stakeholders")).to_be_visible()
    assert_accessible(carol)

    carol.goto(f"{base}/en/reports/")
    carol.get_by_role("button", name="New report").click()
    carol.get_by_label("Title").fill(TITLE)
    carol.get_by_label("For").select_option("city")
    carol.get_by_label("Language").select_option("en")
    carol.get_by_label("Period from").fill("2026-01-01")
    carol.get_by_label("Period to").fill("2026-06-30")
    carol.get_by_label("Summary").fill("Half a year of the plan, district by district.")
    assert_accessible(carol)
    carol.get_by_role("button", name="Save the report").click()
    expect(carol.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(carol.get_by_text("Half a year of the plan, district by district.")).to_be_visible()
    assert_accessible(carol)

    carol.get_by_role("button", name="Generate the PDF").click()
    expect(carol.get_by_role("link", name="Download the PDF")).to_be_visible()
    carol.get_by_role("button", name="Publish the report").click()
    expect(carol.get_by_text("The report is published")).to_be_visible()
    report = ProgressReport.objects.get(title=TITLE)
    assert report.is_published and report.snapshot["plan"]["action_total"] == 40
    assert carol.csp_violations == []

    citizen = new_page()
    citizen.goto(f"{base}/en/reports/")
    assert_accessible(citizen)
    citizen.get_by_role("link", name=TITLE, exact=True).click()
    expect(citizen.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    assert_accessible(citizen)
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="Download the PDF").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
