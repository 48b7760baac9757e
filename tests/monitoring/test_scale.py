"""`seed_scale_monitoring` makes a large city's indicators for the benchmarks."""

import pytest
from django.core.management import CommandError, call_command

from monitoring import selectors
from monitoring.models import Indicator, Period
from planning.models import ActionPlan
from tests.planning.factories import ActionPlanFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted_plan():
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    ObjectiveFactory.create_batch(2, plan=plan)
    return plan


def test_indicators_measure_the_plan_with_approved_values_for_each_year(settings, adopted_plan):
    settings.DEBUG = True

    call_command("seed_scale_monitoring", indicators=8, years=4, stdout=None)

    assert Indicator.objects.count() == 8
    assert Period.objects.approved().count() == 8 * 3
    measuring = Indicator.objects.filter(objectives__plan=adopted_plan).distinct()
    assert measuring.count() == 8
    assert Indicator.objects.filter(kflc_focuses__isnull=True).count() == 0
    percent = Indicator.objects.filter(unit="%").first()
    values = [m.value for p in percent.periods.all() for m in p.measurements.all()]
    assert len(values) == 3 and max(values) <= 100
    # The dashboard reads them: each has its latest value and a trend.
    progress = selectors.indicator_progress()
    assert len(progress) == 8
    assert all(len(row.points) == 3 and row.trend for row in progress)


def test_it_refuses_a_production_database_and_a_city_without_a_plan(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_scale_monitoring", small=True, stdout=None)
    settings.DEBUG = True
    with pytest.raises(CommandError, match="seed the demo city"):
        call_command("seed_scale_monitoring", small=True, stdout=None)
