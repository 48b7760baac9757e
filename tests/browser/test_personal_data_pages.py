"""The privacy page and the account page's "Your data" section: accessible, on a phone too; a
person downloads their data and deletes their account with the mouse or the keyboard."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from learningcity.models import User
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.stakeholders.factories import PASSWORD, UserFactory


@pytest.mark.parametrize("device", ["page", "phone_page"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_privacy_page_has_no_axe_violations(request, live_server, device, prefix):
    page = request.getfixturevalue(device)
    page.goto(f"{live_server.url}{prefix}/privacy/")
    assert page.locator("h1").count() == 1
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    )
    assert_accessible(page)


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_a_person_downloads_their_data_then_deletes_their_account(request, live_server, device):
    page = request.getfixturevalue(device)
    person = UserFactory(
        email="elena@example.org", full_name="Elena Vecina", preferred_language="en"
    )
    log_in(page, live_server.url, person.email, PASSWORD)
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    )
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Download my data", "#delete_password"])

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "elena@example.org"

    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    page.wait_for_url(f"**{reverse('account_profile')}")
    assert "the password is not right" in page.locator(".messages").inner_text()
    assert_accessible(page)
    assert User.objects.filter(email="elena@example.org").exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("Your password").press("Enter")
    page.wait_for_url(f"{live_server.url}/en/")
    assert "were deleted" in page.locator(".messages").inner_text()
    assert not User.objects.filter(email="elena@example.org").exists()
