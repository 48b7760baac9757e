from datetime import date
from decimal import Decimal

import factory

from funding.models import (
    Allocation,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostBenefitYear,
    FundingSource,
    SharedResource,
)
from tests.planning.factories import ActionFactory
from tests.stakeholders.factories import OrganisationFactory


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    name = factory.Sequence(lambda n: f"Fuente {n}")
    kind = FundingSource.Kind.BUSINESS


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    source = factory.SubFactory(FundingSourceFactory)
    amount = Decimal("1000.00")
    currency = "MXN"
    year = 2026
    pledged_on = date(2026, 2, 1)


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    contribution = factory.SubFactory(ContributionFactory)
    action = factory.SubFactory(ActionFactory)
    amount = Decimal("100.00")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    action = factory.SubFactory(ActionFactory)
    item = factory.Sequence(lambda n: f"Partida {n}")
    year = 2026
    amount = Decimal("500.00")
    currency = "MXN"


class CostBenefitAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostBenefitAnalysis

    title = factory.Sequence(lambda n: f"Análisis {n}")
    programme = "Alfabetización digital"
    discount_rate = Decimal("5")
    currency = "MXN"


class CostBenefitYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostBenefitYear

    analysis = factory.SubFactory(CostBenefitAnalysisFactory)
    year = 0


class SharedResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedResource

    organisation = factory.SubFactory(OrganisationFactory)
    kind = SharedResource.Kind.ROOM
    name = factory.Sequence(lambda n: f"Sala {n}")
    unit = SharedResource.Unit.HOUR
    unit_value = Decimal("250.00")
    currency = "MXN"
