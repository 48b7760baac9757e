"""Approved values with their breakdowns as CSV and JSON; the dashboard's progress figures."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from monitoring import selectors
from monitoring.models import Measurement, Period
from planning.models import KflcFocus
from tests.monitoring.factories import (
    DimensionValueFactory,
    IndicatorFactory,
    PeriodFactory,
    approved_value,
)
from tests.planning.factories import ObjectiveFactory
from tests.queries import max_queries

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def values(indicator):
    women = DimensionValueFactory(dimension__slug="sex", slug="women")
    indicator.dimensions.add(women.dimension)
    approved_value(indicator, 2025, "110.5", by={women: 60})
    draft = PeriodFactory(
        indicator=indicator, start=date(2026, 1, 1), status=Period.Status.SUBMITTED
    )
    Measurement.objects.create(period=draft, value=D(999))
    return indicator


def test_csv_has_the_approved_values_and_breakdowns_only(client, values):
    response = client.get(reverse("monitoring:values-csv", args=[values.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["period"], r["dimension"], r["category"], r["value"]) for r in rows] == [
        ("2025", "", "", "110.5"),
        ("2025", "sex", "women", "60"),
    ]


def test_json_has_the_indicator_and_its_approved_values(client, values):
    data = client.get(reverse("monitoring:values-json", args=[values.pk])).json()
    assert data["indicator"]["baseline"] == {"year": 2024, "value": "100"}
    assert data["indicator"]["goals"] == [
        {"year": 2026, "value": "120"},
        {"year": 2030, "value": "200"},
    ]
    assert [v["value"] for v in data["values"]] == ["110.5", "60"]


def test_downloads_of_a_missing_indicator_are_404(client, db):
    assert client.get(reverse("monitoring:values-json", args=[999999])).status_code == 404


def test_dashboard_progress_per_indicator_objective_and_focus(indicator, organisation):
    objective = ObjectiveFactory()
    focus = KflcFocus.objects.get(code="2.2")
    behind = IndicatorFactory(responsible_organisation=organisation, goals={2030: 300})
    for each in (indicator, behind):
        each.objectives.add(objective)
        each.kflc_focuses.add(focus)
    approved_value(indicator, 2025, 110)  # on the line to 120 in 2026
    approved_value(behind, 2025, 101)  # the line expects 133.3
    with max_queries(6):
        rows = selectors.indicator_progress()
    assert {row.indicator: row.status for row in rows} == {
        indicator: "on_track",
        behind: "off_track",
    }
    summary = selectors.objective_progress(objective.plan)[objective]
    assert (summary["on_track"], summary["off_track"], summary["share_on_track"]) == (1, 1, D(50))
    assert selectors.focus_progress()[focus]["indicators"] == 2
