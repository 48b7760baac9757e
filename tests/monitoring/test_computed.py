"""Computed indicators: figures other apps give through their selectors, one approved value
per period written by beat's task."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
import time_machine

from monitoring.models import Indicator, Measurement, Period
from monitoring.tasks import computed_values_task
from tests.events.factories import EventFactory, RegistrationFactory
from tests.monitoring.factories import DimensionFactory, DimensionValueFactory, IndicatorFactory
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("reference_data")


def _total(indicator, year):
    return Measurement.objects.get(
        period__indicator=indicator, period__start=date(year, 1, 1), dimension_value=None
    ).value


def test_three_registrations_in_2026_give_3_for_2026(db):
    registrations = IndicatorFactory(
        metric=Indicator.Metric.EVENT_REGISTRATIONS,
        responsible_organisation=None,
        baseline_value=0,
        baseline_year=2025,
    )
    event = EventFactory(starts_at=datetime(2026, 5, 10, 17, tzinfo=UTC))
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=EventFactory(starts_at=datetime(2027, 1, 10, 17, tzinfo=UTC)))
    RegistrationFactory(event=event, status="cancelled")
    with time_machine.travel(datetime(2026, 11, 25, 10, tzinfo=UTC), tick=False):
        assert computed_values_task.delay().get() == 1
        assert computed_values_task.delay().get() == 0  # nothing changed: nothing written
    assert _total(registrations, 2026) == D(3)
    assert Period.objects.get(indicator=registrations).status == Period.Status.APPROVED


def test_organisations_by_sector_break_down_by_the_sector_dimension(db):
    from learningcity.models import Sector

    culture = Sector.objects.get(slug="culture")
    OrganisationFactory.create_batch(2, sector=culture, verified=True)
    OrganisationFactory(sector=culture, verified=False)
    dimension = DimensionFactory(slug="sector")
    by_culture = DimensionValueFactory(dimension=dimension, slug="culture")
    indicator = IndicatorFactory(
        metric=Indicator.Metric.ORGANISATIONS_BY_SECTOR,
        responsible_organisation=None,
        baseline_value=0,
        baseline_year=2025,
    )
    indicator.dimensions.add(dimension)
    with time_machine.travel(datetime(2026, 11, 25, 10, tzinfo=UTC), tick=False):
        computed_values_task.delay().get()
    assert Measurement.objects.get(dimension_value=by_culture).value == D(2)
    assert _total(indicator, 2026) >= D(2)


def test_a_locked_computed_period_is_left_alone(db, sam):
    from monitoring import services

    indicator = IndicatorFactory(
        metric=Indicator.Metric.EVENT_REGISTRATIONS,
        responsible_organisation=None,
        baseline_value=0,
        baseline_year=2025,
    )
    with time_machine.travel(datetime(2026, 11, 25, 10, tzinfo=UTC), tick=False):
        computed_values_task.delay().get()
        services.period_lock(period=Period.objects.get(), by=sam)
        RegistrationFactory(event=EventFactory(starts_at=datetime(2026, 5, 1, tzinfo=UTC)))
        assert computed_values_task.delay().get() == 0
    assert _total(indicator, 2026) == D(0)
