"""The public funding page and the cost-benefit analyses."""

from datetime import date
from decimal import Decimal

import pytest

from funding.models import ExchangeRate
from tests.funding.factories import (
    AllocationFactory,
    ContributionFactory,
    CostBenefitAnalysisFactory,
    CostBenefitYearFactory,
    FundingSourceFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    from learningcity.models import CityProfile

    profile = CityProfile.objects.current()
    profile.currency = "MXN"
    profile.save()
    return profile


def test_the_public_page_keeps_the_recommendations(client, city):
    response = client.get("/en/funding/")

    assert response.status_code == 200
    assert "guidelines-heading" in response.content.decode()
    assert "Carry out a cost-benefit analysis" in response.content.decode()


def test_totals_are_per_type_and_year_and_currency_without_a_rate(client, city):
    ContributionFactory(
        source=FundingSourceFactory(kind="business"), amount=Decimal("1000"), year=2026
    )
    ContributionFactory(
        source=FundingSourceFactory(kind="business"), amount=Decimal("500.50"), year=2026
    )
    ContributionFactory(
        source=FundingSourceFactory(kind="supranational"),
        amount=Decimal("200"),
        currency="EUR",
        year=2026,
    )

    page = client.get("/en/funding/").content.decode()

    assert "1,500.50 MXN" in page
    assert "200.00 EUR" in page


def test_a_rate_for_the_year_converts_into_the_city_currency(client, city):
    ContributionFactory(
        source=FundingSourceFactory(kind="business"), amount=Decimal("1000"), year=2026
    )
    ContributionFactory(
        source=FundingSourceFactory(kind="business"),
        amount=Decimal("100"),
        currency="EUR",
        year=2026,
    )
    ExchangeRate.objects.create(year=2026, currency="EUR", rate=Decimal("20"))

    page = client.get("/en/funding/").content.decode()

    assert "3,000.00 MXN" in page
    assert "EUR" not in page.split("Who funds the programme")[1].split("How diverse")[0]


def test_an_anonymous_philanthropist_is_not_named(client, city):
    ContributionFactory(
        source=FundingSourceFactory(name="Doña Rica", kind="philanthropist", anonymous=True)
    )
    ContributionFactory(source=FundingSourceFactory(name="Empresa Abierta"))

    page = client.get("/en/funding/").content.decode()

    assert "Doña Rica" not in page
    assert "Anonymous donor" in page
    assert "Empresa Abierta" in page


def test_the_herfindahl_index_and_the_share_for_marginalised_groups(client, city):
    ContributionFactory(source=FundingSourceFactory(kind="business"), amount=Decimal("600"))
    contribution = ContributionFactory(
        source=FundingSourceFactory(kind="foundation"), amount=Decimal("400")
    )
    group = TargetGroupFactory(name_en="Migrant families", marginalised=True)
    AllocationFactory(contribution=contribution, amount=Decimal("100"), target_group=group)
    AllocationFactory(contribution=contribution, amount=Decimal("300"))

    page = client.get("/en/funding/").content.decode()

    # 0.6² + 0.4² = 0.52
    assert "0.52" in page
    assert "25.0 % of the 400.00 MXN allocated is earmarked for target groups, 25.0 %" in page
    assert "Migrant families" in page


def test_the_funding_page_reads_in_constant_queries(client, city):
    def add_rows(count):
        names = []
        for number in range(count):
            source = FundingSourceFactory(
                kind=["business", "foundation", "philanthropist"][number % 3]
            )
            contribution = ContributionFactory(
                source=source, year=2024 + number % 3, currency=["MXN", "EUR"][number % 2]
            )
            AllocationFactory(contribution=contribution, target_group=TargetGroupFactory())
            names.append(source.name)
        return names

    assert_constant_queries(client, "/en/funding/", add_rows)


def test_an_analysis_shows_npv_ratio_payback_and_assumptions(client, city):
    analysis = CostBenefitAnalysisFactory(
        title="Alfabetización", discount_rate=Decimal("5"), assumptions="Empleo a los dos años"
    )
    CostBenefitYearFactory(analysis=analysis, year=0, cost=Decimal("100"))
    for year in range(1, 6):
        CostBenefitYearFactory(analysis=analysis, year=year, benefit=Decimal("30"))

    page = client.get(f"/en/funding/analyses/{analysis.pk}/").content.decode()

    assert "29.88 MXN" in page
    assert "1.30" in page
    assert "in year 4" in page
    assert "Empleo a los dos años" in page


def test_an_analysis_page_reads_in_constant_queries(client, city):
    analysis = CostBenefitAnalysisFactory()
    years = iter(range(100))

    def add_rows(count):
        rows = [
            CostBenefitYearFactory(
                analysis=analysis, year=next(years), note=f"fila {date.today()} {n}"
            )
            for n in range(count)
        ]
        return [row.note for row in rows]

    assert_constant_queries(client, f"/en/funding/analyses/{analysis.pk}/", add_rows)


def test_the_page_shows_who_pays_for_what_in_each_agreement(client, city):
    from datetime import date

    from funding import services
    from funding.models import AgreementShare, CostSharingAgreement

    anonymous = FundingSourceFactory(name="Doña Rica", kind="philanthropist", anonymous=True)
    services.agreement_save(
        agreement=CostSharingAgreement(
            title="Bibliotecas abiertas", programme="Bibliotecas", currency="MXN",
            valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31),
        ),
        shares=[
            AgreementShare(party=FundingSourceFactory(name="Ayuntamiento"), percent=Decimal("75"),
                           pays_for="Personal"),
            AgreementShare(party=anonymous, percent=Decimal("25"), pays_for="Libros"),
        ],
        by=None,
    )  # fmt: skip

    page = client.get("/en/funding/").content.decode()

    assert "Bibliotecas abiertas" in page
    assert "Ayuntamiento" in page and "75 %" in page and "Personal" in page
    assert "Doña Rica" not in page
