"""The demo city's pages keep to the Content-Security-Policy (no inline script or style).

Every browser test's pages are watched too (tests/browser/conftest.py); this one visits the pages
of every area and of the admin, as a visitor and as staff, and shows that the watch sees a refusal.
"""

from stakeholders.demo import DEMO_PASSWORD as PASSWORD
from tests.browser.helpers import log_in

PUBLIC = [
    "/",
    "/en/",
    "/plan/",
    "/plan/charter/",
    "/plan/kflc/",
    "/stakeholders/",
    "/stakeholders/committee/",
    "/stakeholders/partners/",
    "/dashboard/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]
STAFF = [
    "/stakeholders/register/",
    "/stakeholders/verification/",
    "/plan/versions/",
    "/admin/",
    "/admin/stakeholders/organisation/",
    "/admin/planning/workshop/add/",
]


def test_public_pages_keep_to_the_policy(live_server, page, demo_city):
    for path in PUBLIC:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.csp_violations == []


def test_staff_pages_and_the_admin_keep_to_the_policy(live_server, page, demo_city):
    log_in(page, live_server.url, "staff@example.org", PASSWORD)
    for path in STAFF:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.csp_violations == []


def test_the_watch_sees_an_inline_script_refused(live_server, page):
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("() => window.injected") is None
    assert any("script-src" in violation for violation in page.csp_violations)
    page.csp_violations.clear()  # seen on purpose: the fixture's own check must not fail
