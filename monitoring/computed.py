"""Computed indicators: a fixed list of figures other apps give through their selectors
(DESIGN.md §2: monitoring reads events, provision and stakeholders, never writes them). Beat
runs `computed_values_write` daily (monitoring.tasks): one approved value per period.

Events are dated, so their figures are computed for every period from the baseline to the
current one (a late check-in still counts). Opportunities and organisations are counted as
they stand today, so only the current period's value is written (and rewritten until the
period ends). Funding, learning needs and credentials are not in the list yet: those apps are
being built."""

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count

from events.selectors import events_summary
from monitoring.models import Indicator, period_after
from monitoring.services import period_values_compute
from monitoring.timeliness import city_today, city_zone
from provision.selectors import search_opportunities
from stakeholders.selectors import organisations_per_sector

Metric = Indicator.Metric
DATED = {Metric.EVENT_REGISTRATIONS, Metric.EVENT_ATTENDANCE}


def _bounds(indicator, start):
    zone = city_zone()
    end = period_after(indicator.frequency, start)
    return datetime.combine(start, time(), zone), datetime.combine(end, time(), zone)


def _by(indicator, counts, key):
    """{DimensionValue: count} for the indicator's dimension values matched by `key`."""
    breakdown = {}
    for dimension in indicator.dimensions.all():
        for dimension_value in dimension.values.all():
            match = key(dimension_value)
            if match is not None:
                breakdown[dimension_value] = Decimal(counts.get(match) or 0)
    return breakdown


def figures(indicator, start):
    """{None: total, DimensionValue: value...} of `indicator` for the period at `start`."""
    metric = indicator.metric
    if metric in DATED:
        start_at, end_at = _bounds(indicator, start)
        summary = events_summary(start=start_at, end=end_at)
        key = "confirmed" if metric == Metric.EVENT_REGISTRATIONS else "checked_in"
        return {None: Decimal(summary[key])}
    if metric in (Metric.OPPORTUNITIES, Metric.OPPORTUNITIES_BY_DISTRICT):
        opportunities = search_opportunities()
        values = {None: Decimal(opportunities.count())}
        if metric == Metric.OPPORTUNITIES_BY_DISTRICT:
            counts = dict(
                opportunities.order_by()
                .values("district")
                .annotate(n=Count("pk"))
                .values_list("district", "n")
            )
            values.update(_by(indicator, counts, lambda value: value.district_id))
        return values
    if metric == Metric.ORGANISATIONS_BY_SECTOR:
        counts = {sector.slug: sector.organisation_count for sector in organisations_per_sector()}
        values = {None: Decimal(sum(counts.values()))}
        values.update(
            _by(indicator, counts, lambda value: value.slug if value.slug in counts else None)
        )
        return values
    raise ValueError(f"Unknown metric {metric!r}")


def periods_to_compute(indicator, today):
    """The starts of the periods to (re)compute today."""
    current = date_period_start(indicator, today)
    if indicator.metric not in DATED:
        return [current]
    starts = []
    start = date(indicator.baseline_year + 1, 1, 1)
    while start <= current:
        starts.append(start)
        start = period_after(indicator.frequency, start)
    return starts


def date_period_start(indicator, day):
    if indicator.frequency == Indicator.Frequency.YEARLY:
        return day.replace(month=1, day=1)
    if indicator.frequency == Indicator.Frequency.QUARTERLY:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


def computed_values_write(today=None):
    """Write every computed indicator's values; returns how many periods changed."""
    today = today or city_today()
    changed = 0
    indicators = Indicator.objects.exclude(metric="").prefetch_related("dimensions__values")
    for indicator in indicators:
        for start in periods_to_compute(indicator, today):
            if period_values_compute(
                indicator=indicator, start=start, values=figures(indicator, start)
            ):
                changed += 1
    return changed
