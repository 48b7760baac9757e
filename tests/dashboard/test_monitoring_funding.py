"""The dashboard and the reports read monitoring (indicators against goals, KFLC coverage) and
funding (needs against money secured, sources, target groups) through their selectors; an area
with nothing entered yet is left out, not shown empty."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from funding.models import Contribution, FundingSource
from planning.models import KflcFocus
from tests.funding.factories import BudgetLineFactory, ContributionFactory
from tests.monitoring.factories import IndicatorFactory, approved_value
from tests.provision.factories import OpportunityFactory
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def indicators():
    """Baseline 100 at the end of 2024, goal 200 at the end of 2026: 150 expected for 2025."""
    focus = KflcFocus.objects.order_by("code").first()
    ahead = IndicatorFactory(name_es="Adultos en cursos", name_en="Adults in courses")
    behind = IndicatorFactory(name_es="Bibliotecas abiertas", name_en="Libraries open")
    for indicator, value in [(ahead, 180), (behind, 110)]:
        indicator.goals.create(year=2026, value=Decimal(200))
        indicator.kflc_focuses.add(focus)
        approved_value(indicator, 2025, value)
    IndicatorFactory(name_es="Sin datos", name_en="No data yet")
    return focus


@pytest.fixture
def money():
    BudgetLineFactory(year=2026, amount=Decimal("1000.00"))
    ContributionFactory(
        year=2026, amount=Decimal("600.00"), source__kind=FundingSource.Kind.FOUNDATION
    )
    ContributionFactory(
        year=2026,
        amount=Decimal("200.00"),
        status=Contribution.Status.RECEIVED,
        received_on=date(2026, 3, 1),
        source__kind=FundingSource.Kind.LOCAL_GOVERNMENT,
    )


def test_the_dashboard_shows_indicators_against_their_goals_and_the_kflc_they_cover(
    client, indicators
):
    page = client.get("/en/dashboard/").content.decode()

    assert "Monitoring: indicators against their goals" in page
    assert "<strong>1</strong> of 3 indicators on track" in page
    assert f"<strong>1</strong> of {KflcFocus.objects.count()} KFLC areas of focus" in page
    assert "Adults in courses" in page and "180 personas (2025)" in page
    assert '<span class="status status-off_track">Off track</span>' in page
    assert f'<tr><th scope="row">{indicators.code} ' in page


def test_the_dashboard_shows_money_needed_against_money_secured(client, money):
    page = client.get("/en/dashboard/").content.decode()

    assert "Funding: money needed and secured" in page
    # 800 pledged (received included) of 1,000 needed.
    assert '<tr><th scope="row">2026 (MXN)</th><td class="number">80 %</td></tr>' in page
    assert '<td class="number" data-label="Gap">200</td>' in page
    assert "Money by type of source, 2026 (MXN)" in page
    assert "Foundation" in page and "Local government" in page


def test_areas_with_nothing_entered_are_left_out(client):
    page = client.get("/en/dashboard/").content.decode()

    assert 'id="monitoring"' not in page
    assert 'id="funding"' not in page


def test_the_dashboard_reads_indicators_and_money_in_a_constant_number_of_queries(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    focus = KflcFocus.objects.order_by("code").first()

    def add(n):
        names = []
        for number in range(n):
            indicator = IndicatorFactory(goals={2026: 200})
            names.append(indicator.name_es)
            indicator.kflc_focuses.add(focus)
            approved_value(indicator, 2025, 120 + number)
            ContributionFactory(year=2025 + number % 2)
            BudgetLineFactory(year=2025 + number % 2)
        return names

    assert_constant_queries(client, "/dashboard/", add)


def test_a_report_keeps_the_monitoring_and_funding_figures_of_its_period(
    indicators, money, published_report
):
    BudgetLineFactory(year=2023, amount=Decimal("999.00"))
    OpportunityFactory(name="Coro comunitario")
    report = published_report(language="en")

    figures = report.snapshot
    assert [row["year"] for row in figures["funding"]["needs"]] == [2026]
    names = [row["name"]["en"] for row in figures["monitoring"]["indicators"]]
    assert "Adults in courses" in names
    page = Client().get(f"/en/reports/{report.pk}/").content.decode()
    assert "Monitoring: indicators against their goals" in page
    assert "Funding: money needed and secured" in page
    rows = list(
        csv.reader(io.StringIO(Client().get(f"/reports/{report.pk}/figures.csv").content.decode()))
    )
    assert ["monitoring.indicator", "Adults in courses", "status", "on_track"] in rows
    assert ["funding.needs", "2026 MXN", "gap", "200.00"] in rows
    assert ["provision", "", "opportunities", "1"] in rows
    assert "Accessibility: learning on offer" in page


def test_the_learning_on_offer_and_the_money_show_a_change_at_once(
    client, money, django_capture_on_commit_callbacks
):
    OpportunityFactory()
    page = client.get("/en/dashboard/").content.decode()
    assert "<strong>1</strong> learning opportunities open to the public" in page
    assert '<td class="number" data-label="Gap">200</td>' in page

    # Kept for the next reader until a row it counts changes, however it changes.
    with django_capture_on_commit_callbacks(execute=True):
        OpportunityFactory()
        ContributionFactory(year=2026, amount=Decimal("200.00"))
    page = client.get("/en/dashboard/").content.decode()
    assert "<strong>2</strong> learning opportunities open to the public" in page
    assert '<td class="number" data-label="Gap">0</td>' in page
