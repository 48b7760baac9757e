"""Each indicator's approved values, with their breakdowns, as CSV and JSON (open data).
Values are written as decimal text, never as floats."""

import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import get_language

from learningcity import csv_export
from monitoring import selectors
from monitoring.charts import number

CSV_COLUMNS = ["indicator", "name", "unit", "period", "start", "end", "dimension", "category",
               "value"]  # fmt: skip


def _rows(row):
    indicator = row.indicator
    for period in indicator.approved_periods:
        for measurement in period.measurements.all():
            dimension_value = measurement.dimension_value
            yield {
                "period": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "dimension": dimension_value.dimension.slug if dimension_value else "",
                "category": dimension_value.slug if dimension_value else "",
                "value": number(measurement.value),
            }


def _row(pk):
    row = selectors.indicator_page(pk)
    if row is None:
        raise Http404
    return row


def values_csv(request, pk):
    row = _row(pk)
    indicator = row.indicator
    out = io.StringIO()
    writer = csv_export.dict_writer(out, CSV_COLUMNS)
    writer.writeheader()
    for values in _rows(row):
        writer.writerow(
            {"indicator": indicator.pk, "name": indicator.name, "unit": indicator.unit, **values}
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{indicator.pk}.csv"'
    return response


def values_json(request, pk):
    row = _row(pk)
    indicator = row.indicator
    return JsonResponse(
        {
            "indicator": {
                "id": indicator.pk,
                "language": get_language(),
                "name": indicator.name,
                "definition": indicator.definition,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "frequency": indicator.frequency,
                "data_source": indicator.data_source,
                "baseline": {
                    "year": indicator.baseline_year,
                    "value": number(indicator.baseline_value),
                },
                "goals": [
                    {"year": goal.year, "value": number(goal.value)}
                    for goal in indicator.goals.all()
                ],
                "kflc_focuses": [focus.code for focus in indicator.kflc_focuses.all()],
                "status": row.status,
                "url": request.build_absolute_uri(indicator.get_absolute_url()),
            },
            "values": list(_rows(row)),
        },
        json_dumps_params={"ensure_ascii": False},
    )
