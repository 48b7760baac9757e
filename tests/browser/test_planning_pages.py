"""Every public planning page of the demo city passes axe, in both languages."""

import pytest

from tests.browser.helpers import assert_accessible

PAGES = [
    "/plan/",
    "/en/plan/",
    "/plan/kflc/",
    "/plan/charter/",
    "/en/plan/charter/",
    "/plan/stocktake/",
    "/plan/workshops/",
    "/en/plan/workshops/",
    "/plan/print/",
    "/dashboard/",
]


@pytest.mark.parametrize("path", PAGES)
def test_planning_pages_are_accessible(live_server, page, demo_city, path):
    page.goto(f"{live_server.url}{path}")
    assert_accessible(page)
