"""Browser tests: Playwright (sync API) drives Debian's chromium against the live server.

Never `playwright install`: the browser is the system's chromium (`make test` installs the Debian
package), at /usr/bin/chromium unless CHROMIUM_PATH says otherwise.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from provision.tiles import URL as BLANK_TILES
from tests.browser.helpers import watch_csp
from tests.conftest import IN_CI

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, so `-m "not browser"` leaves them all out."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return shutil.which(path) or (path if os.access(path, os.X_OK) else None)


@pytest.fixture(scope="package")
def _async_unsafe_allowed():
    """While Playwright's sync API runs, the main thread has a running asyncio loop and Django
    would refuse ORM calls (SynchronousOnlyOperation) in the tests and in the database flush after
    each one. Allowed for the browser tests only, and put back when the last of them is done.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_async_unsafe_allowed):
    """One headless chromium for all the browser tests.

    Package scope rather than session scope: Playwright keeps its event loop "running" in the main
    thread until it stops, which would make every later non-browser test look async to Django.
    Within tests/browser/ it is started once, like a session fixture.
    """
    executable = chromium_path()
    if executable is None:
        wanted = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
        message = (
            f"Chromium not found at {wanted}: `make test` installs the Debian package `chromium` "
            "(or set CHROMIUM_PATH)."
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def demo_city(settings):
    """The demo city of `make run` (seed_demo refuses to run with DEBUG off)."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)


@pytest.fixture(autouse=True)
def _local_map_tiles(settings):
    """Maps draw the portal's own blank tiles: tests never reach out to a tile server."""
    settings.MAP_TILES_URL = BLANK_TILES


@pytest.fixture(autouse=True)
def _browser_test_database(live_server, reference_data):
    """Every browser test gets the live server, hence a transactional database (flushed after the
    test), with the reference rows put back; tests that only use `page.set_content` pay little.
    """


def _new_page(browser, options):
    context = browser.new_context(color_scheme="light", **options)
    context.set_default_timeout(10_000)
    page = watch_csp(context.new_page())
    yield page
    context.close()
    # Every page any browser test opens keeps to the Content-Security-Policy.
    assert not page.csp_violations, "\n".join(page.csp_violations)


@pytest.fixture
def page(browser):
    """A desktop page (1280 x 900) in a fresh browser context: no cookies from other tests."""
    yield from _new_page(browser, DESKTOP)


@pytest.fixture
def new_page(browser):
    """A factory of further desktop pages, each its own browser context (another person)."""
    contexts = []

    def make():
        context = browser.new_context(color_scheme="light", **DESKTOP)
        context.set_default_timeout(10_000)
        contexts.append(context)
        pages.append(watch_csp(context.new_page()))
        return pages[-1]

    pages = []
    yield make
    for context in contexts:
        context.close()
    violations = [violation for page in pages for violation in page.csp_violations]
    assert not violations, "\n".join(violations)


@pytest.fixture
def phone_page(browser):
    """A phone page (390 x 844, touch) in a fresh browser context."""
    yield from _new_page(browser, PHONE)
