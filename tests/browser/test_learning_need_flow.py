"""On a phone, Ana tells the city what she would like to learn, without an account; Sam of the
city staff finds it in his inbox, answers it with a course, and Ana gets the answer by e-mail.
Every page passes axe, keeps to the CSP and fits the screen."""

from playwright.sync_api import expect

from learningcity.models import OutgoingEmail
from provision.models import LearningNeed
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.provision.factories import OpportunityFactory, SubjectFactory
from tests.stakeholders.factories import PASSWORD, DistrictFactory, UserFactory


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def test_on_a_phone_ana_tells_a_learning_need_and_staff_answer_it(live_server, phone_page):
    base = live_server.url
    cooking = SubjectFactory(slug="cooking", name_es="Cocina", name_en="Cooking")
    DistrictFactory(slug="norte", name_es="Norte", name_en="North")
    OpportunityFactory(name_es="Cocina fácil", name_en="Easy cooking", subjects=[cooking])
    sam = UserFactory(email="sam@example.org", roles=["staff"], preferred_language="en")

    page = phone_page
    page.goto(f"{base}/en/provision/needs/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tell us what you would like to learn"
    )
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Send"])
    _fits(page)

    # Sent empty, the form says what is missing and keeps her on the page.
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()
    expect(page.get_by_text("Choose a subject, or say in your own words")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What would you like to learn?").select_option(label="Cooking")
    page.get_by_label("Where in the city would suit you?").select_option(label="North")
    page.get_by_label("Evenings").check()
    page.get_by_label("Looking after my children").check()
    page.get_by_label("Your e-mail, if you want an answer (optional)").fill("ana@example.org")
    page.get_by_role("button", name="Send").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you. City staff read every learning need")).to_be_visible()
    need = LearningNeed.objects.get()
    assert (need.subject, need.evenings, need.barrier_childcare) == (cooking, True, True)
    assert need.user is None and need.email == "ana@example.org"

    # Sam finds it in his inbox and answers it with a course.
    log_in(page, base, sam.email, PASSWORD)
    page.goto(f"{base}/en/inbox/")
    expect(page.get_by_text("Learning needs to answer")).to_be_visible()
    page.get_by_role("link", name="Cooking").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cooking")
    expect(page.get_by_role("link", name="ana@example.org")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Answered").check()
    page.get_by_label("Your answer, which the person reads").fill("There is a course near you.")
    page.get_by_label("Easy cooking").check()
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("The answer is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning needs")
    assert_accessible(page)
    _fits(page)

    email = OutgoingEmail.objects.get(to="ana@example.org")
    assert "There is a course near you." in email.body and "Easy cooking" in email.body
    assert page.csp_violations == []
