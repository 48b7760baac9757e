"""The accessibility helpers catch what they should, and the home page, the learning need form
and the target-group pages pass them."""

import pytest

from tests.browser.helpers import assert_accessible, assert_keyboard_reachable
from tests.provision.factories import LearningNeedFactory, OpportunityFactory
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory

INACCESSIBLE = """<!DOCTYPE html>
<html>
<head><title>Broken</title></head>
<body>
  <main>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
    <form><input type="text" name="city"></form>
  </main>
</body>
</html>"""

KEYBOARD_TRAPS = """<!DOCTYPE html>
<html lang="en">
<head><title>Keyboard</title><style>.bare:focus { outline: none; box-shadow: none; }</style></head>
<body>
  <main>
    <a href="#first">Reachable</a>
    <a href="#second" tabindex="-1">Mouse only</a>
    <button type="button" class="bare">No focus ring</button>
  </main>
</body>
</html>"""


def test_axe_reports_an_image_without_alt_and_an_input_without_label(page):
    page.set_content(INACCESSIBLE)
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "image-alt (critical)" in report
    assert "label (critical)" in report
    assert "html-has-lang" in report
    assert '<img src="data:image/gif' in report
    assert '<input type="text" name="city">' in report


@pytest.mark.parametrize("device", ["page", "phone_page"])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_home_page_has_no_axe_violations(request, live_server, device, prefix):
    page = request.getfixturevalue(device)
    page.goto(f"{live_server.url}{prefix}/")
    assert_accessible(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_404_page_has_no_axe_violations(page, live_server, prefix):
    response = page.goto(f"{live_server.url}{prefix}/no-such-page/")
    assert response.status == 404
    assert page.locator("#error-heading").count() == 1
    assert_accessible(page)


def test_keyboard_check_reports_unreachable_controls_and_missing_focus_rings(page):
    page.set_content(KEYBOARD_TRAPS)
    with pytest.raises(AssertionError) as failure:
        assert_keyboard_reachable(page, ["Reachable", "#nowhere"])
    report = str(failure.value)
    assert 'Tab never reaches <a> "Mouse only"' in report
    assert "no visible focus indicator on <button>" in report
    assert "no visible control matches '#nowhere'" in report
    assert "'Reachable'" not in report  # found by its text, and reached


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_every_control_of_the_home_page_is_reachable_by_keyboard(request, live_server, device):
    page = request.getfixturevalue(device)
    page.goto(f"{live_server.url}/en/")
    if device == "phone_page":
        # On a phone the language switch and the account links are behind the Menu button.
        page.locator("details.site-menu > summary").click()
    assert_keyboard_reachable(
        page, ["a.skip-link", "Español", "main a[href='/en/accounts/signup/']"]
    )


def test_skip_link_moves_focus_to_the_main_content(page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("device", ["page", "phone_page"])
@pytest.mark.parametrize(
    "path", ["/provision/needs/new/", "/en/provision/for/", "/provision/for/migrant-families/"]
)
def test_the_learning_need_form_and_the_target_group_pages_have_no_axe_violations(
    request, live_server, device, path
):
    group = TargetGroupFactory(slug="migrant-families")
    OpportunityFactory(target_groups=[group], childcare=True)
    LearningNeedFactory(district=DistrictFactory(), target_groups=[group])
    page = request.getfixturevalue(device)
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
