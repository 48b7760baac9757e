"""On a phone, Alicia answers the open survey of the demo city without an account, with the
keyboard and taps; coming back, she is told she has answered already. The survey list, the
questions and the closed survey's results (also broken down by district) have no axe-core
violations, keep to the CSP and fit the phone. English pages: the survey strings reach the
Spanish catalogue at the lead's next build. Then a member of the library answers the report
its organisation was asked for, on a phone, and city staff read it among the request's
answers; those pages pass axe too."""

import re

from playwright.sync_api import expect

from monitoring.models import Response, StakeholderReport, Survey
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in
from tests.browser.test_phone_layout import WIDTH_PROBLEMS


def _checked(page):
    assert_accessible(page)
    assert not page.evaluate(WIDTH_PROBLEMS)
    assert not page.csp_violations, page.csp_violations


def test_a_citizen_answers_a_survey_on_a_phone_once(live_server, phone_page, demo_city):
    closed, open_survey = Survey.objects.order_by("closes_on")
    page = phone_page
    page.goto(f"{live_server.url}/en/monitoring/surveys/")
    _checked(page)
    page.get_by_role("link", name=open_survey.title_en).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(open_survey.title_en)
    _checked(page)

    # Sent empty, the form comes back saying what is missing, her answers kept.
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    _checked(page)

    single, scale, text = open_survey.questions.order_by("order")
    page.get_by_role("group", name=single.text_en).get_by_label("Yes").check()
    page.get_by_role("group", name=scale.text_en).get_by_label("4").check()
    page.get_by_label(text.text_en).fill("Más cursos por la tarde")
    page.get_by_label("Which district do you live in?").select_option(index=2)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are recorded.")).to_be_visible()
    expect(page.get_by_text("You have already answered this survey")).to_be_visible()
    _checked(page)
    answered = Response.objects.get(survey=open_survey)
    assert answered.user is None and answered.token_hash and answered.district is not None

    # The closed survey's results are public; broken down by district they still fit.
    page.goto(f"{live_server.url}/en/monitoring/surveys/{closed.pk}/results/")
    expect(page.get_by_text("60 people answered.")).to_be_visible()
    _checked(page)
    page.get_by_label("Break the results down").select_option("district")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("table").first).to_contain_text("Not said")
    _checked(page)


def test_the_public_survey_pages_in_spanish_have_no_axe_violations(live_server, page, demo_city):
    closed, open_survey = Survey.objects.order_by("closes_on")
    for path in (
        "/monitoring/surveys/",
        f"/monitoring/surveys/{open_survey.pk}/",
        f"/monitoring/surveys/{closed.pk}/",
        f"/monitoring/surveys/{closed.pk}/results/?by=target_group",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    assert not page.csp_violations, page.csp_violations


def test_a_member_answers_a_report_request_and_staff_tag_it_on_a_phone(
    live_server, phone_page, new_page, demo_city
):
    waiting = StakeholderReport.objects.waiting().get(
        organisation__memberships__user__email="stakeholder@example.org"
    )
    page = phone_page
    log_in(page, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/monitoring/report-requests/mine/")
    _checked(page)
    page.get_by_role("link", name=waiting.request.title).click()
    _checked(page)
    # The stakeholder reads Spanish: what the catalogue translates later is found by its field.
    page.locator("#id_lessons").fill("Las tardes funcionan mejor.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/report-requests/mine/$"))
    _checked(page)
    waiting.refresh_from_db()
    assert waiting.lessons == "Las tardes funcionan mejor."

    staff = new_page()
    log_in(staff, live_server.url, "staff@example.org", DEMO_PASSWORD)
    staff.goto(f"{live_server.url}/en/monitoring/report-requests/")
    assert_accessible(staff)
    staff.goto(f"{live_server.url}/en/monitoring/report-requests/{waiting.request_id}/")
    expect(staff.get_by_text("Las tardes funcionan mejor.")).to_be_visible()
    assert_accessible(staff)
    staff.goto(f"{live_server.url}/en/monitoring/report-requests/new/")
    assert_accessible(staff)
