from collections import Counter

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from learningcity.capacity import places_left
from learningcity.content_languages import (
    default_language,
    fields_in_languages,
    translated_fields,
)
from learningcity.data_versions import data_version
from learningcity.kept import follow
from learningcity.models import Sector
from learningcity.permissions import can
from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    CommentPeriod,
    DraftComment,
    KflcArea,
    KflcFeature,
    KflcFocus,
    Milestone,
    Objective,
    PlanChange,
    ProgressUpdate,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopParticipation,
    on_version,
)
from stakeholders.models import Organisation, normalise_name


def kflc_areas():
    """The three KFLC areas with their areas of focus and the city's features, in three queries."""
    return KflcArea.objects.prefetch_related(
        Prefetch("focuses", queryset=KflcFocus.objects.order_by("code")), "focuses__features"
    )


def adopted_plan():
    return ActionPlan.objects.adopted().first()


# Names the current state of every plan's data; `services.plan_data_changed` replaces it after
# each write, so whatever is cached under the old one (the plan page's body) is never read again.
PLAN_DATA_VERSION_KEY = "planning:plan-data-version"


# What an action's page shows the public (learningcity.kept): replaced by a change of any row of
# these models, the published progress updates included (`follow_public_data`, when the app is
# ready), as well as with the plan data version.
ACTION_PAGE_DATA = "data:planning:action-page"


# The KFLC coverage page: the city's features of each area of focus and the objectives of the
# plan in force covering it.
KFLC_DATA = "data:planning:kflc"


def follow_public_data():
    follow(KFLC_DATA, KflcArea, KflcFocus, KflcFeature, ActionPlan, Objective)
    follow(
        ACTION_PAGE_DATA,
        ActionPlan,
        Theme,
        Objective,
        Action,
        ActionRole,
        Milestone,
        ProgressUpdate,
        Organisation,
    )


def plan_data_version():
    """The plan data's version (learningcity.data_versions)."""
    return data_version(PLAN_DATA_VERSION_KEY)


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


def milestones_prefetch():
    return Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk"))


def action_prefetches():
    return [
        milestones_prefetch(),
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


def comment_periods(plan=None):
    """In one query: `plan`'s own comment period (None without one or without a plan), and a
    draft other than `plan` open for comments today, which every plan page points to."""
    today = timezone.localdate()
    open_draft = Q(plan__status=ActionPlan.Status.DRAFT, opens_on__lte=today, closes_on__gte=today)
    periods = list(
        CommentPeriod.objects.filter(open_draft | Q(plan=plan) if plan else open_draft)
        .select_related("plan")
        .order_by("closes_on", "pk")
    )
    own = next((period for period in periods if plan and period.plan_id == plan.pk), None)
    other = next((period for period in periods if not plan or period.plan_id != plan.pk), None)
    return own, other


def objective_actions(objective):
    """One objective's actions as the plan page's table shows them, in a fixed number of
    queries: what a reader fetches when opening a collapsed objective."""
    return list(
        with_status(objective.actions.select_related("lead_organisation"))
        .prefetch_related(milestones_prefetch())
        .order_by("order", "pk")
    )


def action_detail(pk, actions=None):
    """One action with what its page shows; `actions` narrows where it is looked for (e.g.
    `Action.objects.visible_to(user)`)."""
    return (
        with_status(actions if actions is not None else Action.objects.all())
        .select_related(
            "objective__plan", "objective__theme", "lead_organisation", "status_override_by"
        )
        .prefetch_related(*action_prefetches(), "ministry_contacts", "objective__kflc_focuses")
        .get(pk=pk)
    )


def plan_changes(user):
    """The change log, newest first, with what each line shows, in a fixed number of queries."""
    return (
        PlanChange.objects.visible_to(user)
        .select_related("plan", "previous_plan", "action", "organisation", "milestone", "update")
        .order_by("-happened_at", "-pk")
    )


def updates_pending():
    """Progress updates waiting for staff's review, oldest first."""
    return (
        ProgressUpdate.objects.filter(status=ProgressUpdate.Status.PENDING)
        .select_related("action__objective__plan", "organisation", "author")
        .order_by("created_at", "pk")
    )


def action_updates(action, *, organisations=()):
    """The action's published progress updates, with those of `organisations` (the reader's, as
    its contact persons or staff) that are pending or returned, newest first."""
    return (
        action.updates.filter(
            Q(status=ProgressUpdate.Status.PUBLISHED) | Q(organisation__in=organisations)
        )
        .select_related("organisation")
        .order_by("-reported_on", "-pk")
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


def charter_drafts(user):
    """The unpublished versions of the charter `user` may see, newest first, with their comment
    periods: staff see every one; others those opened for comments (from the day they open)."""
    drafts = Charter.objects.filter(published_on__isnull=True).select_related("comment_period")
    if not can(user, "planning.open_for_comments"):
        drafts = drafts.filter(comment_period__opens_on__lte=timezone.localdate())
    return list(drafts.order_by("-version"))


def current_charter():
    """The latest published charter with its actions and signatories, or None."""
    return (
        Charter.objects.published()
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("objective")),
            Prefetch(
                "signatures",
                queryset=CharterSignature.objects.in_force().select_related("organisation__sector"),
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
    """Workshops with their participants, and which sectors attended at least one.

    Each workshop carries `confirmed` (the participations holding a place), `waiting` (the
    waiting list, in order) and `places_left` (None without a limit), counted from the one
    prefetch, so the page's queries do not grow with its workshops."""
    workshops = list(
        Workshop.objects.prefetch_related(
            "audience_sectors",
            "documents",
            Prefetch(
                "participations",
                queryset=WorkshopParticipation.objects.select_related("organisation__sector"),
            ),
        ).order_by("-starts_at")
    )
    for workshop in workshops:
        by_status = {status: [] for status in WorkshopParticipation.Status.values}
        for participation in workshop.participations.all():
            by_status[participation.status].append(participation)
        workshop.confirmed = by_status[WorkshopParticipation.Status.CONFIRMED]
        workshop.waiting = sorted(
            by_status[WorkshopParticipation.Status.WAITLISTED],
            key=lambda participation: (participation.requested_at, participation.pk),
        )
        workshop.places_left = places_left(workshop.capacity, len(workshop.confirmed))
    reached = {
        participation.organisation.sector
        for workshop in workshops
        for participation in workshop.confirmed
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


# Every field a reader sees, per kind; names not on the model are worked out in `_snapshot`.
COMPARED_FIELDS = {
    "themes": ["title", "challenge", "named_by"],
    "objectives": [
        "theme_title",
        "title",
        "term",
        "description",
        "means_of_evaluation",
        "focus_codes",
        "feature_codes",
    ],
    "actions": [
        "objective_title",
        "title",
        "description",
        "lead_organisation",
        "contact_people",
        "start",
        "end",
        "phase",
        "status_override",
        "status_override_reason",
        "manual_progress",
        "weight",
        "national_strategy",
        "roles_text",
        "milestones_text",
        "contacts_text",
    ],
}
PLAN_COMPARED_FIELDS = [
    "title",
    "attractive_title",
    "vision",
    "start",
    "end",
    "national_alignment",
]


def _computed_labels():
    return {
        "theme_title": _("theme"),
        "objective_title": _("objective"),
        "focus_codes": _("KFLC areas of focus"),
        "feature_codes": _("KFLC features"),
        "roles_text": _("roles of organisations"),
        "milestones_text": _("milestones"),
        "contacts_text": _("ministry liaison entries"),
    }


def _label(obj, field):
    computed = _computed_labels()
    if field in computed:
        return computed[field]
    # A text's default language goes by the text's own name; the others say their language.
    text = field.removesuffix(f"_{default_language()}")
    if text != field and text in translated_fields(type(obj)):
        return obj._meta.get_field(text).verbose_name
    return obj._meta.get_field(field).verbose_name


def _shown(obj, field):
    display = getattr(obj, f"get_{field}_display", None)
    return display() if display else getattr(obj, field)


def _milestone_text(milestone):
    text = f"{milestone.title} ({formats.date_format(milestone.due, 'SHORT_DATE_FORMAT')})"
    if milestone.completed_on:
        done = formats.date_format(milestone.completed_on, "SHORT_DATE_FORMAT")
        text += " ✓ " + done
    return text


def _snapshot(plan):
    """The plan's themes, objectives and actions by lineage key, each with the text a reader
    sees of its relations, in a fixed number of queries."""
    themes = {theme.lineage_key: theme for theme in plan.themes.all()}
    objectives = {}
    for objective in plan.objectives.select_related("theme").prefetch_related(
        "kflc_focuses", "kflc_features"
    ):
        objective.theme_title = objective.theme.title if objective.theme else ""
        objective.focus_codes = ", ".join(sorted(f.code for f in objective.kflc_focuses.all()))
        objective.feature_codes = "; ".join(sorted(str(f) for f in objective.kflc_features.all()))
        objectives[objective.lineage_key] = objective
    actions = {}
    for action in (
        Action.objects.filter(objective__plan=plan)
        .select_related("lead_organisation", "objective")
        .prefetch_related(*action_prefetches(), "ministry_contacts")
    ):
        action.objective_title = action.objective.title
        action.roles_text = "; ".join(
            f"{role.organisation}: {role.get_role_display()}" for role in action.roles.all()
        )
        action.milestones_text = "; ".join(_milestone_text(m) for m in action.milestones.all())
        action.contacts_text = "; ".join(sorted(str(c) for c in action.ministry_contacts.all()))
        actions[action.lineage_key] = action
    return {"themes": themes, "objectives": objectives, "actions": actions}


def _differences(old, new, fields):
    """Each of `fields` that differs, a text in each of its languages (a translation changed
    is a change), with its label and both values."""
    in_languages = fields_in_languages(type(new), fields)
    texts = set(in_languages) - set(fields)
    differences = []
    for field in in_languages:
        before, after = _shown(old, field), _shown(new, field)
        if field in texts:
            # A text not written yet in a language is NULL, or "" once a form saved it.
            before, after = before or "", after or ""
        if before != after:
            differences.append((_label(new, field), before, after))
    return differences


def plan_compare(older, newer):
    """What changed from one plan version to another: the plan's own fields, and, matched by
    lineage, the themes, objectives and actions added, removed and changed (with each changed
    field's old and new value)."""
    before, after = _snapshot(older), _snapshot(newer)
    result = {"plan": _differences(older, newer, PLAN_COMPARED_FIELDS)}
    for kind, fields in COMPARED_FIELDS.items():
        old, new = before[kind], after[kind]
        changed = []
        for key in old.keys() & new.keys():
            differences = _differences(old[key], new[key], fields)
            if differences:
                changed.append({"item": new[key], "differences": differences})
        result[kind] = {
            "added": sorted((new[key] for key in new.keys() - old.keys()), key=_by_title),
            "removed": sorted((old[key] for key in old.keys() - new.keys()), key=_by_title),
            "changed": sorted(changed, key=lambda entry: entry["item"].title),
        }
    return result


def _by_title(item):
    return item.title


def _ancestors(plan):
    """The versions `plan` was copied from, nearest first."""
    found, seen = [], {plan.pk}
    while plan.based_on_id and plan.based_on_id not in seen:
        plan = ActionPlan.objects.filter(pk=plan.based_on_id).first()
        if plan is None:
            break
        found.append(plan)
        seen.add(plan.pk)
    return found


TRACKED_ACTION_FIELDS = [
    "phase",
    "status_override",
    "status_override_reason",
    "status_override_by_id",
    "manual_progress",
]


def tracking_updates(adopted, draft):
    """Implementation updates made on the adopted plan after `draft` was copied, by lineage:
    for each of the draft's actions, the tracking fields edited on its adopted twin since then
    (from the actions' history) and the milestones done there that the draft has not done."""
    drafts = {
        action.lineage_key: action
        for action in Action.objects.filter(objective__plan=draft).prefetch_related("milestones")
    }
    twins = list(
        Action.objects.filter(objective__plan=adopted, lineage_key__in=drafts).prefetch_related(
            "milestones"
        )
    )
    edited = {}
    previous = {}
    for record in Action.history.filter(id__in=[twin.pk for twin in twins]).order_by(
        "history_date", "history_id"
    ):
        prior = previous.get(record.id)
        if prior is not None and record.history_date > draft.created_at:
            for field in TRACKED_ACTION_FIELDS:
                if getattr(record, field) != getattr(prior, field):
                    edited.setdefault(record.id, set()).add(field)
        previous[record.id] = record
    updates = []
    for twin in twins:
        action = drafts[twin.lineage_key]
        fields = {
            field: (getattr(action, field), getattr(twin, field))
            for field in TRACKED_ACTION_FIELDS
            if field in edited.get(twin.pk, ()) and getattr(action, field) != getattr(twin, field)
        }
        done = {(m.title, m.due): m.completed_on for m in twin.milestones.all() if m.completed_on}
        done_by_title = {title: when for (title, _due), when in done.items()}
        milestones = []
        for milestone in action.milestones.all():
            when = done.get((milestone.title, milestone.due)) or done_by_title.get(milestone.title)
            if when and not milestone.completed_on:
                milestones.append((milestone, when))
        if fields or milestones:
            labels = [
                Action._meta.get_field(field.removesuffix("_id")).verbose_name for field in fields
            ]
            updates.append(
                {"action": action, "fields": fields, "labels": labels, "milestones": milestones}
            )
    return sorted(updates, key=lambda update: update["action"].title)


def adoption_preview(draft):
    """What adopting `draft` does to the plan in force: what the adopted plan has that the draft
    lacks (by lineage key), the implementation updates carried forward, and whether the draft is
    out of date (the plan in force is not among the versions it was copied from)."""
    current = ActionPlan.objects.adopted().exclude(pk=draft.pk).first()
    if current is None:
        return {"current": None, "dropped": None, "updates": [], "out_of_date": False}
    comparison = plan_compare(current, draft)
    dropped = {kind: comparison[kind]["removed"] for kind in ("themes", "objectives", "actions")}
    return {
        "current": current,
        "dropped": dropped if any(dropped.values()) else None,
        "updates": tracking_updates(current, draft),
        "out_of_date": current.pk not in {plan.pk for plan in _ancestors(draft)},
    }


def elapsed_share(plan, today=None):
    """The share of the plan's period gone by, from 0 before it starts to 1 after it ends: what
    an objective's progress keeps pace with to be on track, while it has no indicators."""
    today = today or timezone.localdate()
    length = (plan.end - plan.start).days
    if length <= 0:
        return 1.0
    return min(max((today - plan.start).days / length, 0.0), 1.0)


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
    expected = elapsed_share(plan) * 100
    for objective in objectives:
        objective.on_track = None if objective.progress is None else objective.progress >= expected
    return {
        "plan": plan,
        "expected": expected,
        "on_track": sum(1 for objective in objectives if objective.on_track),
        "off_track": sum(1 for objective in objectives if objective.on_track is False),
        "objectives": objectives,
        "action_total": len(actions),
        "by_status": [(Action.Status(key).label, key, count) for key, count in by_status.items()],
        "by_phase": [(Action.Phase(key).label, count) for key, count in by_phase.items()],
        "overall": sum(progresses) / len(progresses) if progresses else None,
    }


def draft_outline(plan):
    """[(theme, [objectives, each with its actions prefetched])], the objectives of no theme
    last under None: what a comment on the draft may be about. Three queries."""
    objectives = list(
        Objective.objects.filter(plan=plan)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("actions", Action.objects.order_by("order", "pk")))
    )
    outline = [
        (theme, [o for o in objectives if o.theme_id == theme.pk])
        for theme in plan.themes.order_by("order", "pk")
    ]
    loose = [o for o in objectives if o.theme_id is None]
    if loose:
        outline.append((None, loose))
    return outline


def draft_comments(subject):
    """The comments on a version of the plan or of the charter, with what they are about, in one
    query."""
    return DraftComment.objects.filter(**on_version(subject)).select_related(
        "theme",
        "objective__theme",
        "action__objective__theme",
        "sector",
        "district",
        "author",
    )


def what_we_heard(subject):
    """The comments on a version counted by theme (none for the charter) and by the commenter's
    sector or district, with the comments themselves; rows of (label, count), most first."""
    comments = list(draft_comments(subject))
    by_theme, by_sector, by_district, by_answer = Counter(), Counter(), Counter(), Counter()
    for comment in comments:
        by_theme[comment.about_theme] += 1
        by_sector[comment.sector] += 1
        by_district[comment.district] += 1
        by_answer[comment.answer] += 1

    def rows(counter):
        return sorted(counter.items(), key=lambda row: (-row[1], str(row[0] or "")))

    return {
        "comments": comments,
        "by_theme": rows(by_theme),
        "by_sector": rows(by_sector),
        "by_district": rows(by_district),
        "by_answer": rows(by_answer),
    }
