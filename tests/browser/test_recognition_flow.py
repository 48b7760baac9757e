"""On a phone, Alice applies for recognition of what she learned with a file as evidence; Dana,
an assessor of the provider, accepts it with reasons; Alice finds her credential on her account
page and anyone may verify it. Every page passes axe, keeps to the CSP and fits the screen."""

from playwright.sync_api import expect

from provision.recognition_models import Credential, RecognitionApplication
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, log_in
from tests.provision.factories import RecognitionProcedureFactory
from tests.stakeholders.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def _check(page):
    assert_accessible(page)
    _fits(page)


def test_on_a_phone_a_learner_applies_an_assessor_accepts_and_the_credential_verifies(
    live_server, phone_page
):
    base = live_server.url
    library = OrganisationFactory(name="Biblioteca Central", slug="biblioteca-central")
    dana = UserFactory(email="dana@example.org", full_name="Dana Asesora", preferred_language="en")
    MembershipFactory(user=dana, organisation=library)
    RecognitionProcedureFactory(
        provider=library,
        slug="mediacion",
        title_es="Mediación de lectura",
        title_en="Reading mediation",
        assessors=[dana],
    )
    alice = UserFactory(
        email="alice@example.org", full_name="Alice Ciudadana", preferred_language="en"
    )
    page = phone_page

    # Alice finds the procedure and applies with a file.
    log_in(page, base, alice.email, PASSWORD)
    page.goto(f"{base}/en/provision/recognition/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recognition of your learning")
    _check(page)
    page.get_by_role("link", name="Reading mediation").click()
    _check(page)
    page.get_by_role("button", name="Apply for recognition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for recognition")
    _check(page)
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()
    _check(page)
    page.get_by_label("What you learned").fill("I read stories to families every Saturday.")
    page.get_by_label("Evidence file").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    expect(page.locator("strong", has_text="Submitted")).to_be_visible()
    _check(page)
    application = RecognitionApplication.objects.get()
    assert application.applicant == alice and application.evidence_file

    # Dana decides from her queue.
    page.context.clear_cookies()
    log_in(page, base, dana.email, PASSWORD)
    page.goto(f"{base}/en/provision/recognition/assess/")
    _check(page)
    page.get_by_role("link", name="Reading mediation").click()
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    _check(page)
    page.get_by_label("Accept: issue the credential").check()
    page.get_by_label("Reasons, which the learner reads").fill("Well prepared sessions.")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("The decision is saved and the learner is told.")).to_be_visible()
    _check(page)
    credential = Credential.objects.get()

    # Alice finds her credential on her account page; its page verifies it.
    page.context.clear_cookies()
    log_in(page, base, alice.email, PASSWORD)
    expect(page.get_by_role("heading", name="Your recognised learning")).to_be_visible()
    page.get_by_role("link", name="your credential").click()
    expect(page.get_by_text("This credential is valid")).to_be_visible()
    expect(page.get_by_text(credential.code)).to_be_visible()
    _check(page)
    assert page.csp_violations == []
