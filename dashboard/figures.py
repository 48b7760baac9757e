"""A report's figures, read from each area through its selectors and kept as plain JSON: the
snapshot a generated report is made from, so a published report never changes with the data.

Texts the city wrote (objectives, sectors, KFLC areas) are kept in every language the portal has,
so the report reads in its own language whatever the language of the person who generated it;
labels of fixed choices (an action's status) are translated when the report is rendered."""

from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from events.selectors import events_by_district, events_summary
from funding.calculations import money
from funding.selectors import (
    allocated_by_district,
    marginalised_share,
    needs_vs_secured,
    totals_by_source_kind,
)
from learningcity.kept import follow
from learningcity.models import CityProfile, District, TargetGroup
from monitoring.selectors import (
    focus_progress,
    indicator_progress,
    kflc_assessments,
    kflc_comparison,
    objective_progress,
)
from planning.models import Action, KflcFocus
from planning.selectors import adopted_plan, kflc_coverage, plan_progress_summary
from provision.models import LearningNeed, LearningSpace, Opportunity
from provision.recognition_models import Credential
from provision.selectors import (
    credentials_totals,
    needs_by_district,
    needs_totals,
    opportunities_by_target_group,
    provision_by_district,
    provision_totals,
)
from stakeholders.forum.selectors import forum_activity
from stakeholders.selectors import committee_coverage, organisations_per_sector

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def texts(obj, field):
    """{language: text} of a field translated with modeltranslation; empty ones left out."""
    return {
        language: value
        for language in LANGUAGES
        if (value := getattr(obj, f"{field}_{language}", "") or "")
    }


def _number(value):
    return None if value is None else round(float(value), 1)


def judged_plan_progress(plan):
    """planning's progress summary of `plan`, each objective judged by its indicators where any
    of them is judged: on track when at least half of them are (each counts the same); by the
    pace of its actions otherwise. `objective.by_indicators` says which rule judged it."""
    progress = plan_progress_summary(plan)
    measured = objective_progress(plan)
    for objective in progress["objectives"]:
        summary = measured.get(objective)
        judged = summary["on_track"] + summary["off_track"] if summary else 0
        objective.by_indicators = bool(judged)
        if judged:
            objective.on_track = summary["on_track"] * 2 >= judged
    progress["on_track"] = sum(1 for o in progress["objectives"] if o.on_track)
    progress["off_track"] = sum(1 for o in progress["objectives"] if o.on_track is False)
    return progress


def _plan():
    plan = adopted_plan()
    if plan is None:
        return None
    progress = judged_plan_progress(plan)
    return {
        "title": texts(plan, "attractive_title"),
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "overall": _number(progress["overall"]),
        "expected": _number(progress["expected"]),
        "action_total": progress["action_total"],
        "by_status": {key: count for _label, key, count in progress["by_status"]},
        "by_phase": dict(
            zip(Action.Phase.values, [count for _label, count in progress["by_phase"]], strict=True)
        ),
        "on_track": progress["on_track"],
        "off_track": progress["off_track"],
        "objectives": [
            {
                "title": texts(objective, "title"),
                "term": objective.term,
                "progress": _number(objective.progress),
                "on_track": objective.on_track,
                "by_indicators": objective.by_indicators,
            }
            for objective in progress["objectives"]
        ],
    }


def _kflc(plan):
    return [
        {
            "code": area.code,
            "name": texts(area, "name"),
            "focuses": [
                {
                    "code": focus.code,
                    "name": texts(focus, "name"),
                    "objectives": len(focus.plan_objectives),
                }
                for focus in area.focuses.all()
            ],
        }
        for area in kflc_coverage(plan)
    ]


def _kflc_assessment(end):
    """The city's latest completed KFLC self-assessment up to the period's year, each area of
    focus rated against the assessment before it; None when there is none."""
    assessments = list(kflc_assessments().filter(year__lte=end.year)[:2])
    if not assessments:
        return None
    latest, previous = assessments[0], (assessments[1] if len(assessments) > 1 else None)
    return {
        "year": latest.year,
        "previous_year": previous.year if previous else None,
        "focuses": [
            {
                "code": row.focus.code,
                "name": texts(row.focus, "name"),
                "level": row.level,
                "previous_level": row.previous_level,
            }
            for row in kflc_comparison(latest, previous)
        ],
    }


def _moments(start, end):
    """The first and last moment of a period of days, in the city's time zone."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    return first, datetime.combine(end, time.max, tzinfo=zone)


def _participation(start, end):
    since, until = _moments(start, end)
    return {
        "sectors": [
            {"name": texts(sector, "name"), "organisations": sector.organisation_count}
            for sector in organisations_per_sector()
        ],
        "committee": committee_coverage(on=min(end, timezone.localdate())),
        "forum": forum_activity(since=since, until=until),
    }


def _celebration(start, end):
    since, until = _moments(start, end)
    return events_summary(start=since, end=until)


def monitoring_figures():
    """Every indicator with its latest approved value, trend and whether it is on track, and
    how many indicators evidence each KFLC area of focus; None while there are no indicators."""
    rows = indicator_progress()
    if not rows:
        return None
    return {
        "indicators": [
            {
                "name": texts(row.indicator, "name"),
                "unit": texts(row.indicator, "unit"),
                "frequency": row.indicator.frequency,
                "status": row.status,
                "trend": row.trend,
                "improving": row.improving,
                "latest": None if row.latest is None else str(row.latest[1]),
                "period_start": None if row.latest is None else row.latest[0].start.isoformat(),
            }
            for row in rows
        ],
        "focuses": [
            {
                "code": focus.code,
                "name": texts(focus, "name"),
                "indicators": summary["indicators"],
                "on_track": summary["on_track"],
                "off_track": summary["off_track"],
            }
            for focus, summary in focus_progress(rows).items()
        ],
        "focus_total": KflcFocus.objects.count(),
    }


# What `provision_figures` counts (learningcity.kept): the version is replaced by every change of
# these rows (`follow_public_data`, when the app is ready), so the dashboard keeps its provision
# section only until one changes.
PROVISION_DATA = "data:dashboard:provision"


def follow_public_data():
    follow(
        PROVISION_DATA, Opportunity, LearningSpace, LearningNeed, Credential, TargetGroup, District
    )


def provision_figures():
    """Learning on offer today: how much, how much of it free, and for whom and where, and the
    learning needs citizens reported and how many were answered, and the credentials issued
    for non-formal learning; None while nothing is published, no need reported and no
    credential issued."""
    totals = provision_totals()
    needs = needs_totals()
    credentials = credentials_totals()
    shown = [totals["opportunities"], totals["spaces"], needs["reported"], credentials["issued"]]
    if not any(shown):
        return None
    by_district = provision_by_district()
    return {
        **totals,
        "needs": {"reported": needs["reported"], "answered": needs["answered"]},
        "credentials": credentials,
        "by_group": [
            {"name": texts(group, "name"), "opportunities": count}
            for group, count in opportunities_by_target_group()
        ],
        "by_district": [
            {"name": texts(district, "name"), **by_district[district.pk]}
            for district in District.objects.filter(pk__in=by_district).order_by("name_es")
        ],
    }


def _amounts(row, names):
    """Sums of money as text in cents, the same from every database."""
    return {name: str(money(row[name])) for name in names}


def funding_figures(years=None):
    """Money needed, pledged and received per year and currency, the money per type of source,
    and the share of allocations earmarked for target groups, for `years` (a range; every year
    when None); None while there is no budget and no contribution."""
    wanted = (lambda year: True) if years is None else (lambda year: year in years)
    needs = [row for row in needs_vs_secured() if wanted(row["year"])]
    sources = [row for row in totals_by_source_kind() if wanted(row["year"])]
    if not needs and not sources:
        return None
    return {
        "needs": [
            {
                "year": row["year"],
                "currency": row["currency"],
                **_amounts(row, ["needed", "pledged", "received", "gap"]),
            }
            for row in needs
        ],
        "sources": [
            {
                "year": row["year"],
                "kind": row["kind"],
                "currency": row["currency"],
                "amount": str(money(row["amount"])),
            }
            for row in sources
        ],
        "earmarked": [
            {
                "year": row["year"],
                "currency": row["currency"],
                **_amounts(row, ["total", "earmarked", "marginalised"]),
                "share": _number(row["share"]),
                "marginalised_share": _number(row["marginalised_share"]),
            }
            for row in marginalised_share()
            if wanted(row["year"])
        ],
    }


def collect(report):
    """Every figure the report shows, as JSON-ready data, read now."""
    return {
        "read_at": timezone.now().isoformat(),
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "plan": _plan(),
        "kflc": _kflc(adopted_plan()),
        "kflc_assessment": _kflc_assessment(report.period_end),
        "participation": _participation(report.period_start, report.period_end),
        "celebration": _celebration(report.period_start, report.period_end),
        "provision": provision_figures(),
        "monitoring": monitoring_figures(),
        "funding": funding_figures(range(report.period_start.year, report.period_end.year + 1)),
        "equity": equity_figures(report.period_start, report.period_end),
    }


def rows(snapshot, language):
    """The snapshot as rows of (section, item, measure, value) for a CSV: one figure a row,
    texts in `language` (or the default language where it has none)."""

    def name(texts):
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or ""

    plan = snapshot["plan"]
    if plan:
        yield "plan", name(plan["title"]), "actions", plan["action_total"]
        yield "plan", name(plan["title"]), "average_progress_percent", plan["overall"]
        yield "plan", name(plan["title"]), "period_elapsed_percent", plan["expected"]
        for key, count in plan["by_status"].items():
            yield "plan.actions_by_status", key, "actions", count
        for key, count in plan["by_phase"].items():
            yield "plan.actions_by_phase", key, "actions", count
        for objective in plan["objectives"]:
            yield (
                "plan.objective",
                name(objective["title"]),
                "progress_percent",
                objective["progress"],
            )
            yield "plan.objective", name(objective["title"]), "on_track", objective["on_track"]
    for area in snapshot["kflc"]:
        for focus in area["focuses"]:
            yield (
                "kflc.focus",
                f"{focus['code']} {name(focus['name'])}",
                "objectives",
                focus["objectives"],
            )
    assessment = snapshot.get("kflc_assessment")
    for focus in assessment["focuses"] if assessment else ():
        item = f"{focus['code']} {name(focus['name'])}"
        yield "kflc.self_assessment", item, f"level {assessment['year']}", focus["level"]
        if assessment["previous_year"]:
            measure = f"level {assessment['previous_year']}"
            yield "kflc.self_assessment", item, measure, focus["previous_level"]
    participation = snapshot["participation"]
    for sector in participation["sectors"]:
        yield "participation.sector", name(sector["name"]), "organisations", sector["organisations"]
    for measure, value in participation["committee"].items():
        yield "participation.committee", "", measure, value
    for measure, value in participation["forum"].items():
        yield "participation.forum", "", measure, value
    provision = snapshot.get("provision")
    if provision:
        for measure in ["opportunities", "free", "spaces"]:
            yield "provision", "", measure, provision[measure]
        for measure, value in provision.get("needs", {}).items():
            yield "provision.learning_needs", "", measure, value
        for measure, value in provision.get("credentials", {}).items():
            yield "provision.credentials", "", measure, value
        for group in provision["by_group"]:
            yield (
                "provision.target_group",
                name(group["name"]),
                "opportunities",
                group["opportunities"],
            )
        for district in provision["by_district"]:
            for measure in ["opportunities", "spaces"]:
                yield "provision.district", name(district["name"]), measure, district[measure]
    monitoring = snapshot.get("monitoring")
    if monitoring:
        for indicator in monitoring["indicators"]:
            item = name(indicator["name"])
            yield "monitoring.indicator", item, "latest_value", indicator["latest"]
            yield "monitoring.indicator", item, "latest_period_start", indicator["period_start"]
            yield "monitoring.indicator", item, "status", indicator["status"]
            yield "monitoring.indicator", item, "trend", indicator["trend"]
        for focus in monitoring["focuses"]:
            item = f"{focus['code']} {name(focus['name'])}"
            for measure in ["indicators", "on_track", "off_track"]:
                yield "monitoring.kflc_focus", item, measure, focus[measure]
    funding = snapshot.get("funding")
    if funding:
        for row in funding["needs"]:
            item = f"{row['year']} {row['currency']}"
            for measure in ["needed", "pledged", "received", "gap"]:
                yield "funding.needs", item, measure, row[measure]
        for row in funding["sources"]:
            item = f"{row['year']} {row['currency']}"
            yield "funding.sources", item, row["kind"], row["amount"]
        for row in funding["earmarked"]:
            item = f"{row['year']} {row['currency']}"
            for measure in ["total", "earmarked", "share", "marginalised", "marginalised_share"]:
                yield "funding.target_groups", item, measure, row[measure]
    celebration = snapshot.get("celebration")
    if celebration:
        for kind, count in celebration["by_kind"].items():
            yield "celebration.events_by_kind", kind, "events", count
        for measure in ["events", "confirmed", "checked_in", "attendance_rate"]:
            yield "celebration", "", measure, celebration[measure]
    equity = snapshot.get("equity")
    for row in equity["rows"] if equity else []:
        for measure in EQUITY_MEASURES:
            yield "equity.district", name(row["name"]), measure, row[measure]


PER = 10_000  # opportunities per so many inhabitants
EQUITY_MEASURES = [
    "population",
    "needs",
    "needs_open",
    "opportunities",
    "opportunities_per",
    "spaces",
    "events",
    "places",
    "money",
    "money_per_inhabitant",
]


def _per(count, population, per=PER, places=Decimal("0.1")):
    if not population:
        return None
    return (Decimal(count) * per / population).quantize(places, rounding=ROUND_HALF_UP)


def equity_figures(start=None, end=None):
    """JSON-ready, for the dashboard and a report's snapshot: {start, end, year, currency, rows},
    a row per district with its names, boundary, population and figures: learning on offer
    now, event places taken from `start` to `end` (days; the last twelve months by default)
    and money allocated in the year of `end` (sums of money and rates as text). None when the
    city has no district."""
    end = end or timezone.localdate()
    start = start or end - timedelta(days=364)
    year = end.year
    currency = CityProfile.objects.current().currency
    provision = provision_by_district()
    needs = needs_by_district()
    since, until = _moments(start, end)
    events = events_by_district(start=since, end=until)
    money = {
        row["district_id"]: row["amount"]
        for row in allocated_by_district(year=year)
        if row["currency"] == currency
    }
    rows = []
    for district in District.objects.order_by("name_es", "pk"):
        offer = provision.get(district.pk, {"opportunities": 0, "spaces": 0})
        told = needs.get(district.pk, {"reported": 0, "open": 0})
        taking_part = events.get(district.pk, {"events": 0, "confirmed": 0})
        allocated = money.get(district.pk, Decimal(0))
        population = district.population
        rows.append(
            {
                "name": texts(district, "name"),
                "boundary": district.boundary,
                "population": population,
                "needs": told["reported"],
                "needs_open": told["open"],
                "opportunities": offer["opportunities"],
                "opportunities_per": _text(_per(offer["opportunities"], population)),
                "spaces": offer["spaces"],
                "events": taking_part["events"],
                "places": taking_part["confirmed"],
                "money": str(allocated),
                "money_per_inhabitant": _text(
                    _per(allocated, population, per=1, places=Decimal("0.01"))
                ),
            }
        )
    if not rows:
        return None
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "year": year,
        "currency": currency,
        "rows": rows,
    }


def _text(value):
    return None if value is None else str(value)
