"""On a phone: Bob, admin of the Biblioteca Central, pledges that it becomes a learning
organisation and fills its self-assessment; Ana, without an account, reports a barrier at one of
its spaces, and Sam of the city staff answers it from his inbox and shows it on the space's page.
Every page passes axe, keeps to the CSP and fits the screen."""

from playwright.sync_api import expect

from learningcity.models import OutgoingEmail
from provision.learning_org_models import ASSESSMENT_ITEMS, BarrierReport, SelfAssessment
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.provision.factories import LearningSpaceFactory
from tests.stakeholders.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def _checked(page):
    assert_accessible(page)
    _fits(page)


def test_on_a_phone_an_admin_pledges_and_fills_the_self_assessment(live_server, phone_page):
    base = live_server.url
    library = OrganisationFactory(name="Biblioteca Central", slug="biblioteca-central")
    bob = UserFactory(email="bob@example.org", preferred_language="en")
    MembershipFactory(user=bob, organisation=library, role="admin")

    page = phone_page
    log_in(page, base, bob.email, PASSWORD)
    page.goto(f"{base}/en/provision/learning-organisations/")
    _checked(page)
    page.get_by_role("link", name="Biblioteca Central as a learning organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Biblioteca Central as a learning organisation"
    )
    _checked(page)
    page.get_by_role("button", name="Pledge", exact=True).click()

    # Sent without a commitment, the form says so and keeps him on the page.
    page.get_by_label("Our commitments in our words").fill("Two hours a week to learn.")
    page.get_by_role("button", name="Save the pledge").click()
    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()
    expect(page.get_by_text("Choose at least one commitment.")).to_be_visible()
    _checked(page)
    page.get_by_label("Learning time for staff").check()
    page.get_by_label("Mentoring").check()
    page.get_by_role("button", name="Save the pledge").click()
    expect(page.get_by_text("Your pledge is saved.")).to_be_visible()
    _checked(page)

    page.get_by_role("link", name="Fill the self-assessment of 2026").click()
    _checked(page)
    assert_keyboard_reachable(page, ["Save the self-assessment"])
    for number in range(len(ASSESSMENT_ITEMS)):
        group = page.locator("fieldset").nth(number)
        group.get_by_label("Well on the way").check()
    page.locator("fieldset").first.get_by_label("Comment").fill("Our director takes courses too.")
    page.get_by_role("button", name="Save the self-assessment").click()
    expect(page.get_by_text("Your self-assessment is saved.")).to_be_visible()
    assessment = SelfAssessment.objects.get()
    assert sorted(assessment.answers.values_list("rating", flat=True)) == [3] * 8

    page.goto(f"{base}/en/provision/learning-organisations/biblioteca-central/")
    expect(page.get_by_text("Our director takes courses too.")).to_be_visible()
    _checked(page)
    assert page.csp_violations == []


def test_on_a_phone_ana_reports_a_barrier_and_staff_answer_it(live_server, phone_page):
    base = live_server.url
    space = LearningSpaceFactory(name="Biblioteca Norte", slug="biblioteca-norte")
    sam = UserFactory(email="sam@example.org", roles=["staff"], preferred_language="en")

    page = phone_page
    page.goto(f"{base}/en/provision/spaces/{space.slug}/")
    _checked(page)
    page.get_by_role("link", name="Report a barrier you met here").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a barrier")
    _checked(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()
    _checked(page)
    page.get_by_label("Getting in or moving around").check()
    page.get_by_label("What happened?").fill("The ramp is blocked by flower pots.")
    page.get_by_label("Your e-mail, if you want an answer (optional)").fill("ana@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you. City staff read every report")).to_be_visible()
    assert BarrierReport.objects.get().user is None

    log_in(page, base, sam.email, PASSWORD)
    page.goto(f"{base}/en/inbox/")
    expect(page.get_by_text("Barriers reported at learning spaces")).to_be_visible()
    page.get_by_role("link", name="Biblioteca Norte · Getting in or moving around").first.click()
    expect(page.get_by_role("link", name="ana@example.org")).to_be_visible()
    _checked(page)
    page.get_by_label("Resolved").check()
    page.get_by_label("Your answer, which the person reads").fill(
        "We moved the pots and put up a sign."
    )
    page.get_by_label("Shown on the space's page").check()
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("The answer is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Barriers at learning spaces")
    _checked(page)

    page.goto(f"{base}/en/provision/spaces/{space.slug}/")
    expect(page.get_by_text("We moved the pots and put up a sign.")).to_be_visible()
    _checked(page)
    email = OutgoingEmail.objects.get(to="ana@example.org")
    assert "We moved the pots" in email.body
    assert page.csp_violations == []
