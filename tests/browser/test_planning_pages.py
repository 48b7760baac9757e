"""Every public planning page of the demo city passes axe, in both languages."""

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


def test_planning_pages_are_accessible(live_server, page, demo_city):
    # One test, one demo city (seeding it is most of a browser test's time), every page.
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
