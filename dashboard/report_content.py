"""What a report shows, built from its figures (dashboard.figures) in the report's language: the
same context renders the HTML preview and the PDF. Call it inside `translation.override` of the
report's language."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from dashboard.charts import bar_chart
from events.models import Kind
from planning.models import Action, Objective

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Text:
    """A text the city wrote, in the report's language or, missing that, in the default
    language with `lang` set so readers (and screen readers) know."""

    text: str
    lang: str = ""

    def __str__(self):
        return self.text


def pick(texts, language):
    if texts.get(language):
        return Text(texts[language])
    if texts.get(DEFAULT_LANGUAGE):
        return Text(texts[DEFAULT_LANGUAGE], lang=DEFAULT_LANGUAGE)
    return Text(next(iter(texts.values()), ""))


def _plan(plan, language):
    if plan is None:
        return None
    statuses = [(Action.Status(key).label, count, key) for key, count in plan["by_status"].items()]
    return {
        **plan,
        "start": date.fromisoformat(plan["start"]),
        "end": date.fromisoformat(plan["end"]),
        "title": pick(plan["title"], language),
        "status_chart": bar_chart(
            "report-actions-by-status",
            title=_("Actions by status"),
            column=_("Status"),
            rows=statuses,
        ),
        "phases": [(Action.Phase(key).label, count) for key, count in plan["by_phase"].items()],
        "objectives": [
            {
                **objective,
                "title": pick(objective["title"], language),
                "term": Objective.Term(objective["term"]).label,
            }
            for objective in plan["objectives"]
        ],
    }


def _kflc(areas, language):
    rows = []
    for area in areas:
        rows.append(
            {
                "code": area["code"],
                "name": pick(area["name"], language),
                "focuses": [
                    {**focus, "name": pick(focus["name"], language)} for focus in area["focuses"]
                ],
                "objectives": sum(focus["objectives"] for focus in area["focuses"]),
            }
        )
    return {
        "areas": rows,
        "chart": bar_chart(
            "report-kflc",
            title=_("Objectives of the plan per area of the Key Features of Learning Cities"),
            column=_("Area"),
            rows=[(f"{row['code']}. {row['name']}", row["objectives"]) for row in rows],
        ),
    }


def _participation(participation, language):
    sectors = [
        (pick(row["name"], language), row["organisations"]) for row in participation["sectors"]
    ]
    return {
        **participation,
        "sector_chart": bar_chart(
            "report-organisations-by-sector",
            title=_("Verified organisations by sector"),
            column=_("Sector"),
            rows=sectors,
        ),
    }


def _celebration(celebration):
    if celebration is None:  # a report generated before events had figures
        return None
    return {
        **celebration,
        "chart": bar_chart(
            "report-events-by-kind",
            title=_("Events by kind"),
            column=_("Kind"),
            rows=[(label, celebration["by_kind"].get(key, 0)) for key, label in Kind.choices],
        ),
    }


def report_context(report, snapshot):
    language = report.language
    return {
        "report": report,
        "snapshot": snapshot,
        "read_at": datetime.fromisoformat(snapshot["read_at"]),
        "plan": _plan(snapshot["plan"], language),
        "kflc": _kflc(snapshot["kflc"], language),
        "participation": _participation(snapshot["participation"], language),
        "celebration": _celebration(snapshot.get("celebration")),
    }
