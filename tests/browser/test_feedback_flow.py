"""On a phone, a citizen leaves feedback without an account; city staff publish it and say what
they did, linked to a plan action; the public page then shows what was heard and what was done,
and the person who left an address is told. The self-assessment and feedback pages have no
axe-core violations, keep to the CSP and fit the phone. English pages: the new strings reach
the Spanish catalogue at the lead's next build."""

from playwright.sync_api import expect

from learningcity.models import OutgoingEmail
from monitoring.models import Feedback
from planning.models import Action, ActionPlan
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, log_in, watch_csp
from tests.browser.test_phone_layout import WIDTH_PROBLEMS

TEXT = "Los talleres de informática se llenan: hacen falta grupos los sábados."
ANSWER = "Abrimos un grupo los sábados por la mañana en la biblioteca."


def test_a_citizen_leaves_feedback_on_a_phone_staff_answer_and_the_public_sees_it(
    live_server, browser, phone_page, demo_city
):
    citizen = phone_page
    citizen.goto(f"{live_server.url}/en/monitoring/feedback/")
    assert_accessible(citizen)
    assert not citizen.evaluate(WIDTH_PROBLEMS)
    citizen.locator("#id_text").fill(TEXT)
    citizen.locator("#id_contact_email").fill("vecina@example.org")
    citizen.locator("form:has(#id_text) button[type=submit]").click()
    expect(citizen.locator("[role=status], .messages").first).to_be_visible()
    item = Feedback.objects.get(text=TEXT)
    emails_before = OutgoingEmail.objects.filter(to="vecina@example.org").count()
    assert item.status == Feedback.Status.WAITING
    expect(citizen.get_by_text(TEXT)).to_have_count(0)

    action = Action.objects.filter(objective__plan__status=ActionPlan.Status.ADOPTED).first()
    context = browser.new_context(color_scheme="light", **PHONE)
    context.set_default_timeout(10_000)
    sergio = watch_csp(context.new_page())
    try:
        log_in(sergio, live_server.url, "staff@example.org", DEMO_PASSWORD)
        sergio.goto(f"{live_server.url}/en/monitoring/feedback/review/")
        with sergio.expect_navigation():
            sergio.locator(f"#feedback-{item.pk} a").first.click()
        assert_accessible(sergio)
        assert not sergio.evaluate(WIDTH_PROBLEMS)
        sergio.locator("button[name=publish]").click()
        sergio.locator("#id_answer-answer").fill(ANSWER)
        sergio.locator("#id_answer-action").select_option(str(action.pk))
        sergio.locator("button[name=answer]").click()
        expect(sergio.locator("#id_answer-answer")).to_have_value(ANSWER)
        assert not sergio.csp_violations, sergio.csp_violations
    finally:
        context.close()

    item.refresh_from_db()
    assert item.status == Feedback.Status.PUBLISHED and item.action == action
    assert OutgoingEmail.objects.filter(to="vecina@example.org").count() == emails_before + 1
    citizen.goto(f"{live_server.url}/en/monitoring/feedback/")
    shown = citizen.locator(f"#feedback-{item.pk}")
    expect(shown).to_contain_text(TEXT)
    expect(shown).to_contain_text(ANSWER)
    expect(
        shown.locator(f"a[href$='{action.get_absolute_url().removeprefix('/en')}']")
    ).to_have_count(1)
    assert "vecina@example.org" not in citizen.content()
    assert_accessible(citizen)
    assert not citizen.evaluate(WIDTH_PROBLEMS)


def test_the_self_assessment_and_feedback_pages_have_no_axe_violations(
    phone_page, live_server, demo_city
):
    for prefix in ["", "/en"]:
        for path in ["/monitoring/kflc/", "/monitoring/feedback/"]:
            phone_page.goto(f"{live_server.url}{prefix}{path}")
            assert_accessible(phone_page)
            assert not phone_page.evaluate(WIDTH_PROBLEMS)
            if path == "/monitoring/kflc/":
                expect(phone_page.locator("figure.chart svg polygon")).to_have_count(5 + 2)
                expect(phone_page.locator("figure.chart table tbody tr")).to_have_count(12)


def test_staff_rate_the_kflc_on_a_phone_and_the_public_sees_this_year_against_last(
    live_server, phone_page, demo_city
):
    from django.utils import timezone

    from monitoring.models import KflcAssessment
    from planning.models import KflcFocus

    year = timezone.localdate().year
    staff = phone_page
    log_in(staff, live_server.url, "staff@example.org", DEMO_PASSWORD)
    staff.goto(f"{live_server.url}/en/monitoring/kflc/")
    staff.locator("#id_year").fill(str(year))
    staff.locator("form:has(#id_year) button[type=submit]").click()
    staff.wait_for_url(f"**/kflc/{year}/edit/")
    assert_accessible(staff)
    assert not staff.evaluate(WIDTH_PROBLEMS)
    for focus in KflcFocus.objects.all():
        staff.locator(f"#id_focus{focus.pk}-level").select_option("4")
    staff.locator("button[name=complete]").click()
    staff.wait_for_url(f"**/kflc/{year}/")
    assert KflcAssessment.objects.get(year=year).is_completed
    staff.goto(f"{live_server.url}/en/monitoring/kflc/")
    expect(staff.locator("figure.chart svg polygon")).to_have_count(5 + 2)
    expect(staff.locator("figure.chart table")).to_contain_text(str(year))
    assert_accessible(staff)
