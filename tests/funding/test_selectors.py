"""funding.selectors, as the dashboard reads them: sums per currency, converted where a rate for
the year exists, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding import selectors
from funding.models import ExchangeRate
from learningcity.models import CityProfile
from tests.funding.factories import (
    AllocationFactory,
    BudgetLineFactory,
    ContributionFactory,
    FundingSourceFactory,
)
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pesos(db):
    profile = CityProfile.objects.current()
    profile.currency = "MXN"
    profile.save()


def test_money_allocated_per_district_and_year():
    centro, norte = DistrictFactory(name_es="Centro"), DistrictFactory(name_es="Norte")
    AllocationFactory(
        district=centro, amount=Decimal("100"), contribution=ContributionFactory(year=2025)
    )
    AllocationFactory(
        district=centro, amount=Decimal("50"), contribution=ContributionFactory(year=2025)
    )
    AllocationFactory(
        district=norte, amount=Decimal("70"), contribution=ContributionFactory(year=2026)
    )
    AllocationFactory(amount=Decimal("999"))

    rows = selectors.allocated_by_district()

    assert [(row["district"], row["year"], row["amount"], row["currency"]) for row in rows] == [
        ("Centro", 2025, Decimal("150"), "MXN"),
        ("Norte", 2026, Decimal("70"), "MXN"),
    ]
    assert [row["district"] for row in selectors.allocated_by_district(2026)] == ["Norte"]


def test_needs_against_pledged_and_received_per_year():
    BudgetLineFactory(year=2026, amount=Decimal("1000"))
    BudgetLineFactory(year=2026, action=None, amount=Decimal("500"))
    ContributionFactory(year=2026, amount=Decimal("600"))
    ContributionFactory(
        year=2026, amount=Decimal("300"), status="received", received_on=date(2026, 3, 1)
    )

    [row] = selectors.needs_vs_secured()

    assert (row["year"], row["needed"], row["pledged"], row["received"], row["gap"]) == (
        2026, Decimal("1500"), Decimal("900"), Decimal("300"), Decimal("600"),
    )  # fmt: skip


def test_other_currencies_stay_apart_unless_the_year_has_a_rate():
    ContributionFactory(year=2025, amount=Decimal("100"), currency="EUR")
    ContributionFactory(year=2026, amount=Decimal("100"), currency="EUR")
    ContributionFactory(year=2026, amount=Decimal("1000"))
    ExchangeRate.objects.create(year=2026, currency="EUR", rate=Decimal("20.5"))

    rows = {(row["year"], row["currency"]): row["pledged"] for row in selectors.needs_vs_secured()}

    assert rows == {(2025, "EUR"): Decimal("100"), (2026, "MXN"): Decimal("3050.00")}


def test_the_source_mix_gives_shares_and_the_herfindahl_index():
    ContributionFactory(source=FundingSourceFactory(kind="business"), amount=Decimal("750"))
    ContributionFactory(source=FundingSourceFactory(kind="foundation"), amount=Decimal("250"))

    [mix] = selectors.source_mix()

    assert mix.total == Decimal("1000")
    assert [(kind["kind"], kind["share"]) for kind in mix.kinds] == [
        ("business", Decimal("75.0")),
        ("foundation", Decimal("25.0")),
    ]
    # 0.75² + 0.25² = 0.625
    assert mix.herfindahl == Decimal("0.6250")


def test_the_share_for_marginalised_groups_per_year():
    migrants = TargetGroupFactory(name_es="Migrantes", marginalised=True)
    older = TargetGroupFactory(name_es="Personas mayores", marginalised=False)
    contribution = ContributionFactory(year=2026, amount=Decimal("1000"))
    AllocationFactory(contribution=contribution, amount=Decimal("200"), target_group=migrants)
    AllocationFactory(contribution=contribution, amount=Decimal("100"), target_group=older)
    AllocationFactory(contribution=contribution, amount=Decimal("700"))

    [year] = selectors.marginalised_share()

    assert (year["year"], year["share"], year["marginalised_share"]) == (
        2026, Decimal("30.0"), Decimal("20.0"),
    )  # fmt: skip
    assert [(group["name"], group["share"]) for group in year["groups"]] == [
        ("Migrantes", Decimal("20.0")),
        ("Personas mayores", Decimal("10.0")),
    ]


def test_the_dashboards_reads_do_not_grow_with_the_rows():
    def count():
        with CaptureQueriesContext(connection) as captured:
            selectors.allocated_by_district()
            selectors.needs_vs_secured()
            selectors.source_mix()
            selectors.marginalised_share()
        return len(captured.captured_queries)

    AllocationFactory(district=DistrictFactory(), target_group=TargetGroupFactory())
    count()  # fills the city profile's cache
    before = count()
    for _ in range(5):
        AllocationFactory(district=DistrictFactory(), target_group=TargetGroupFactory())
        BudgetLineFactory()

    assert count() == before
