import pytest
from django.core.management import call_command

from funding.models import (
    Booking,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
    FundingSource,
)
from funding.selectors import action_funding, budget_years

pytestmark = pytest.mark.django_db


def test_the_demo_funds_three_years_from_every_type_of_source_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = Contribution.objects.count()
    call_command("seed_demo", stdout=None)

    assert Contribution.objects.count() == counts >= 20
    assert set(FundingSource.objects.values_list("kind", flat=True)) == set(
        FundingSource.Kind.values
    )
    assert len(budget_years()) == 3
    assert CostSharingAgreement.objects.count() == 2
    assert CostBenefitAnalysis.objects.count() == 2
    finished = Booking.objects.get(status="finished")
    assert finished.contribution.form == "in_kind"
    assert any(row["unfunded"] for row in action_funding(budget_years()[0]))
