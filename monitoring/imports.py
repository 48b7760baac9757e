"""Values imported from a CSV file: every row checked first, errors given with their row
numbers, a preview, then all of it stored in one transaction or nothing.

Columns: `indicator` (its number), `period` (2026, 2026-Q2 or 2026-05), `dimension` and
`category` (the codes of a breakdown; both empty for the total) and `value`."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from learningcity.permissions import can
from monitoring import services
from monitoring.models import DimensionValue, Indicator, Period, period_from_label

COLUMNS = ["indicator", "period", "dimension", "category", "value"]
MAX_ROWS = 5000


@dataclass
class Batch:
    """What a file holds: {(indicator, period start): {dimension value or None: value}}."""

    groups: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (row number, message)

    @property
    def rows(self):
        return sum(len(values) for values in self.groups.values())

    def preview(self):
        """[(indicator, period label, [(breakdown label, value)])] in file order."""
        return [
            (
                indicator,
                Period(indicator=indicator, start=start).label,
                [
                    (
                        f"{dv.dimension.name}: {dv.name}" if dv else _("Total"),
                        value,
                    )
                    for dv, value in values.items()
                ],
            )
            for (indicator, start), values in self.groups.items()
        ]


def _rows(text):
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ValidationError(
            _("The first row must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)}
        )
    reader.fieldnames = header
    return reader


def read(text, *, user):
    """A Batch of `text` for `user`, with every row's problems; nothing is stored."""
    batch = Batch()
    try:
        reader = _rows(text)
    except (ValidationError, csv.Error) as error:
        batch.errors.append((1, " ".join(getattr(error, "messages", [str(error)]))))
        return batch
    indicators = {}
    dimension_values = {
        (dv.dimension.slug, dv.slug): dv
        for dv in DimensionValue.objects.select_related("dimension")
    }
    existing = {
        (period.indicator_id, period.start): period
        for period in Period.objects.all().only("indicator_id", "start", "status", "locked_at")
    }
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                batch.errors.append((number, _("At most %(max)d rows a file.") % {"max": MAX_ROWS}))
                break
            problem = _read_row(row, user, batch, indicators, dimension_values, existing)
            if problem:
                batch.errors.append((number, problem))
    except csv.Error as error:
        batch.errors.append((reader.line_num, str(error)))
    for (indicator, start), values in batch.groups.items():
        if None not in values:
            label = Period(indicator=indicator, start=start).label
            batch.errors.append(
                (
                    None,
                    _("%(indicator)s, %(period)s: the total is missing.")
                    % {"indicator": indicator.name, "period": label},
                )
            )
    if not batch.groups and not batch.errors:
        batch.errors.append((None, _("The file has no values.")))
    return batch


def _read_row(row, user, batch, indicators, dimension_values, existing):
    text = (row.get("indicator") or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return _("“%(text)s” is not an indicator's number.") % {"text": text}
    if text not in indicators:
        indicators[text] = (
            Indicator.objects.select_related("responsible_organisation")
            .prefetch_related("dimensions")
            .filter(pk=int(text))
            .first()
        )
    indicator = indicators[text]
    if indicator is None:
        return _("There is no indicator number %(number)s.") % {"number": text}
    if not can(user, "monitoring.enter_values", indicator):
        return _("You do not enter the values of “%(name)s”.") % {"name": indicator.name}
    start = period_from_label(indicator.frequency, row.get("period"))
    if start is None:
        return _("“%(period)s” is not a period of “%(name)s” (%(frequency)s).") % {
            "period": row.get("period") or "",
            "name": indicator.name,
            "frequency": indicator.get_frequency_display().lower(),
        }
    period = existing.get((indicator.pk, start))
    if period is not None and (period.is_locked or period.status not in services.EDITABLE):
        return _("The values of “%(name)s” for %(period)s can no longer change.") % {
            "name": indicator.name,
            "period": row.get("period"),
        }
    dimension = (row.get("dimension") or "").strip()
    category = (row.get("category") or "").strip()
    dimension_value = None
    if dimension or category:
        dimension_value = dimension_values.get((dimension, category))
        if dimension_value is None:
            return _("There is no breakdown “%(dimension)s: %(category)s”.") % {
                "dimension": dimension,
                "category": category,
            }
        if dimension_value.dimension not in indicator.dimensions.all():
            return _("“%(name)s” is not broken down by %(dimension)s.") % {
                "name": indicator.name,
                "dimension": dimension_value.dimension.name,
            }
    try:
        value = services.parse_value(indicator, row.get("value"))
    except ValidationError as error:
        return " ".join(error.messages)
    values = batch.groups.setdefault((indicator, start), {})
    if dimension_value in values:
        return _("A second value for the same indicator, period and breakdown.")
    values[dimension_value] = value
    return None


@transaction.atomic
def store(batch, *, user):
    """Store every period of a checked batch as submitted values, or none of them."""
    periods = []
    for (indicator, start), values in batch.groups.items():
        period = services.period_values_save(
            indicator=indicator, start=start, values=values, by=user
        )
        periods.append(services.period_submit(period=period, by=user))
    return periods
