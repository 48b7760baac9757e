from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    KflcArea,
    KflcFocus,
    Milestone,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
    Workshop,
    WorkshopParticipation,
)
from stakeholders.models import Sector, normalise_name


def kflc_areas():
    """The three KFLC areas with their areas of focus and the city's features, in three queries."""
    return KflcArea.objects.prefetch_related(
        Prefetch("focuses", queryset=KflcFocus.objects.order_by("code")), "focuses__features"
    )


def adopted_plan():
    return ActionPlan.objects.adopted().first()


def with_status(actions, today=None):
    """Annotate `current_status` in SQL, by the same rule as `Action.status`, so it can filter."""
    today = today or timezone.localdate()
    overdue = Milestone.objects.filter(
        action=OuterRef("pk"), due__lt=today, completed_on__isnull=True
    )
    return actions.annotate(
        current_status=Case(
            When(~Q(status_override=""), then=F("status_override")),
            When(phase=Action.Phase.COMPLETED, then=Value(Action.Status.DONE)),
            When(Q(end__lt=today) | Exists(overdue), then=Value(Action.Status.LATE)),
            default=Value(Action.Status.ON_TIME),
        )
    )


def plan_actions(plan):
    """The plan's actions with what their pages show, ready to filter."""
    return with_status(Action.objects.filter(objective__plan=plan)).select_related(
        "objective__theme", "lead_organisation"
    )


def action_prefetches():
    return [
        Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk")),
        Prefetch(
            "roles",
            queryset=ActionRole.objects.select_related("organisation").order_by(
                "role", "organisation__name"
            ),
        ),
    ]


def plan_structure(plan, actions):
    """Themes → objectives → the given actions, with progress, in a fixed number of queries.

    Objectives keep every action for their progress; `shown_actions` are those in `actions`.
    """
    shown = set(actions.values_list("pk", flat=True))
    objectives = list(
        plan.objectives.select_related("theme")
        .prefetch_related(
            "kflc_focuses",
            Prefetch(
                "actions",
                queryset=with_status(Action.objects.select_related("lead_organisation"))
                .prefetch_related(*action_prefetches())
                .order_by("order", "pk"),
            ),
        )
        .order_by("theme__order", "order", "pk")
    )
    for objective in objectives:
        objective.shown_actions = [a for a in objective.actions.all() if a.pk in shown]
    themes = list(plan.themes.order_by("order", "pk"))
    for theme in themes:
        theme.plan_objectives = [o for o in objectives if o.theme_id == theme.pk]
    unthemed = [objective for objective in objectives if objective.theme_id is None]
    return themes, unthemed


def action_detail(pk):
    return (
        with_status(Action.objects.all())
        .select_related(
            "objective__plan", "objective__theme", "lead_organisation", "status_override_by"
        )
        .prefetch_related(*action_prefetches(), "ministry_contacts", "objective__kflc_focuses")
        .get(pk=pk)
    )


def kflc_coverage(plan):
    """Every area of focus with the plan's objectives that address it."""
    areas = list(kflc_areas())
    covered = {}
    if plan is not None:
        for objective in plan.objectives.prefetch_related("kflc_focuses"):
            for focus in objective.kflc_focuses.all():
                covered.setdefault(focus.pk, []).append(objective)
    for area in areas:
        for focus in area.focuses.all():
            focus.plan_objectives = covered.get(focus.pk, [])
    return areas


def current_charter():
    """The latest published charter with its actions and signatories, or None."""
    return (
        Charter.objects.published()
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("objective")),
            Prefetch(
                "signatures",
                queryset=CharterSignature.objects.select_related("organisation__sector"),
            ),
        )
        .order_by("-version")
        .first()
    )


def stocktake_inventory():
    return (
        StocktakeEntry.objects.filter(status=StocktakeEntry.Status.ACCEPTED)
        .select_related("organisation", "sector")
        .prefetch_related("kflc_focuses", "target_groups", "actions")
    )


def stocktake_pending():
    return (
        StocktakeEntry.objects.filter(status=StocktakeEntry.Status.PENDING)
        .select_related("organisation", "sector", "submitted_by")
        .prefetch_related("kflc_focuses", "target_groups")
        .order_by("created_at")
    )


def stocktake_of_member(user):
    """Every entry of the organisations `user` belongs to, newest first, whatever its status:
    pending and rejected entries are for the organisation's members (and staff) only."""
    if not getattr(user, "is_authenticated", False):
        return StocktakeEntry.objects.none()
    return (
        StocktakeEntry.objects.filter(organisation__memberships__user=user)
        .select_related("organisation", "merged_into")
        .order_by("-created_at")
    )


def stocktake_duplicate(*, organisation, title):
    """The organisation's pending or accepted entry with this title, compared without case,
    accents or punctuation, or None. An organisation has few entries, so they are compared here
    rather than in SQL, which cannot drop accents on every database."""
    key = normalise_name(title)
    entries = StocktakeEntry.objects.filter(
        organisation=organisation,
        status__in=[StocktakeEntry.Status.PENDING, StocktakeEntry.Status.ACCEPTED],
    ).only("pk", "title", "status")
    return next((entry for entry in entries if normalise_name(entry.title) == key), None)


def workshops_overview():
    """Workshops with their participants, and which sectors attended at least one."""
    workshops = list(
        Workshop.objects.prefetch_related(
            "audience_sectors",
            Prefetch(
                "participations",
                queryset=WorkshopParticipation.objects.select_related("organisation__sector"),
            ),
        ).order_by("-starts_at")
    )
    reached = {
        participation.organisation.sector
        for workshop in workshops
        for participation in workshop.participations.all()
        if participation.attended
    }
    sectors = list(Sector.objects.all())
    return {
        "workshops": workshops,
        "sectors_reached": [sector for sector in sectors if sector in reached],
        "sectors_not_reached": [sector for sector in sectors if sector not in reached],
    }


def consultation_board(consultation):
    """Proposals ranked by their total score, with comments and the points by sector."""
    proposals = list(
        consultation.proposals.select_related("participant__sector")
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=ProposalComment.objects.select_related(
                    "participant__sector", "participant__user"
                ),
            ),
            Prefetch(
                "scores", queryset=ProposalScore.objects.select_related("participant__sector")
            ),
            "themes",
        )
        .annotate(total=Coalesce(Sum("scores__points"), 0))
        .order_by("-total", "created_at")
    )
    sectors = {}
    for proposal in proposals:
        proposal.by_sector = {}
        for score in proposal.scores.all():
            sector = score.participant.sector
            sectors[sector.pk] = sector
            proposal.by_sector[sector.pk] = proposal.by_sector.get(sector.pk, 0) + score.points
    ordered_sectors = sorted(sectors.values(), key=lambda sector: sector.name)
    for proposal in proposals:
        proposal.sector_points = [proposal.by_sector.get(s.pk, 0) for s in ordered_sectors]
    return {"proposals": proposals, "ranking_sectors": ordered_sectors}


def action_history(action, limit=10):
    """The last edits of an action: when, by whom and which fields changed (two queries)."""
    records = list(
        action.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            for change in newer.diff_against(older, excluded_fields=["version"]).changes:
                field = Action._meta.get_field(change.field)
                changes.append(field.verbose_name)
        entries.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "created": older is None and newer.history_type == "+",
                "changes": changes,
            }
        )
    return entries


COMPARED_FIELDS = {
    "themes": ["title", "challenge", "named_by"],
    "objectives": ["title", "term", "description", "means_of_evaluation", "focus_codes"],
    "actions": [
        "title",
        "start",
        "end",
        "phase",
        "lead_organisation",
        "status_override",
        "manual_progress",
        "weight",
    ],
}


def _label(obj, field):
    if field == "focus_codes":
        return _("KFLC areas of focus")
    return obj._meta.get_field(field).verbose_name


def _shown(obj, field):
    display = getattr(obj, f"get_{field}_display", None)
    return display() if display else getattr(obj, field)


def _snapshot(plan):
    themes = {theme.lineage_key: theme for theme in plan.themes.all()}
    objectives = {}
    for objective in plan.objectives.prefetch_related("kflc_focuses"):
        objective.focus_codes = ", ".join(sorted(f.code for f in objective.kflc_focuses.all()))
        objectives[objective.lineage_key] = objective
    actions = {
        action.lineage_key: action
        for action in Action.objects.filter(objective__plan=plan).select_related(
            "lead_organisation", "objective"
        )
    }
    return {"themes": themes, "objectives": objectives, "actions": actions}


def plan_compare(older, newer):
    """What changed from one plan version to another, matched by lineage: for themes, objectives
    and actions, those added, removed and changed (with the fields that changed)."""
    before, after = _snapshot(older), _snapshot(newer)
    result = {}
    for kind, fields in COMPARED_FIELDS.items():
        old, new = before[kind], after[kind]
        changed = []
        for key in old.keys() & new.keys():
            differences = [
                (_label(new[key], field), _shown(old[key], field), _shown(new[key], field))
                for field in fields
                if getattr(old[key], field) != getattr(new[key], field)
            ]
            if differences:
                changed.append({"item": new[key], "differences": differences})
        result[kind] = {
            "added": [new[key] for key in new.keys() - old.keys()],
            "removed": [old[key] for key in old.keys() - new.keys()],
            "changed": sorted(changed, key=lambda entry: entry["item"].title),
        }
    return result


def plan_progress_summary(plan):
    """For the dashboard: objectives with their progress, and actions counted by status and
    phase, in a fixed number of queries."""
    objectives = list(
        plan.objectives.prefetch_related(
            Prefetch(
                "actions",
                queryset=with_status(Action.objects.all()).prefetch_related(
                    Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk"))
                ),
            )
        ).order_by("theme__order", "order", "pk")
    )
    actions = [action for objective in objectives for action in objective.actions.all()]
    by_status = dict.fromkeys(Action.Status.values, 0)
    by_phase = dict.fromkeys(Action.Phase.values, 0)
    for action in actions:
        by_status[action.status] += 1
        by_phase[action.phase] += 1
    progresses = [objective.progress for objective in objectives if objective.progress is not None]
    return {
        "plan": plan,
        "objectives": objectives,
        "action_total": len(actions),
        "by_status": [(Action.Status(key).label, key, count) for key, count in by_status.items()],
        "by_phase": [(Action.Phase(key).label, count) for key, count in by_phase.items()],
        "overall": sum(progresses) / len(progresses) if progresses else None,
    }
