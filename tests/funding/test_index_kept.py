"""The public funding page is kept rendered (funding.views.index, learningcity.kept): a second
reading sums nothing, and a contribution, an exchange rate or the city's currency changed shows
at once; city staff get their links to the books on a page rendered for them."""

from datetime import date
from decimal import Decimal

import pytest

from funding import services
from funding.models import Contribution, ExchangeRate
from learningcity.models import CityProfile
from tests.funding.factories import ContributionFactory, FundingSourceFactory
from tests.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

FUNDING = "/en/funding/"


@pytest.fixture
def city(kept):
    def make():
        profile = CityProfile.objects.current()
        profile.currency = "MXN"
        profile.save()
        return profile

    return kept(make)


def page(client):
    response = client.get(FUNDING)
    assert response.status_code == 200
    return response.content.decode()


def reads_contributions(client):
    return [q for q in count_queries(client, FUNDING) if '"funding_contribution"' in q["sql"]]


def test_a_second_public_reading_sums_nothing(client, kept, city):
    kept(lambda: ContributionFactory(amount=Decimal("1000"), year=2026))
    assert "1,000.00 MXN" in page(client)
    assert reads_contributions(client) == []
    assert "1,000.00 MXN" in page(client)


def test_a_contribution_a_rate_and_the_citys_currency_show_at_once(client, kept, sam, city):
    kept(lambda: ContributionFactory(amount=Decimal("1000"), year=2026))
    page(client)

    euros = Contribution(
        source=kept(lambda: FundingSourceFactory(name="Fundación Europea")),
        amount=Decimal("100"),
        currency="EUR",
        year=2026,
        pledged_on=date(2026, 3, 1),
    )
    kept(lambda: services.contribution_save(contribution=euros, by=sam))
    assert "100.00 EUR" in page(client)

    rate = ExchangeRate(year=2026, currency="EUR", rate=Decimal("20"))
    kept(lambda: services.exchange_rate_save(rate=rate, by=sam))
    assert "3,000.00 MXN" in page(client)

    city.currency = "USD"
    kept(city.save)
    assert "USD" in page(client)


def test_staff_get_their_links_to_the_books_after_the_public_copy_is_kept(
    client, client_for, kept, sam, city
):
    kept(lambda: ContributionFactory(amount=Decimal("1000"), year=2026))
    assert "/funding/contributions/" not in page(client)
    staff = client_for(sam).get("/funding/").content.decode()  # Sam reads Spanish
    assert "/funding/contributions/" in staff
