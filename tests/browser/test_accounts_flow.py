"""A newcomer signs up, confirms the e-mail, switches language and logs out: phone and desktop."""

import re
import time

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from learningcity.models import User
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable

PREFIX = {"es": "", "en": "/en"}
OTHER = {"es": "en", "en": "es"}
PASSWORD = "un-largo-camino-2026"


def in_language(language, text):
    """`text` as the page shows it in `language` (allauth's own catalogue included)."""
    with translation.override(language):
        return translation.gettext(text)


def wait_for_mail(to, timeout=5.0):
    """The confirmation e-mail, sent by the eager Celery task when the sign-up commits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if to in message.to:
                return message
        time.sleep(0.05)
    sent = [(message.to, message.subject) for message in mail.outbox]
    raise AssertionError(f"No e-mail to {to} within {timeout}s; the outbox holds {sent}")


def open_header(page, press, phone):
    """The header's tools: on a phone, the menu, opened with its button."""
    if not phone:
        return page.locator(".site-tools")
    press(page.locator("details.site-menu > summary"))
    return page.locator("details.site-menu")


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("device", ["phone_page", "page"])
def test_sign_up_confirm_switch_language_and_log_out(request, live_server, device, language):
    page = request.getfixturevalue(device)
    phone = device == "phone_page"

    def press(locator):
        locator.tap() if phone else locator.click()

    base = f"{live_server.url}{PREFIX[language]}"
    other = OTHER[language]
    email = f"ana.{language}.{'phone' if phone else 'desktop'}@example.org"

    # The home page, in the language of its address.
    page.goto(f"{base}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    # Sign up from the home page's invitation.
    press(page.locator(f"main a[href='{PREFIX[language]}/accounts/signup/']"))
    page.wait_for_url(f"{base}/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text(in_language(language, "Sign Up"))
    assert_accessible(page)
    assert_keyboard_reachable(
        page, ["#id_email", "#id_full_name", "#id_password1", "#id_password2"]
    )
    page.locator("#id_email").fill(email)
    page.locator("#id_full_name").fill("Ana Aprendiz")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    press(page.locator("main form").get_by_role("button", name=in_language(language, "Sign Up")))
    page.wait_for_url(f"{base}/accounts/confirm-email/")
    assert_accessible(page)

    # The confirmation link from the e-mail, opened in the same browser.
    message = wait_for_mail(email)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, f"No confirmation link in:\n{message.body}"
    assert link.group(0).startswith(f"{base}/accounts/confirm-email/")
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        in_language(language, "Confirm Email Address")
    )
    assert_accessible(page)
    press(page.get_by_role("button", name=in_language(language, "Confirm")))

    # Confirming logs the person in and shows the profile.
    page.wait_for_url(f"{base}/accounts/profile/")
    expect(page.locator("details.account-menu")).to_have_count(1)
    user = User.objects.get(email=email)
    assert user.full_name == "Ana Aprendiz"
    assert user.preferred_language == language
    assert_accessible(page)

    # The header's language switch: the same page in the other language, remembered. On a phone
    # the header's tools are behind its Menu button.
    header = open_header(page, press, phone)
    press(header.locator(f".language-switch button[value='{other}']"))
    page.wait_for_url(f"{live_server.url}{PREFIX[other]}/accounts/profile/")
    expect(page.locator("html")).to_have_attribute("lang", other)
    user.refresh_from_db()
    assert user.preferred_language == other

    # Log out through the account menu and allauth's confirmation button.
    if phone:
        header = open_header(page, press, phone)
    else:
        press(page.locator("details.account-menu > summary"))
        header = page.locator("details.account-menu")
    press(header.locator(f"a[href='{PREFIX[other]}/accounts/logout/']"))
    page.wait_for_url(f"{live_server.url}{PREFIX[other]}/accounts/logout/")
    assert_accessible(page)
    press(page.get_by_role("button", name=in_language(other, "Sign Out")))
    page.wait_for_url(f"{live_server.url}{PREFIX[other]}/")
    expect(page.locator("details.account-menu")).to_have_count(0)

    # Logged out: the header offers to log in again.
    header = open_header(page, press, phone)
    press(header.locator(f"a[href='{PREFIX[other]}/accounts/login/']"))
    page.wait_for_url(f"{live_server.url}{PREFIX[other]}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert_accessible(page)


_ERRORS_LINKED = """() => Array.from(document.querySelectorAll("main form [aria-invalid='true']"))
  .map((field) => ({
    field: field.name,
    errors: (field.getAttribute("aria-describedby") || "").split(/\\s+/)
      .map((id) => document.getElementById(id))
      .filter((element) => element && element.matches(".errorlist"))
      .map((element) => element.innerText.trim()),
  }))"""


def test_sign_up_errors_are_tied_to_their_fields(page, live_server):
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.locator("#id_email").fill("ana@example.org")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("different")
    page.locator("main form").get_by_role("button", name=in_language("en", "Sign Up")).click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    invalid = page.evaluate(_ERRORS_LINKED)
    assert invalid, "no field is marked aria-invalid"
    assert all(field["errors"] for field in invalid), invalid
    assert_accessible(page)
    assert not mail.outbox
