"""What a report shows, built from its figures (dashboard.figures) in the report's language: the
same context renders the HTML preview and the PDF. Call it inside `translation.override` of the
report's language."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext as _

from dashboard.charts import bar_chart, district_map
from events.models import Kind
from funding.models import FundingSource
from monitoring.models import period_label
from monitoring.radar import radar_chart
from monitoring.selectors import FocusRating
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


def _level(level):
    return None if level is None else SimpleNamespace(level=level)


def kflc_assessment_chart(assessment, language):
    """The radar of the self-assessment kept in a report's figures (figures._kflc_assessment)."""
    if not assessment:
        return None
    rows = [
        FocusRating(
            focus=SimpleNamespace(code=focus["code"], name=pick(focus["name"], language)),
            rating=_level(focus["level"]),
            previous=_level(focus["previous_level"]),
        )
        for focus in assessment["focuses"]
    ]
    return radar_chart(
        "report-kflc-assessment",
        title=_("KFLC self-assessment %(year)s") % {"year": assessment["year"]},
        rows=rows,
        year=assessment["year"],
        previous_year=assessment["previous_year"],
    )


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


def provision_section(provision, language, prefix):
    """Learning on offer: totals, and opportunities by target group and by district, from
    `figures.provision_figures`."""
    if provision is None:
        return None
    groups = [(pick(row["name"], language), row["opportunities"]) for row in provision["by_group"]]
    needs = provision.get("needs") or {"reported": 0, "answered": 0}
    return {
        **provision,
        "needs": needs,
        "needs_answered_share": round(100 * needs["answered"] / needs["reported"])
        if needs["reported"]
        else None,
        "free_share": round(100 * provision["free"] / provision["opportunities"])
        if provision["opportunities"]
        else None,
        "by_district": [
            {**row, "name": pick(row["name"], language)} for row in provision["by_district"]
        ],
        "group_chart": bar_chart(
            f"{prefix}-opportunities-by-group",
            title=_("Learning opportunities especially for each target group"),
            column=_("Target group"),
            rows=groups,
        )
        if groups
        else None,
        "district_chart": bar_chart(
            f"{prefix}-opportunities-by-district",
            title=_("Learning opportunities by district"),
            column=_("District"),
            rows=[
                (pick(row["name"], language), row["opportunities"])
                for row in provision["by_district"]
            ],
        )
        if provision["by_district"]
        else None,
    }


def monitoring_section(monitoring, language, prefix):
    """The indicators against their goals and the KFLC areas of focus they evidence, from
    `figures.monitoring_figures`; `prefix` keeps chart ids unique on a page."""
    if monitoring is None:
        return None
    indicators = [
        {
            **row,
            "name": pick(row["name"], language),
            "unit": pick(row["unit"], language) if row["unit"] else "",
            "latest": None if row["latest"] is None else Decimal(row["latest"]).normalize(),
            "period": (
                period_label(row["frequency"], date.fromisoformat(row["period_start"]))
                if row["period_start"]
                else None
            ),
        }
        for row in monitoring["indicators"]
    ]
    counts = dict.fromkeys(["on_track", "off_track", "no_data"], 0)
    for row in indicators:
        counts[row["status"]] += 1
    focuses = [{**row, "name": pick(row["name"], language)} for row in monitoring["focuses"]]
    return {
        "indicators": indicators,
        "counts": counts,
        "focuses": focuses,
        "covered": sum(1 for row in focuses if row["indicators"]),
        "focus_total": monitoring["focus_total"],
        "chart": bar_chart(
            f"{prefix}-indicators-by-status",
            title=_("Indicators by status"),
            column=_("Status"),
            rows=[
                (_("On track"), counts["on_track"], "on_time"),
                (_("Off track"), counts["off_track"], "late"),
                (_("Not judged yet"), counts["no_data"]),
            ],
        ),
    }


def _money(row, names):
    return {**row, **{name: Decimal(row[name]) for name in names}}


def funding_section(funding, prefix):
    """Needs against money secured per year, the money per type of source and the share for
    target groups, from `figures.funding_figures`."""
    if funding is None:
        return None
    needs = [_money(row, ["needed", "pledged", "received", "gap"]) for row in funding["needs"]]
    sources = {}
    for row in funding["sources"]:
        key = (row["year"], row["currency"])
        sources.setdefault(key, []).append(
            (FundingSource.Kind(row["kind"]).label, Decimal(row["amount"]))
        )
    latest = max(sources, default=None)
    secured = [
        (f"{row['year']} ({row['currency']})", round(float(row["pledged"] * 100 / row["needed"])))
        for row in needs
        if row["needed"]
    ]
    return {
        "needs": needs,
        "earmarked": [
            _money(row, ["total", "earmarked", "marginalised"]) for row in funding["earmarked"]
        ],
        "latest_sources": latest and {"year": latest[0], "currency": latest[1]},
        "secured_chart": bar_chart(
            f"{prefix}-needs-secured",
            title=_("Share of the money needed that is pledged, by year"),
            column=_("Year"),
            rows=secured,
            unit=" %",
        )
        if secured
        else None,
        "sources_chart": bar_chart(
            f"{prefix}-sources",
            title=_("Money by type of source, %(year)s (%(currency)s)")
            % {"year": latest[0], "currency": latest[1]},
            column=_("Type of source"),
            rows=[(label, round(amount)) for label, amount in sources[latest]],
        )
        if latest
        else None,
    }


def _decimal(value):
    return None if value is None else Decimal(value)


def equity_section(equity, language, prefix):
    """For the templates: the rows with numbers and the district's name in `language`, and the
    map of learning opportunities per 10,000 inhabitants (per district where no population is
    known); None without figures."""
    if equity is None:
        return None
    rows = [
        {
            **row,
            "name": pick(row["name"], language),
            "opportunities_per": _decimal(row["opportunities_per"]),
            "money": Decimal(row["money"]),
            "money_per_inhabitant": _decimal(row["money_per_inhabitant"]),
        }
        for row in equity["rows"]
    ]
    by_population = any(row["population"] for row in rows)
    measure = "opportunities_per" if by_population else "opportunities"
    return {
        **equity,
        "start": date.fromisoformat(equity["start"]),
        "end": date.fromisoformat(equity["end"]),
        "rows": rows,
        "map": district_map(
            f"{prefix}-equity-map",
            title=_("Learning opportunities per 10,000 inhabitants, by district")
            if by_population
            else _("Learning opportunities by district"),
            rows=[
                (
                    row["name"],
                    row["boundary"],
                    row[measure],
                    "—" if row[measure] is None else f"{row[measure]}",
                )
                for row in rows
            ],
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
        "kflc_assessment": kflc_assessment_chart(snapshot.get("kflc_assessment"), language),
        "participation": _participation(snapshot["participation"], language),
        "celebration": _celebration(snapshot.get("celebration")),
        "provision": provision_section(snapshot.get("provision"), language, "report"),
        "monitoring": monitoring_section(snapshot.get("monitoring"), language, "report"),
        "funding": funding_section(snapshot.get("funding"), "report"),
        "equity": equity_section(snapshot.get("equity"), language, "report"),
    }
