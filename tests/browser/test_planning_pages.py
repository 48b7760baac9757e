"""Every public planning page of the demo city passes axe, in both languages."""

from tests.browser.helpers import assert_pages_accessible

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


def test_planning_pages_are_accessible(live_server, page, demo_city):
    assert_pages_accessible(page, live_server.url, PAGES)
