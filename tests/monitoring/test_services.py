"""Entering values, submitting, approving, returning and locking them, with the bad input
refused and nothing stored."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from learningcity.models import Notification
from monitoring import services
from monitoring.models import Indicator, Measurement, Period
from tests.monitoring.factories import DimensionValueFactory, IndicatorFactory


def _save(indicator, bob, values=None, start=date(2025, 1, 1)):
    return services.period_values_save(
        indicator=indicator, start=start, values=values or {None: D(110)}, by=bob
    )


def test_values_go_from_draft_to_submitted_to_approved(indicator, bob, sam):
    period = _save(indicator, bob)
    assert period.status == Period.Status.DRAFT
    assert period.entered_by == bob
    period = services.period_submit(period=period, by=bob)
    assert period.status == Period.Status.SUBMITTED
    period = services.period_approve(period=period, by=sam)
    assert (period.status, period.reviewed_by) == (Period.Status.APPROVED, sam)


def test_returned_values_carry_the_comment_and_tell_who_entered_them(indicator, bob, sam):
    period = services.period_submit(period=_save(indicator, bob), by=bob)
    period = services.period_return(period=period, by=sam, comment="Falta la fuente")
    assert (period.status, period.review_comment) == (Period.Status.RETURNED, "Falta la fuente")
    assert Notification.objects.get(recipient=bob).kind == "monitoring.values_returned"
    # Corrected, it is a draft again.
    assert _save(indicator, bob, {None: D(111)}).status == Period.Status.DRAFT


def test_returning_needs_a_comment(indicator, bob, sam):
    period = services.period_submit(period=_save(indicator, bob), by=bob)
    with pytest.raises(ValidationError):
        services.period_return(period=period, by=sam, comment="  ")
    period.refresh_from_db()
    assert period.status == Period.Status.SUBMITTED


def test_submitted_values_no_longer_change_for_the_organisation(indicator, bob):
    services.period_submit(period=_save(indicator, bob), by=bob)
    with pytest.raises(ValidationError):
        _save(indicator, bob, {None: D(999)})
    assert Measurement.objects.get().value == D(110)


def test_a_locked_period_refuses_every_edit(indicator, bob, sam):
    period = services.period_submit(period=_save(indicator, bob), by=bob)
    period = services.period_approve(period=period, by=sam)
    services.period_lock(period=period, by=sam)
    with pytest.raises(ValidationError, match=r"locked|bloqueado"):
        services.period_values_save(
            indicator=indicator, start=date(2025, 1, 1), values={None: D(5)}, by=sam, staff=True
        )
    assert Measurement.objects.get().value == D(110)


def test_only_approved_periods_lock(indicator, bob, sam):
    with pytest.raises(ValidationError):
        services.period_lock(period=_save(indicator, bob), by=sam)


@pytest.mark.parametrize("value", [D("3.5"), D(-1) * D("1e30"), D("NaN")])
def test_values_of_the_wrong_kind_are_refused(indicator, bob, value):
    indicator.minimum = D(0)
    indicator.save()
    with pytest.raises(ValidationError):
        _save(indicator, bob, {None: value})
    assert not Period.objects.exists()


def test_a_percentage_cannot_pass_100(db, bob, organisation):
    share = IndicatorFactory(
        unit="%", decimal_places=1, minimum=0, maximum=100, responsible_organisation=organisation
    )
    _save(share, bob, {None: D("99.5")})
    with pytest.raises(ValidationError):
        _save(share, bob, {None: D("100.5")})


@pytest.mark.parametrize(
    "frequency,start",
    [
        (Indicator.Frequency.YEARLY, date(2025, 3, 1)),
        (Indicator.Frequency.QUARTERLY, date(2025, 2, 1)),
        (Indicator.Frequency.MONTHLY, date(2025, 2, 2)),
    ],
)
def test_a_period_outside_the_frequency_is_refused(indicator, bob, frequency, start):
    indicator.frequency = frequency
    indicator.save()
    with pytest.raises(ValidationError):
        _save(indicator, bob, start=start)
    assert not Period.objects.exists()


def test_breakdowns_only_by_the_indicators_dimensions(indicator, bob):
    women = DimensionValueFactory(name_es="Mujeres")
    with pytest.raises(ValidationError):
        _save(indicator, bob, {None: D(10), women: D(6)})
    indicator.dimensions.add(women.dimension)
    period = _save(indicator, bob, {None: D(10), women: D(6)})
    assert period.measurements.count() == 2


def test_the_total_is_required(indicator, bob):
    women = DimensionValueFactory()
    indicator.dimensions.add(women.dimension)
    with pytest.raises(ValidationError):
        _save(indicator, bob, {women: D(6)})


def test_one_value_per_period_and_breakdown(indicator, bob):
    from django.db import IntegrityError, transaction

    period = _save(indicator, bob)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(period=period, value=D(1))


def test_every_change_is_kept_in_the_history_with_who(indicator, bob):
    _save(indicator, bob)
    _save(indicator, bob, {None: D(112)})
    measurement = Measurement.objects.get()
    values = [h.value for h in measurement.history.order_by("history_date")]
    assert values == [D(110), D(112)]
    assert measurement.history.first().history_user == bob


def test_goals_come_after_the_baseline(indicator, sam):
    with pytest.raises(ValidationError):
        services.goal_set(indicator=indicator, year=2023, value=D(50), by=sam)
    assert services.goal_set(indicator=indicator, year=2028, value=D(150), by=sam).pk
