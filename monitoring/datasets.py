"""The indicators' approved values, with their breakdowns, as open data (dashboard.open_data):
one row per value, as the indicator's own download writes it (monitoring.open_data)."""

from django.utils.translation import gettext_lazy as _

from learningcity.audit import last_change
from learningcity.registry import Dataset, Distribution, registry
from monitoring import selectors
from monitoring.models import Indicator, Measurement, Period
from monitoring.open_data import CSV_COLUMNS, _rows

COLUMNS = (*CSV_COLUMNS[:3], "name_en", "direction", *CSV_COLUMNS[3:])


def value_rows():
    """Approved values only: a draft, submitted or returned period is not published."""
    indicators = selectors.with_values(Indicator.objects.order_by("pk"))
    for row in map(selectors.progress_of, indicators):
        indicator = row.indicator
        for values in _rows(row):
            yield {
                "indicator": indicator.pk,
                "name": indicator.name_es,
                "name_en": indicator.name_en,
                "unit": indicator.unit_es,
                "direction": indicator.direction,
                **values,
            }


def _modified():
    """The latest approval, indicator or change recorded about either."""
    moments = [
        last_change(Period.objects.approved(), "reviewed_at"),
        last_change(
            Indicator.objects.all(), "created_at", audited=(Indicator, Period, Measurement)
        ),
    ]
    return max((moment for moment in moments if moment), default=None)


def datasets():
    return [
        Dataset(
            key="indicators",
            title=_("Indicators and their approved values"),
            description=_(
                "The programme's indicators with every value city staff approved, per period, "
                "in total and broken down by target group, district, sex or age band."
            ),
            area="monitoring",
            distributions=(
                Distribution("csv", "text/csv"),
                Distribution("json", "application/json"),
            ),
            modified=_modified,
            columns=COLUMNS,
            rows=value_rows,
        )
    ]


registry.register_datasets("monitoring", datasets)
