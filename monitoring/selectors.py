"""Reads of the indicators for the pages, the open data and the dashboard
(`indicator_progress`, `objective_progress`, `focus_progress`). The public sees approved values
only: every read here starts from `Period.objects.approved()` unless it says otherwise."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, OuterRef, Prefetch, Subquery

from learningcity.data_versions import data_version
from learningcity.kept import follow
from monitoring import progress
from monitoring.models import (
    Dimension,
    DimensionValue,
    Feedback,
    Goal,
    Indicator,
    Measurement,
    Period,
    StakeholderReport,
)
from stakeholders.models import Organisation


@dataclass
class Progress:
    """What the pages say of an indicator: its approved totals (oldest first), the latest, the
    trend and whether it is on track (monitoring.progress)."""

    indicator: Indicator
    points: list = field(default_factory=list)  # [(period, total Decimal)]
    judgement: progress.Judgement = field(
        default_factory=lambda: progress.Judgement(progress.NO_DATA)
    )
    trend: str | None = None
    improving: bool | None = None

    @property
    def latest(self):
        return self.points[-1] if self.points else None

    @property
    def status(self):
        return self.judgement.status


def in_order(measurements):
    """The total first, then the breakdowns in their dimensions' order, on every database
    (PostgreSQL sorts the total's empty breakdown last otherwise)."""
    return measurements.order_by(
        F("dimension_value__dimension__order").asc(nulls_first=True),
        F("dimension_value__dimension_id").asc(nulls_first=True),
        F("dimension_value__order").asc(nulls_first=True),
        "pk",
    )


# Names the indicators' judgements as they stand; monitoring.services replaces it after every
# change of an indicator, a goal or an approved value (learningcity.data_versions).
MONITORING_DATA_VERSION_KEY = "monitoring:data-version"


# What an indicator's page shows the public (learningcity.kept), replaced by any change of these
# rows (`follow_public_data`, when the app is ready), besides the monitoring data version.
INDICATOR_PAGE_DATA = "data:monitoring:indicator-page"


def follow_public_data():
    follow(
        INDICATOR_PAGE_DATA,
        Indicator,
        Goal,
        Period,
        Measurement,
        Dimension,
        DimensionValue,
        Feedback,
        Organisation,
    )


def monitoring_data_version():
    return data_version(MONITORING_DATA_VERSION_KEY)


def _approved_periods():
    return Prefetch(
        "periods",
        queryset=Period.objects.approved()
        .order_by("start")
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=in_order(Measurement.objects.select_related("dimension_value__dimension")),
            )
        ),
        to_attr="approved_periods",
    )


def with_values(indicators):
    """Indicators with their goals and approved periods (and their values) prefetched."""
    return indicators.select_related("responsible_organisation").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("year")),
        "kflc_focuses",
        _approved_periods(),
    )


def with_totals(indicators):
    """As `with_values`, for pages that show only each period's total: read with the period
    (`total`) rather than as rows of their own, a thousand fewer for a city's hundred
    indicators with ten years of values (bench/README.md)."""
    total = Measurement.objects.filter(period=OuterRef("pk"), dimension_value__isnull=True)
    periods = (
        Period.objects.approved()
        .order_by("start")
        .annotate(total=Subquery(total.values("value")[:1]))
    )
    return indicators.select_related("responsible_organisation").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("year")),
        "kflc_focuses",
        Prefetch("periods", queryset=periods, to_attr="approved_periods"),
    )


def total_of(period):
    """The period's total, read with it (`with_totals`) or from its prefetched values."""
    if hasattr(period, "total"):
        return period.total
    for measurement in period.measurements.all():
        if measurement.dimension_value_id is None:
            return measurement.value
    return None


def progress_of(indicator):
    """Progress of an indicator read with `with_values`."""
    points = []
    for period in indicator.approved_periods:
        period.indicator = indicator
        total = total_of(period)
        if total is not None:
            points.append((period, total))
    result = Progress(indicator, points)
    higher = indicator.direction == Indicator.Direction.HIGHER
    if points:
        period, total = points[-1]
        result.judgement = progress.judge(
            baseline_value=indicator.baseline_value,
            baseline_year=indicator.baseline_year,
            goals=[(goal.year, goal.value) for goal in indicator.goals.all()],
            latest_value=total,
            latest_at=period.position,
            higher_is_better=higher,
            tolerance=indicator.tolerance,
        )
    result.trend = progress.trend([total for _period, total in points])
    result.improving = progress.improving(result.trend, higher)
    return result


def indicator_list(*, focus=None, objective=None, status=None):
    """[Progress] of the indicators, filtered by KFLC area of focus, plan objective (any version
    of it: the same lineage) and on/off track, in a constant number of queries."""
    indicators = Indicator.objects.all()
    if focus is not None:
        indicators = indicators.filter(kflc_focuses=focus)
    if objective is not None:
        indicators = indicators.filter(objectives__lineage_key=objective.lineage_key)
    rows = [progress_of(indicator) for indicator in with_totals(indicators.distinct())]
    return [row for row in rows if row.status == status] if status else rows


def indicator_page(pk):
    """The indicator with what its public page shows, or None."""
    indicator = (
        with_values(Indicator.objects.filter(pk=pk))
        .prefetch_related("kflc_features__focus", "objectives__plan", "actions", "dimensions")
        .first()
    )
    return indicator and progress_of(indicator)


def breakdowns(period):
    """{dimension: [(dimension value, value)]} of a period read with `with_values`."""
    grouped = {}
    for measurement in period.measurements.all():
        if measurement.dimension_value_id is None:
            continue
        dimension_value = measurement.dimension_value
        grouped.setdefault(dimension_value.dimension, []).append(
            (dimension_value, measurement.value)
        )
    return grouped


def indicators_measuring(*, objective_lineages=(), action_lineages=()):
    """{("objective" | "action", lineage key): [Progress]}: the indicators that measure any
    version of these objectives and actions, in a constant number of queries."""
    through_objectives = Indicator.objectives.through.objects.filter(
        objective__lineage_key__in=objective_lineages
    ).values_list("indicator_id", "objective__lineage_key")
    through_actions = Indicator.actions.through.objects.filter(
        action__lineage_key__in=action_lineages
    ).values_list("indicator_id", "action__lineage_key")
    links = [("objective", *row) for row in through_objectives] + [
        ("action", *row) for row in through_actions
    ]
    if not links:
        return {}
    indicators = {
        indicator.pk: progress_of(indicator)
        for indicator in with_values(Indicator.objects.filter(pk__in={pk for _k, pk, _l in links}))
    }
    measuring = {}
    for kind, pk, lineage in links:
        rows = measuring.setdefault((kind, lineage), [])
        if indicators[pk] not in rows:
            rows.append(indicators[pk])
    return measuring


def _summary(rows):
    counts = {progress.ON_TRACK: 0, progress.OFF_TRACK: 0, progress.NO_DATA: 0}
    for row in rows:
        counts[row.status] += 1
    judged = counts[progress.ON_TRACK] + counts[progress.OFF_TRACK]
    return {
        "indicators": len(rows),
        "on_track": counts[progress.ON_TRACK],
        "off_track": counts[progress.OFF_TRACK],
        "no_data": counts[progress.NO_DATA],
        "share_on_track": (Decimal(counts[progress.ON_TRACK] * 100) / judged if judged else None),
    }


def indicator_progress():
    """For the dashboard: every indicator's Progress (latest approved value, trend, on/off
    track), in a constant number of queries."""
    return [progress_of(indicator) for indicator in with_values(Indicator.objects.all())]


def objective_progress(plan):
    """For the dashboard: {objective: summary} of the indicators measuring each objective of
    `plan` (or an earlier or later version of it), with how many are on and off track."""
    objectives = list(plan.objectives.all())
    measuring = indicators_measuring(objective_lineages=[o.lineage_key for o in objectives])
    return {
        objective: _summary(measuring.get(("objective", objective.lineage_key), []))
        for objective in objectives
    }


def focus_progress(rows=None):
    """For the dashboard: {KFLC area of focus: summary} of the indicators evidencing each, from
    `indicator_progress()` (read here unless the caller has it already)."""
    grouped = {}
    for row in indicator_progress() if rows is None else rows:
        for focus in row.indicator.kflc_focuses.all():
            grouped.setdefault(focus, []).append(row)
    return {
        focus: _summary(rows) for focus, rows in sorted(grouped.items(), key=lambda i: i[0].code)
    }


# The KFLC self-assessment: for its pages, the dashboard and the GNLC report.


@dataclass(frozen=True)
class FocusRating:
    """An area of focus in an assessment, against the assessment before it."""

    focus: object
    rating: object  # KflcRating or None
    previous: object  # KflcRating or None
    features: tuple = ()  # the feature ratings under the focus

    @property
    def level(self):
        return self.rating.level if self.rating else None

    @property
    def previous_level(self):
        return self.previous.level if self.previous else None

    @property
    def change(self):
        if self.level is None or self.previous_level is None:
            return None
        return self.level - self.previous_level

    @property
    def change_label(self):
        """ "+1", "−1", "=" or "—" when either year is not rated."""
        change = self.change
        if change is None:
            return "—"
        return "=" if change == 0 else f"+{change}" if change > 0 else f"−{-change}"


def _with_ratings(assessments):
    from monitoring.models import KflcEvidence, KflcRating

    return assessments.prefetch_related(
        Prefetch(
            "ratings",
            queryset=KflcRating.objects.select_related(
                "focus", "feature", "descriptor"
            ).prefetch_related(
                Prefetch(
                    "evidence",
                    queryset=KflcEvidence.objects.select_related("indicator", "action"),
                )
            ),
        )
    )


def kflc_assessments(user=None):
    """Self-assessments, newest first, with their ratings and evidence: the completed ones, or
    every one `user` may see (drafts too for city staff)."""
    from monitoring.models import KflcAssessment

    assessments = (
        KflcAssessment.objects.completed()
        if user is None
        else KflcAssessment.objects.visible_to(user)
    )
    return _with_ratings(assessments.order_by("-year"))


def latest_kflc_assessment():
    """The latest completed self-assessment, or None."""
    return kflc_assessments().first()


def previous_kflc_assessment(assessment):
    """The completed self-assessment before `assessment`, or None."""
    return kflc_assessments().filter(year__lt=assessment.year).first()


def kflc_comparison(assessment, previous=None):
    """Each of the 12 areas of focus with its rating in `assessment` and in `previous`."""
    from planning.models import KflcFocus

    def by_focus(of):
        ratings = list(of.ratings.all()) if of else []
        return {r.focus_id: r for r in ratings if r.feature_id is None}, ratings

    current, ratings = by_focus(assessment)
    before, _all = by_focus(previous)
    return [
        FocusRating(
            focus=focus,
            rating=current.get(focus.pk),
            previous=before.get(focus.pk),
            features=tuple(r for r in ratings if r.feature_id and r.focus_id == focus.pk),
        )
        for focus in KflcFocus.objects.select_related("area").order_by("code")
    ]


@dataclass(frozen=True)
class TaggedText:
    """A lesson or suggestion of a stakeholder's report, under one of the tags staff gave it."""

    tag: str
    kind: str  # "lesson" or "suggestion"
    text: str
    organisation: str
    request: str
    period_start: object
    period_end: object


def answered_reports(*, start, end):
    """The stakeholders' reports answered for requests whose period meets `start`–`end` (dates),
    with their organisation, request and tags, oldest request first."""
    return (
        StakeholderReport.objects.answered()
        .filter(request__period_start__lte=end, request__period_end__gte=start)
        .select_related("request", "organisation")
        .prefetch_related("lesson_tags", "suggestion_tags")
        .order_by("request__period_start", "organisation__name")
    )


def tagged_lessons(*, start, end):
    """The tagged lessons and suggestions of the reports answered for requests whose period
    meets `start`–`end` (dates), ordered by tag, for the dashboard's reports to quote. Three
    queries."""
    reports = answered_reports(start=start, end=end)
    found = []
    for report in reports:
        for kind, text, tags in (
            ("lesson", report.lessons, report.lesson_tags.all()),
            ("suggestion", report.suggestions, report.suggestion_tags.all()),
        ):
            for tag in tags:
                found.append(
                    TaggedText(
                        tag=tag.name,
                        kind=kind,
                        text=text,
                        organisation=report.organisation.name,
                        request=report.request.title,
                        period_start=report.request.period_start,
                        period_end=report.request.period_end,
                    )
                )
    found.sort(key=lambda item: (item.tag.lower(), item.kind))
    return found
