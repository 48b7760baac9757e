"""Writes to the action plan: versions, adoption and action edits, each in one transaction.

One rule for what may change, enforced here so the site's pages, the admin and any import obey
it alike: a superseded version never changes; the adopted plan changes only in its implementation
tracking (an action's status set by hand, phase, progress and milestones); the structure (themes,
objectives, actions, their texts, the vision, titles and period) changes only in a draft, which a
coordinator then adopts. Every change of state is recorded in the audit trail.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit, capacity
from learningcity.content_languages import fields_in_languages
from learningcity.data_versions import data_changed
from learningcity.models import User
from learningcity.notifications import notify
from learningcity.outbox import email_render_and_queue, language_for_email
from planning import notifications
from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    CommentPeriod,
    ConsultationParticipant,
    DraftComment,
    Milestone,
    Objective,
    PlanChange,
    ProgressUpdate,
    Proposal,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
    Theme,
    WorkshopParticipation,
    on_version,
)
from planning.selectors import PLAN_DATA_VERSION_KEY, stocktake_duplicate
from stakeholders.services import require_verified_address

audit.register(
    {
        "planning.plan_create_version": gettext_noop("Made a draft copy of the plan"),
        "planning.plan_adopt": gettext_noop("Adopted a version of the plan"),
        "planning.plan_supersede": gettext_noop("A version of the plan was superseded"),
        "planning.plan_update": gettext_noop("Edited the plan"),
        "planning.theme_save": gettext_noop("Saved a theme"),
        "planning.objective_save": gettext_noop("Saved an objective"),
        "planning.action_create": gettext_noop("Added an action"),
        "planning.action_update": gettext_noop("Edited an action"),
        "planning.action_carry_forward": gettext_noop(
            "Carried implementation updates forward into the adopted version"
        ),
        "planning.move": gettext_noop("Changed the order"),
        "planning.consultation_create": gettext_noop("Opened a consultation"),
        "planning.consultation_invite": gettext_noop("Invited someone to a consultation"),
        "planning.consultation_join": gettext_noop("Joined a consultation"),
        "planning.proposal_create": gettext_noop("Proposed a challenge"),
        "planning.proposal_comment": gettext_noop("Commented on a proposal"),
        "planning.proposal_score": gettext_noop("Ranked a proposal"),
        "planning.theme_from_proposals": gettext_noop("Made a theme from proposals"),
        "planning.workshop_send_invitations": gettext_noop("Invited organisations to a workshop"),
        "planning.workshop_request_place": gettext_noop("Asked for a place in a workshop"),
        "planning.workshop_cancel_place": gettext_noop("Cancelled a place in a workshop"),
        "planning.workshop_fill_places": gettext_noop(
            "Gave free places of a workshop to its waiting list"
        ),
        "planning.charter_sign": gettext_noop("Signed the city charter"),
        "planning.charter_withdraw": gettext_noop("Withdrew a signature of the city charter"),
        "planning.stocktake_submit": gettext_noop("Submitted a stock-taking entry"),
        "planning.stocktake_review": gettext_noop("Reviewed a stock-taking entry"),
        "planning.plan_settings": gettext_noop("Changed the plan's settings"),
        "planning.workshop_attendance": gettext_noop("Took the attendance of a workshop"),
        "planning.contact_add": gettext_noop("Chose a contact person for an action"),
        "planning.contact_remove": gettext_noop("Removed a contact person from an action"),
        "planning.update_submit": gettext_noop("Posted a progress update"),
        "planning.update_review": gettext_noop("Reviewed a progress update"),
        "planning.comment_period": gettext_noop("Opened a draft of the plan for comments"),
        "planning.draft_comment": gettext_noop("Commented on a draft of the plan"),
        "planning.draft_comment_answer": gettext_noop("Answered a comment on a draft"),
    }
)

# What implementation tracking may change on the adopted plan; every other field of an action
# is its structure, changed in a draft.
ACTION_TRACKING_FIELDS = {
    "phase",
    "status_override",
    "status_override_reason",
    "status_override_by",
    "manual_progress",
    "version",
}


class ActionChangedMeanwhile(Exception):
    """Someone saved the action after this edit began; nothing was written."""


class PlanLocked(ValidationError):
    """The change is not allowed on this version of the plan (superseded, or the structure of
    the adopted one); nothing was written."""


def plan_check_editable(*, plan, structure=True):
    """Refuse, with the reason, a change the version does not allow (see the module's rule)."""
    if plan.status == ActionPlan.Status.SUPERSEDED:
        raise PlanLocked(
            _(
                "This version of the plan has been superseded: it is kept as it was and cannot "
                "change."
            ),
            code="superseded",
        )
    if structure and plan.status == ActionPlan.Status.ADOPTED:
        raise PlanLocked(
            _(
                "The adopted plan's structure (themes, objectives, actions, their texts, the "
                "vision, titles and period) changes only through a draft: make a draft copy on "
                "the versions page, change it there and have a coordinator adopt it. On the "
                "adopted plan you update the implementation: each action's status, phase, "
                "progress and milestones."
            ),
            code="adopted",
        )


def plan_data_changed():
    """Called by every write to a plan's data (its versions, themes, objectives, actions, roles,
    milestones): once the transaction commits, the plan pages rendered before it are cached under
    an old version and never served again. Not before the commit: a page rendered meanwhile
    would be cached, without the change, under the new version."""
    data_changed(PLAN_DATA_VERSION_KEY)


def _locked_plan(plan_id):
    """The plan, locked for this transaction, so its status cannot change under the edit."""
    return ActionPlan.objects.select_for_update().get(pk=plan_id)


@transaction.atomic
def plan_create(*, plan, by):
    """A new plan, the first version of its lineage."""
    plan.status = ActionPlan.Status.DRAFT
    plan.number = 1
    plan.full_clean()
    plan.save()
    plan_data_changed()
    audit.record(actor=by, action="planning.plan_update", target=plan)
    return plan


@transaction.atomic
def plan_create_version(*, plan, by):
    """A draft copy of `plan`: themes, objectives, actions, roles and milestones.

    Each copy keeps its lineage key, so whatever points at an action "by lineage" (indicators,
    budget lines, events) follows it into the new version. The copy takes the next number of
    the plan's lineage.
    """
    copy = ActionPlan.objects.get(pk=plan.pk)
    # Locking the lineage's versions keeps two copies made at once from taking one number.
    in_lineage = ActionPlan.objects.select_for_update().filter(lineage_key=copy.lineage_key)
    highest = max(version.number for version in in_lineage)
    copy.pk = None
    copy.id = None
    copy.status = ActionPlan.Status.DRAFT
    copy.based_on = plan
    copy.number = highest + 1
    copy.created_at = timezone.now()
    copy.adopted_at = copy.adopted_by = None
    copy.adoption_decision = ""
    copy.full_clean()
    copy.save()
    themes = {}
    for theme in plan.themes.all():
        old_pk = theme.pk
        theme.pk = theme.id = None
        theme.plan = copy
        theme.save()
        themes[old_pk] = theme
    for objective in plan.objectives.prefetch_related("kflc_focuses", "kflc_features"):
        focuses = list(objective.kflc_focuses.all())
        features = list(objective.kflc_features.all())
        actions = list(
            objective.actions.prefetch_related(
                "roles", "milestones", "ministry_contacts", "contacts"
            )
        )
        objective.pk = objective.id = None
        # The copy must not answer its relations from the original's prefetched ones.
        objective._prefetched_objects_cache = {}
        objective.plan = copy
        objective.theme = themes.get(objective.theme_id)
        objective.save()
        objective.kflc_focuses.set(focuses)
        objective.kflc_features.set(features)
        for action in actions:
            roles = list(action.roles.all())
            milestones = list(action.milestones.all())
            contacts = list(action.ministry_contacts.all())
            people = list(action.contacts.all())
            action.pk = action.id = None
            action._prefetched_objects_cache = {}
            action.objective = objective
            action.version = 1
            action.save()
            action.ministry_contacts.set(contacts)
            ActionContact.objects.bulk_create(
                ActionContact(
                    action=action,
                    person_id=contact.person_id,
                    organisation_id=contact.organisation_id,
                    chosen_by_id=contact.chosen_by_id,
                    chosen_at=contact.chosen_at,
                )
                for contact in people
            )
            ActionRole.objects.bulk_create(
                ActionRole(
                    action=action,
                    organisation_id=role.organisation_id,
                    role=role.role,
                    responsibilities=role.responsibilities,
                )
                for role in roles
            )
            Milestone.objects.bulk_create(
                Milestone(
                    action=action,
                    **{
                        name: getattr(milestone, name)
                        for name in fields_in_languages(Milestone, ["title"])
                    },
                    due=milestone.due,
                    completed_on=milestone.completed_on,
                )
                for milestone in milestones
            )
    plan_data_changed()
    audit.record(
        actor=by,
        action="planning.plan_create_version",
        target=copy,
        changes={"based_on": plan.version_label},
    )
    return copy


class AdoptionWouldDropWork(ValidationError):
    """The draft is out of date and lacks what the adopted plan has; adopting it needs the
    coordinator to say they have seen what will be dropped."""


def _carry_forward(*, updates, by):
    """Apply to the draft's actions the implementation updates made meanwhile on the plan in
    force (see `selectors.tracking_updates`)."""
    for update in updates:
        action = update["action"]
        for field, (_before, after) in update["fields"].items():
            setattr(action, field, after)
        if update["fields"]:
            action.version += 1
            action.full_clean()
            action.save()
        for milestone, done_on in update["milestones"]:
            milestone.completed_on = done_on
            milestone.full_clean()
            milestone.save(update_fields=["completed_on"])
        changes = dict(update["fields"])
        changes.update({m.title: (None, d) for m, d in update["milestones"]})
        audit.record(
            actor=by, action="planning.action_carry_forward", target=action, changes=changes
        )


@transaction.atomic
def plan_adopt(*, plan, by, decision="", drop_acknowledged=False):
    """Adopt a draft: the plan adopted until now is superseded. Needs at least one objective.

    Implementation updates made on the plan in force after the draft was copied are carried
    into the draft by lineage. A draft that is out of date (not copied from the plan in force)
    and lacks some of its themes, objectives or actions is refused unless `drop_acknowledged`.
    """
    # Imported here: selectors import the models only, services the selectors for this check.
    from planning.selectors import adoption_preview

    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Only a draft can be adopted."))
    if not plan.objectives.exists():
        raise ValidationError(_("A plan without objectives cannot be adopted."))
    plan.adopted_at = timezone.localdate()
    plan.adopted_by = by
    plan.adoption_decision = decision
    plan.full_clean()
    previous = list(ActionPlan.objects.select_for_update().adopted())
    preview = adoption_preview(plan)
    if preview["out_of_date"] and preview["dropped"] and not drop_acknowledged:
        raise AdoptionWouldDropWork(
            _(
                "This draft was not copied from the plan in force and lacks some of its themes, "
                "objectives or actions (listed on this page). Bring the draft up to date, or "
                "confirm that you have seen what will be dropped."
            ),
            code="would_drop",
        )
    plan_data_changed()
    _carry_forward(updates=preview["updates"], by=by)
    for version in previous:
        version.status = ActionPlan.Status.SUPERSEDED
        version.save(update_fields=["status"])
        audit.record(
            actor=by,
            action="planning.plan_supersede",
            target=version,
            changes={"status": (ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED)},
        )
    plan.status = ActionPlan.Status.ADOPTED
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "adoption_decision"])
    PlanChange.objects.create(
        plan=plan,
        kind=PlanChange.Kind.ADOPTION,
        previous_plan=previous[0] if previous else None,
    )
    dropped = preview["dropped"] or {}
    audit.record(
        actor=by,
        action="planning.plan_adopt",
        target=plan,
        changes={
            "status": (ActionPlan.Status.DRAFT, ActionPlan.Status.ADOPTED),
            "adoption_decision": decision,
            **{
                f"dropped_{kind}": ", ".join(item.title for item in items)
                for kind, items in dropped.items()
                if items
            },
        },
    )
    return plan


PLAN_OWN_FIELDS = ["title", "attractive_title", "vision", "start", "end", "national_alignment"]


@transaction.atomic
def plan_update(*, plan, by):
    """Save the plan's own fields (titles, vision, period, alignment): in a draft only."""
    stored = _locked_plan(plan.pk)
    plan_check_editable(plan=stored)
    plan.full_clean()
    changes = audit.diff(stored, plan, fields_in_languages(ActionPlan, PLAN_OWN_FIELDS))
    plan.save()
    plan_data_changed()
    audit.record(actor=by, action="planning.plan_update", target=plan, changes=changes)
    return plan


def _structure_save(*, item, plan_id, by, action, save_m2m=None):
    """Save a theme, an objective or a new action of a draft, validated, and record it."""
    plan_check_editable(plan=_locked_plan(plan_id))
    item.full_clean()
    stored = type(item).objects.filter(pk=item.pk).first() if item.pk else None
    changes = audit.diff(stored, item, audit.editable_fields(item)) if stored else {}
    item.save()
    if save_m2m is not None:
        save_m2m()
    plan_data_changed()
    audit.record(actor=by, action=action, target=item, changes=changes)
    return item


@transaction.atomic
def theme_save(*, theme, by):
    return _structure_save(item=theme, plan_id=theme.plan_id, by=by, action="planning.theme_save")


@transaction.atomic
def objective_save(*, objective, by, save_m2m=None):
    """Save an objective; `save_m2m` (a form's) sets its KFLC areas and features."""
    return _structure_save(
        item=objective,
        plan_id=objective.plan_id,
        by=by,
        action="planning.objective_save",
        save_m2m=save_m2m,
    )


@transaction.atomic
def action_create(*, action, by):
    plan_id = Objective.objects.values_list("plan_id", flat=True).get(pk=action.objective_id)
    return _structure_save(item=action, plan_id=plan_id, by=by, action="planning.action_create")


def _tracking_state(action):
    """What the public change log follows of an action: its status, phase and the milestones
    reached, read afresh from the database."""
    fresh = Action.objects.prefetch_related("milestones").get(pk=action.pk)
    return {
        "status": fresh.status,
        "phase": fresh.phase,
        "reached": {m.pk for m in fresh.milestones.all() if m.completed_on},
    }


def _organisation_of(*, action, by):
    """The organisation whose contact person `by` is for the action; None for city staff."""
    contact = ActionContact.objects.filter(action=action, person=by).first() if by else None
    return contact.organisation if contact else None


def _log_tracking(*, action, before, by):
    after = _tracking_state(action)
    organisation = _organisation_of(action=action, by=by)
    entry = {"plan_id": _plan_of(action), "action": action, "organisation": organisation}
    entries = [
        PlanChange(kind=kind, before=before[kind], after=after[kind], **entry)
        for kind in (PlanChange.Kind.STATUS, PlanChange.Kind.PHASE)
        if before[kind] != after[kind]
    ]
    entries += [
        PlanChange(kind=PlanChange.Kind.MILESTONE, milestone_id=pk, **entry)
        for pk in sorted(after["reached"] - before["reached"])
    ]
    PlanChange.objects.bulk_create(entries)


@transaction.atomic
def action_update(*, action, version, by, milestones=None, save_m2m=None):
    """Save an edited action unless someone saved it since `version` was read.

    The version check and the increment are one UPDATE, so two people saving at once cannot both
    win. A status set by hand records who set it. On the adopted plan only the implementation
    tracking may change (the module's rule); `milestones` is a formset to save with it and
    `save_m2m` a form's, for the ministry liaison entries.
    """
    stored = Action.objects.select_related("objective").get(pk=action.pk)
    plan = _locked_plan(stored.objective.plan_id)
    plan_check_editable(plan=plan, structure=False)
    before = _tracking_state(stored)
    action.full_clean()
    if action.status_override:
        action.status_override_by = by
    else:
        action.status_override_reason = ""
        action.status_override_by = None
    structure = [
        field
        for field in audit.editable_fields(action)
        if field.removesuffix("_id") not in ACTION_TRACKING_FIELDS
    ]
    if not plan.structure_editable and audit.diff(stored, action, structure):
        plan_check_editable(plan=plan)
    updated = Action.objects.filter(pk=action.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise ActionChangedMeanwhile
    action.version = version + 1
    action.save()
    if save_m2m is not None:
        contacts = set(action.ministry_contacts.values_list("pk", flat=True))
        save_m2m()
        if not plan.structure_editable and contacts != set(
            action.ministry_contacts.values_list("pk", flat=True)
        ):
            plan_check_editable(plan=plan)
    if milestones is not None:
        milestones.instance = action
        milestones.save()
    fields = [*audit.editable_fields(action), "status_override_by_id"]
    changes = audit.diff(stored, action, [f for f in fields if f != "version"])
    if plan.status == ActionPlan.Status.ADOPTED:
        _log_tracking(action=action, before=before, by=by)
    plan_data_changed()
    audit.record(actor=by, action="planning.action_update", target=action, changes=changes)
    return action


@transaction.atomic
def charter_sign(*, charter, organisation, by):
    """`by` signs the published charter on behalf of `organisation`, once while it stands."""
    if charter.published_on is None:
        raise ValidationError(_("Only a published charter can be signed."))
    if not organisation.verified:
        raise ValidationError(_("The organisation must be verified by city staff first."))
    in_force = CharterSignature.objects.in_force().filter(
        charter=charter, organisation=organisation
    )
    # Two admins confirming at the same moment are stopped by the constraint "sign_once".
    if in_force.exists():
        raise ValidationError(_("%(name)s has already signed.") % {"name": organisation.name})
    signature = CharterSignature(
        charter=charter, organisation=organisation, signed_by=by, signed_on=timezone.localdate()
    )
    signature.full_clean()
    signature.save()
    audit.record(actor=by, action="planning.charter_sign", target=signature)
    return signature


@transaction.atomic
def charter_withdraw(*, charter, organisation, by, reason=""):
    """Withdraw `organisation`'s signature: kept with who withdrew it, when and why, and no longer
    listed. The organisation may sign again later."""
    signature = (
        CharterSignature.objects.in_force()
        .select_for_update()
        .filter(charter=charter, organisation=organisation)
        .first()
    )
    if signature is None:
        raise ValidationError(
            _("%(name)s has not signed this charter.") % {"name": organisation.name}
        )
    signature.withdrawn_at = timezone.now()
    signature.withdrawn_by = by
    signature.withdrawal_reason = reason.strip()
    signature.full_clean()
    signature.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit.record(
        actor=by,
        action="planning.charter_withdraw",
        target=signature,
        changes={"withdrawal_reason": signature.withdrawal_reason} if reason.strip() else None,
    )
    return signature


@transaction.atomic
def stocktake_review(*, entry, by, decision, message="", merge_into=None):
    """Accept, merge or reject a stock-taking entry and tell whoever submitted it."""
    if decision == StocktakeEntry.Status.REJECTED and not message.strip():
        raise ValidationError({"message": _("Say why, so the organisation understands.")})
    if decision == StocktakeEntry.Status.MERGED:
        if merge_into is None or merge_into.pk == entry.pk:
            raise ValidationError({"merge_into": _("Choose the entry to merge it into.")})
        merge_into.actions.add(*entry.actions.all())
    before = entry.status
    entry.status = decision
    entry.review_message = message.strip()
    entry.reviewed_by = by
    entry.reviewed_at = timezone.now()
    entry.merged_into = merge_into if decision == StocktakeEntry.Status.MERGED else None
    # Whoever submitted it may have deleted their account since.
    entry.full_clean(exclude=["submitted_by"])
    entry.save()
    audit.record(
        actor=by,
        action="planning.stocktake_review",
        target=entry,
        changes={"status": (before, entry.status)},
    )
    if entry.submitted_by:
        notify(
            recipient=entry.submitted_by,
            kind=notifications.STOCKTAKE_REVIEWED,
            template="planning/email/stocktake_reviewed",
            context={"entry": entry},
            link=f"{reverse('planning:stocktake')}#entry-{entry.pk}",
        )
    return entry


@transaction.atomic
def stocktake_submit(*, entry, by, target_groups=(), kflc_focuses=()):
    """Submit an unsaved entry for staff to review, refused when the organisation has already
    submitted the same activity (same title, whatever its case and accents) and it is pending or
    accepted: the error links to that entry in the organisation's list."""
    existing = stocktake_duplicate(organisation=entry.organisation, title=entry.title)
    if existing is not None:
        raise ValidationError(
            {
                "title": format_html(
                    _("{organisation} has already submitted this activity: {link} ({status})."),
                    organisation=entry.organisation.name,
                    link=format_html(
                        '<a href="{}#entry-{}">{}</a>',
                        reverse("planning:stocktake"),
                        existing.pk,
                        existing.title,
                    ),
                    status=existing.get_status_display(),
                )
            }
        )
    entry.submitted_by = by
    entry.status = StocktakeEntry.Status.PENDING
    entry.full_clean()
    entry.save()
    entry.target_groups.set(target_groups)
    entry.kflc_focuses.set(kflc_focuses)
    audit.record(actor=by, action="planning.stocktake_submit", target=entry)
    return entry


@transaction.atomic
def consultation_create(*, consultation, by):
    consultation.created_by = by
    consultation.full_clean()
    consultation.save()
    audit.record(actor=by, action="planning.consultation_create", target=consultation)
    return consultation


@transaction.atomic
def consultation_invite(*, consultation, email, sector, by):
    email = email.strip().lower()
    if consultation.participants.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already invited.")})
    participant = ConsultationParticipant(consultation=consultation, email=email, sector=sector)
    participant.full_clean()
    participant.save()
    context = {"consultation": consultation, "participant": participant, "inviter": by}
    link = reverse("planning:consultation-join", args=[participant.token])
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is not None:
        # As for organisations' invitations: an account hears of it as its person chose, an
        # address without one gets the e-mail whatever.
        notify(
            recipient=invitee,
            kind=notifications.CONSULTATION_INVITED,
            template="planning/email/consultation_invitation",
            context=context,
            link=link,
        )
    else:
        email_render_and_queue(
            to=email,
            template="planning/email/consultation_invitation",
            context={**context, "url": settings.SITE_URL + link},
            language=language_for_email(email),
        )
    audit.record(
        actor=by,
        action="planning.consultation_invite",
        target=consultation,
        changes={"email": email, "sector": sector},
    )
    return participant


@transaction.atomic
def consultation_join(*, participant, user):
    participant = ConsultationParticipant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id is not None and participant.user_id != user.pk:
        raise ValidationError(_("This invitation has already been used."))
    require_verified_address(user=user, email=participant.email)
    participant.user = user
    participant.save(update_fields=["user"])
    audit.record(
        actor=user,
        action="planning.consultation_join",
        target=participant.consultation,
        changes={"email": participant.email},
    )
    return participant


def _open(consultation):
    if not consultation.is_open:
        raise ValidationError(_("The consultation is closed."))


@transaction.atomic
def proposal_create(*, participant, title, description=""):
    _open(participant.consultation)
    proposal = Proposal(
        consultation=participant.consultation,
        participant=participant,
        title=title.strip(),
        description=description.strip(),
    )
    proposal.full_clean()
    proposal.save()
    audit.record(actor=participant.user, action="planning.proposal_create", target=proposal)
    return proposal


@transaction.atomic
def proposal_comment(*, participant, proposal, text):
    _open(participant.consultation)
    comment = ProposalComment(proposal=proposal, participant=participant, text=text.strip())
    comment.full_clean()
    comment.save()
    audit.record(actor=participant.user, action="planning.proposal_comment", target=proposal)
    return comment


@transaction.atomic
def proposal_score(*, participant, proposal, points):
    """Set the participant's score of a proposal (1 to 5), validated before it is stored."""
    _open(participant.consultation)
    if proposal.consultation_id != participant.consultation_id:
        raise ValidationError(_("This proposal belongs to another consultation."))
    score = (
        ProposalScore.objects.select_for_update()
        .filter(proposal=proposal, participant=participant)
        .first()
    ) or ProposalScore(proposal=proposal, participant=participant)
    before = score.points
    score.points = points
    score.full_clean()
    score.save()
    audit.record(
        actor=participant.user,
        action="planning.proposal_score",
        target=proposal,
        changes={"points": (before, points)},
    )
    return score


@transaction.atomic
def theme_from_proposals(*, plan, proposals, title, challenge="", by):
    """Make a theme of the plan from proposals, keeping who named it."""
    plan = _locked_plan(plan.pk)
    if plan.status != ActionPlan.Status.DRAFT:
        raise PlanLocked(_("Themes are added to a draft of the plan."), code="not_draft")
    if not proposals:
        raise ValidationError(_("Choose at least one proposal."))
    sectors = sorted({str(proposal.participant.sector) for proposal in proposals})
    # The texts are the default language's, whatever the language of the page staff used.
    with translation.override(settings.LANGUAGE_CODE):
        theme = Theme(
            plan=plan,
            title=title.strip(),
            challenge=challenge.strip() or "\n".join(proposal.title for proposal in proposals),
            named_by=", ".join(sectors),
            order=plan.themes.count(),
        )
    theme.full_clean()
    theme.save()
    for proposal in proposals:
        proposal.themes.add(theme)
    plan_data_changed()
    audit.record(
        actor=by,
        action="planning.theme_from_proposals",
        target=theme,
        changes={"proposals": ", ".join(proposal.title for proposal in proposals)},
    )
    return theme


def _plan_of(item):
    if isinstance(item, Action):
        return Objective.objects.values_list("plan_id", flat=True).get(pk=item.objective_id)
    return item.plan_id


@transaction.atomic
def move(*, item, siblings, up, by):
    """Swap an item with its neighbour in `siblings` (ordered by `order`, then pk), renumbering.

    The order is the plan's structure: it changes in a draft only."""
    plan_check_editable(plan=_locked_plan(_plan_of(item)))
    ordered = list(siblings.select_for_update().order_by("order", "pk"))
    position = next(index for index, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = position - 1 if up else position + 1
    if 0 <= other < len(ordered):
        ordered[position], ordered[other] = ordered[other], ordered[position]
    for index, sibling in enumerate(ordered):
        sibling.order = index
    plan_data_changed()
    type(item).objects.bulk_update(ordered, ["order"])
    audit.record(
        actor=by,
        action="planning.move",
        target=item,
        changes={"order": (position, ordered.index(next(s for s in ordered if s.pk == item.pk)))},
    )


@transaction.atomic
def workshop_send_invitations(*, workshop, by):
    """E-mail the admins of every invited organisation not told yet. Returns how many were told.

    The participations are locked, so two staff sending at once tell each organisation once;
    the e-mails are queued in the same transaction (the outbox), so none is sent for an
    invitation that was rolled back."""
    told = []
    pending = (
        workshop.participations.select_for_update(of=("self",))
        # Only confirmed places: the waiting list is told when it is promoted.
        .filter(invited_at__isnull=True, status=WorkshopParticipation.Status.CONFIRMED)
        .select_related("organisation")
    )
    for participation in pending:
        admins = User.objects.filter(
            memberships__organisation=participation.organisation, memberships__role="admin"
        )
        for admin in admins:
            email_render_and_queue(
                to=admin.email,
                template="planning/email/workshop_invitation",
                context={
                    "workshop": workshop,
                    "organisation": participation.organisation,
                    "url": settings.SITE_URL + reverse("planning:workshops"),
                },
                language=admin.preferred_language,
            )
        participation.invited_at = timezone.now()
        participation.save(update_fields=["invited_at"])
        told.append(participation.organisation.name)
    if told:
        audit.record(
            actor=by,
            action="planning.workshop_send_invitations",
            target=workshop,
            changes={"organisations": ", ".join(told)},
        )
    return len(told)


def _workshop_open(workshop):
    if workshop.starts_at <= timezone.now():
        raise ValidationError(
            _("“%(topic)s” has already taken place.") % {"topic": workshop.topic}, code="past"
        )


@transaction.atomic
def workshop_request_place(*, workshop, organisation, by):
    """Ask for a place in `workshop` for `organisation`: confirmed while places remain, else on
    the waiting list (learningcity.capacity). Organisations staff invited hold confirmed places
    already; asking again changes nothing."""
    _workshop_open(workshop)
    if not organisation.verified:
        raise ValidationError(_("The organisation must be verified by city staff first."))
    participations = WorkshopParticipation.objects.filter(workshop=workshop)
    capacity.lock(workshop)
    participation = participations.filter(organisation=organisation).first()
    if participation is not None and participation.status != WorkshopParticipation.Status.CANCELLED:
        return participation
    participation = participation or WorkshopParticipation(
        workshop=workshop, organisation=organisation, attended=False
    )
    participation.requested_by = by
    capacity.claim(parent=workshop, participations=participations, participation=participation)
    audit.record(
        actor=by,
        action="planning.workshop_request_place",
        target=participation,
        changes={"status": participation.status},
    )
    return participation


@transaction.atomic
def workshop_cancel_place(*, workshop, organisation, by):
    """Give up `organisation`'s place (or its turn on the waiting list); the first on the waiting
    list takes a freed place. Returns the participations promoted."""
    _workshop_open(workshop)
    participations = WorkshopParticipation.objects.filter(workshop=workshop)
    capacity.lock(workshop)
    participation = (
        participations.filter(organisation=organisation)
        .exclude(status=WorkshopParticipation.Status.CANCELLED)
        .first()
    )
    if participation is None:
        raise ValidationError(
            _("%(name)s has no place in this workshop.") % {"name": organisation.name}
        )
    before = participation.status
    promoted = capacity.release(
        parent=workshop, participations=participations, participation=participation
    )
    audit.record(
        actor=by,
        action="planning.workshop_cancel_place",
        target=participation,
        changes={"status": (before, participation.status)},
    )
    _record_promotions(workshop=workshop, promoted=promoted, by=by)
    return promoted


@transaction.atomic
def workshop_fill_places(*, workshop, by):
    """After staff raised the number of places or cancelled participations: the waiting list
    takes the places now free, in the order it asked. Returns the participations promoted."""
    promoted = capacity.promote(
        parent=workshop, participations=WorkshopParticipation.objects.filter(workshop=workshop)
    )
    _record_promotions(workshop=workshop, promoted=promoted, by=by)
    return promoted


def _record_promotions(*, workshop, promoted, by):
    """Write the promotions to the audit trail and tell each promoted organisation's admins."""
    for participation in promoted:
        # The organisation's admins and the member who asked.
        told = User.objects.filter(
            Q(memberships__organisation=participation.organisation, memberships__role="admin")
            | Q(pk=participation.requested_by_id)
        ).distinct()
        for person in told.order_by("pk"):
            notify(
                recipient=person,
                kind=notifications.WORKSHOP_PLACE,
                template="planning/email/workshop_place",
                context={"workshop": workshop, "organisation": participation.organisation},
                link=f"{reverse('planning:workshops')}#workshop-{workshop.pk}",
            )
    if promoted:
        audit.record(
            actor=by,
            action="planning.workshop_fill_places",
            target=workshop,
            changes={
                "organisations": ", ".join(p.organisation.name for p in promoted),
            },
        )


PLAN_SETTINGS = ["updates_need_review", "quiet_after_days"]


@transaction.atomic
def plan_settings_update(*, plan, by, **settings_):
    """The plan's settings (PLAN_SETTINGS), which change on a draft and on the adopted plan
    alike."""
    unknown = set(settings_) - set(PLAN_SETTINGS)
    if unknown:
        raise TypeError(f"Not settings of the plan: {sorted(unknown)}")
    plan = _locked_plan(plan.pk)
    plan_check_editable(plan=plan, structure=False)
    before = {name: getattr(plan, name) for name in PLAN_SETTINGS}
    for name, value in settings_.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save(update_fields=list(settings_))
    audit.record(
        actor=by,
        action="planning.plan_settings",
        target=plan,
        changes={
            name: (before[name], value)
            for name, value in settings_.items()
            if before[name] != value
        },
    )
    return plan


def _plan_of_action(action):
    return _locked_plan(
        Objective.objects.values_list("plan_id", flat=True).get(pk=action.objective_id)
    )


@transaction.atomic
def action_contact_add(*, action, person, organisation, by):
    """Make `person`, a member of `organisation` (the action's lead or a partner), a contact
    person of the action, and tell them. Who may choose is the view's rule
    (planning.choose_contacts)."""
    plan_check_editable(plan=_plan_of_action(action), structure=False)
    if action.contacts.filter(person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is already a contact person.") % {"name": person}}
        )
    contact = ActionContact(action=action, person=person, organisation=organisation, chosen_by=by)
    contact.full_clean()
    contact.save()
    audit.record(
        actor=by,
        action="planning.contact_add",
        target=action,
        changes={"organisation": organisation.name},
    )
    notify(
        recipient=person,
        kind=notifications.CONTACT_CHOSEN,
        template="planning/email/contact_chosen",
        context={"action": action, "organisation": organisation},
        link=action.get_absolute_url(),
    )
    return contact


@transaction.atomic
def action_contact_remove(*, contact, by):
    contact.delete()
    audit.record(
        actor=by,
        action="planning.contact_remove",
        target=contact.action,
        changes={"organisation": contact.organisation.name},
    )


def _update_plan_open(action):
    """Progress updates are for the plan in force: a superseded version is kept as it was."""
    plan = _plan_of_action(action)
    plan_check_editable(plan=plan, structure=False)
    if plan.status != ActionPlan.Status.ADOPTED:
        raise PlanLocked(
            _("Progress updates are posted on the adopted plan, not on a draft."), code="draft"
        )
    return plan


def _log_update(update):
    PlanChange.objects.create(
        plan_id=_plan_of(update.action),
        kind=PlanChange.Kind.UPDATE,
        action=update.action,
        organisation=update.organisation,
        update=update,
        happened_at=update.published_at,
    )


@transaction.atomic
def progress_update_submit(*, update, by, organisation=None):
    """Post a progress update, new or returned by staff and rewritten: public at once when the
    plan does not ask for review or when city staff write it, otherwise pending review.

    `organisation` is the contact person's (None when staff write it as the city)."""
    plan = _update_plan_open(update.action)
    if update.pk:
        stored = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        # Two contact persons rewriting one returned update: the second finds it sent again.
        if stored.status != ProgressUpdate.Status.RETURNED:
            raise ValidationError(
                _("This update was sent again meanwhile; it can no longer be changed here."),
                code="not_returned",
            )
    else:
        update.organisation = organisation
    update.author = by
    review = plan.updates_need_review and update.organisation_id is not None
    update.status = ProgressUpdate.Status.PENDING if review else ProgressUpdate.Status.PUBLISHED
    update.published_at = None if review else timezone.now()
    update.full_clean()
    update.save()
    if not review:
        _log_update(update)
    audit.record(
        actor=by,
        action="planning.update_submit",
        target=update.action,
        changes={"status": update.status},
    )
    return update


@transaction.atomic
def progress_update_review(*, update, by, approve, comment=""):
    """Staff approve a pending update (public from now) or return it with a comment saying
    what to change; whoever wrote it is told."""
    update = ProgressUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    if update.status != ProgressUpdate.Status.PENDING:
        raise ValidationError(_("This update is no longer waiting for review."), code="reviewed")
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(
            {"comment": _("Say what to change, so the organisation can correct it.")}
        )
    _update_plan_open(update.action)
    update.status = ProgressUpdate.Status.PUBLISHED if approve else ProgressUpdate.Status.RETURNED
    update.review_message = comment
    update.reviewed_by = by
    update.reviewed_at = timezone.now()
    update.published_at = update.reviewed_at if approve else None
    update.full_clean(exclude=["author"])
    update.save()
    if approve:
        _log_update(update)
    audit.record(
        actor=by,
        action="planning.update_review",
        target=update.action,
        changes={"status": (ProgressUpdate.Status.PENDING, update.status)},
    )
    if update.author:
        notify(
            recipient=update.author,
            kind=notifications.UPDATE_REVIEWED,
            template="planning/email/update_reviewed",
            context={"update": update, "action": update.action},
            link=update.get_absolute_url(),
        )
    return update


# More people than this from one organisation is a typing slip, not a delegation.
MOST_PEOPLE = 99


@transaction.atomic
def workshop_record_attendance(*, workshop, attendance, by):
    """Record who came: `attendance` is {participation id: (came, how many people)} for the
    workshop's confirmed places, from its day on. An organisation that came brought at least
    one person; one that did not came with nobody."""
    if timezone.localtime(workshop.starts_at).date() > timezone.localdate():
        raise ValidationError(
            _("Attendance is taken from the day of the workshop on."), code="not_yet"
        )
    participations = workshop.participations.select_for_update().filter(
        status=WorkshopParticipation.Status.CONFIRMED, pk__in=list(attendance)
    )
    changes = {}
    for participation in participations.select_related("organisation"):
        came, people = attendance[participation.pk]
        people = people if came else 0
        if came and not 1 <= people <= MOST_PEOPLE:
            raise ValidationError(
                _("Say how many people came from %(name)s (1 to %(most)s).")
                % {"name": participation.organisation.name, "most": MOST_PEOPLE},
                code="people",
            )
        before = (participation.attended, participation.people)
        if before == (came, people):
            continue
        participation.attended, participation.people = came, people
        participation.full_clean()
        participation.save(update_fields=["attended", "people"])
        changes[participation.organisation.name] = (before, (came, people))
    if changes:
        audit.record(
            actor=by, action="planning.workshop_attendance", target=workshop, changes=changes
        )
    return len(changes)


def _commented(plan, charter):
    """The version a comment period or comment is on, locked for this transaction: of the plan
    or of the charter, exactly one."""
    if (plan is None) == (charter is None):
        raise ValueError("Give either a plan or a charter version.")
    if plan is not None:
        return _locked_plan(plan.pk)
    return Charter.objects.select_for_update().get(pk=charter.pk)


@transaction.atomic
def comment_period_set(*, opens_on, closes_on, by, plan=None, charter=None):
    """Open a draft version of the plan, or an unpublished version of the charter, for public
    comments between two dates (or move the dates)."""
    subject = _commented(plan, charter)
    if not subject.is_draft:
        raise ValidationError(_("Only a draft can be opened for comments."), code="not_draft")
    on = on_version(subject)
    period = CommentPeriod.objects.filter(**on).first() or CommentPeriod(**on)
    before = (period.opens_on, period.closes_on)
    period.opens_on, period.closes_on, period.opened_by = opens_on, closes_on, by
    period.full_clean()
    period.save()
    audit.record(
        actor=by,
        action="planning.comment_period",
        target=subject,
        changes={"period": (before, (opens_on, closes_on))},
    )
    return period


def _commenter_place(user):
    """The sector and district of the organisation the person belongs to (their first), if any."""
    membership = (
        user.memberships.select_related("organisation").order_by("created_at", "pk").first()
    )
    if membership is None:
        return None, None
    return membership.organisation.sector_id, membership.organisation.district_id


@transaction.atomic
def draft_comment_create(
    *, by, text, plan=None, charter=None, theme=None, objective=None, action=None
):
    """A signed-in person's comment on a draft open for comments: on the whole draft of the plan
    or one of its themes, objectives or actions, or on a draft of the charter; refused outside
    the period and on other versions."""
    subject = _commented(plan, charter)
    on = on_version(subject)
    period = CommentPeriod.objects.filter(**on).first()
    if not subject.is_draft or period is None:
        raise ValidationError(_("This version is not open for comments."), code="not_open")
    if not period.is_open:
        raise ValidationError(
            _("Comments are accepted from %(opens)s to %(closes)s.")
            % {
                "opens": formats.date_format(period.opens_on, "SHORT_DATE_FORMAT"),
                "closes": formats.date_format(period.closes_on, "SHORT_DATE_FORMAT"),
            },
            code="closed",
        )
    sector_id, district_id = _commenter_place(by)
    comment = DraftComment(
        **on,
        theme=theme,
        objective=objective,
        action=action,
        author=by,
        sector_id=sector_id,
        district_id=district_id,
        text=text.strip(),
    )
    comment.full_clean()
    comment.save()
    audit.record(actor=by, action="planning.draft_comment", target=subject)
    return comment


@transaction.atomic
def draft_comment_answer(*, comment, by, answer, reason):
    """Staff's answer to a comment: taken up, considered or not taken, always with a reason."""
    comment = DraftComment.objects.select_for_update().get(pk=comment.pk)
    before = comment.answer
    comment.answer = answer
    comment.answer_reason = reason.strip()
    if not comment.answer_reason:
        raise ValidationError({"answer_reason": _("Give the reason for the answer.")})
    comment.answered_by = by
    comment.answered_at = timezone.now()
    comment.full_clean()
    comment.save()
    audit.record(
        actor=by,
        action="planning.draft_comment_answer",
        target=comment.subject,
        changes={"answer": (before, answer)},
    )
    if comment.author and comment.author != by:
        notify(
            recipient=comment.author,
            kind=notifications.COMMENT_ANSWERED,
            template="planning/email/comment_answered",
            context={"comment": comment, "subject": comment.subject},
            link=comment.get_absolute_url(),
        )
    return comment


# Staff put an earlier value back from the activity page, through the same services.
audit.register_restorer(
    ActionPlan,
    audit.Restorer(
        lambda *, target, by: plan_update(plan=target, by=by),
        fields=lambda: fields_in_languages(ActionPlan, PLAN_OWN_FIELDS),
    ),
)
audit.register_restorer(
    Theme, audit.Restorer(lambda *, target, by: theme_save(theme=target, by=by))
)
audit.register_restorer(
    Objective, audit.Restorer(lambda *, target, by: objective_save(objective=target, by=by))
)
audit.register_restorer(
    Action,
    audit.Restorer(
        lambda *, target, by: action_update(action=target, version=target.version, by=by)
    ),
)
