"""On a phone, Bruno of the library enters this year's value of one of its indicators and submits
it; Sergio of city staff approves it from his review page; the public sees it in the indicator's
chart and its table. Each page has no axe-core violations, keeps to the CSP and fits the phone.
English pages: the monitoring strings reach the Spanish catalogue at the lead's next build."""

from django.utils import timezone
from playwright.sync_api import expect

from monitoring.models import Indicator, Period
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, log_in, watch_csp
from tests.browser.test_phone_layout import WIDTH_PROBLEMS

VALUE = "4242"


def _phone(browser):
    context = browser.new_context(color_scheme="light", **PHONE)
    context.set_default_timeout(10_000)
    return context, watch_csp(context.new_page())


def test_an_organisation_submits_a_value_staff_approve_it_and_the_public_chart_shows_it(
    live_server, browser, phone_page, demo_city
):
    indicator = (
        Indicator.objects.filter(
            responsible_organisation__memberships__user__email="stakeholder@example.org",
            metric="",
        )
        .order_by("order")
        .first()
    )
    year = str(timezone.localdate().year)
    page_url = f"{live_server.url}/en/monitoring/indicators/{indicator.pk}/"

    bruno = phone_page
    log_in(bruno, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    bruno.goto(page_url)
    # Bruno reads Spanish: what the catalogue translates later is found by its field.
    with bruno.expect_navigation():
        bruno.locator(f"a[href$='/monitoring/indicators/{indicator.pk}/values/']").click()
    assert_accessible(bruno)
    bruno.locator("#id_period").fill(year)
    bruno.locator("#id_total").fill(VALUE)
    bruno.locator("button[name=submit]").click()
    expect(bruno.locator(".status-submitted")).to_be_visible()
    assert_accessible(bruno)
    assert not bruno.evaluate(WIDTH_PROBLEMS)
    period = Period.objects.get(indicator=indicator, start__year=int(year))
    assert period.status == Period.Status.SUBMITTED

    context, sergio = _phone(browser)
    try:
        log_in(sergio, live_server.url, "staff@example.org", DEMO_PASSWORD)
        sergio.goto(f"{live_server.url}/en/monitoring/review/")
        assert_accessible(sergio)
        assert not sergio.evaluate(WIDTH_PROBLEMS)
        sergio.locator(f"#period-{period.pk} button").first.click()
        expect(sergio.locator(f"#period-{period.pk}")).to_have_count(0)
        assert not sergio.csp_violations, sergio.csp_violations
    finally:
        context.close()

    context, visitor = _phone(browser)
    try:
        visitor.goto(page_url)
        chart = visitor.locator("figure.chart")
        expect(chart.locator("svg circle title").last).to_contain_text(f"{year}: {VALUE}")
        chart.get_by_text("The numbers of").click()
        expect(chart.locator("table")).to_contain_text(VALUE)
        assert_accessible(visitor)
        assert not visitor.evaluate(WIDTH_PROBLEMS)
        visitor.goto(f"{live_server.url}/en/monitoring/")
        assert_accessible(visitor)
        assert not visitor.evaluate(WIDTH_PROBLEMS)
        assert not visitor.csp_violations, visitor.csp_violations
    finally:
        context.close()
