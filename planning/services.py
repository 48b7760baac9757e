"""Writes to the action plan: versions, adoption and action edits, each in one transaction."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    CharterSignature,
    ConsultationParticipant,
    Milestone,
    Proposal,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
    Theme,
)
from planning.selectors import stocktake_duplicate
from stakeholders.models import User
from stakeholders.services import (
    email_render_and_queue,
    language_for_email,
    require_verified_address,
)


class ActionChangedMeanwhile(Exception):
    """Someone saved the action after this edit began; nothing was written."""


@transaction.atomic
def plan_create_version(*, plan, by):
    """A draft copy of `plan`: themes, objectives, actions, roles and milestones.

    Each copy keeps its lineage key, so whatever points at an action "by lineage" (indicators,
    budget lines, events) follows it into the new version.
    """
    copy = ActionPlan.objects.get(pk=plan.pk)
    copy.pk = None
    copy.id = None
    copy.status = ActionPlan.Status.DRAFT
    copy.based_on = plan
    copy.adopted_at = copy.adopted_by = None
    copy.adoption_decision = ""
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
            objective.actions.prefetch_related("roles", "milestones", "ministry_contacts")
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
            action.pk = action.id = None
            action._prefetched_objects_cache = {}
            action.objective = objective
            action.version = 1
            action.save()
            action.ministry_contacts.set(contacts)
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
                    title=milestone.title,
                    due=milestone.due,
                    completed_on=milestone.completed_on,
                )
                for milestone in milestones
            )
    return copy


@transaction.atomic
def plan_adopt(*, plan, by, decision=""):
    """Adopt a draft: the plan adopted until now is superseded. Needs at least one objective."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Only a draft can be adopted."))
    if not plan.objectives.exists():
        raise ValidationError(_("A plan without objectives cannot be adopted."))
    plan.full_clean()
    for previous in ActionPlan.objects.select_for_update().adopted():
        previous.status = ActionPlan.Status.SUPERSEDED
        previous.save(update_fields=["status"])
    plan.status = ActionPlan.Status.ADOPTED
    plan.adopted_at = timezone.localdate()
    plan.adopted_by = by
    plan.adoption_decision = decision
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "adoption_decision"])
    return plan


@transaction.atomic
def action_update(*, action, version, by, milestones=None):
    """Save an edited action unless someone saved it since `version` was read.

    The version check and the increment are one UPDATE, so two people saving at once cannot both
    win. A status set by hand records who set it.
    """
    action.full_clean()
    if action.status_override:
        action.status_override_by = by
    else:
        action.status_override_reason = ""
        action.status_override_by = None
    updated = Action.objects.filter(pk=action.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise ActionChangedMeanwhile
    action.version = version + 1
    action.save()
    if milestones is not None:
        milestones.instance = action
        milestones.save()
    return action


@transaction.atomic
def charter_sign(*, charter, organisation, by):
    if charter.published_on is None:
        raise ValidationError(_("Only a published charter can be signed."))
    if not organisation.verified:
        raise ValidationError(_("The organisation must be verified by city staff first."))
    signature, created = CharterSignature.objects.get_or_create(
        charter=charter, organisation=organisation, defaults={"signed_by": by}
    )
    if not created:
        raise ValidationError(_("%(name)s has already signed.") % {"name": organisation.name})
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
    entry.status = decision
    entry.review_message = message.strip()
    entry.reviewed_by = by
    entry.reviewed_at = timezone.now()
    entry.merged_into = merge_into if decision == StocktakeEntry.Status.MERGED else None
    # Whoever submitted it may have deleted their account since.
    entry.full_clean(exclude=["submitted_by"])
    entry.save()
    if entry.submitted_by:
        email_render_and_queue(
            to=entry.submitted_by.email,
            template="planning/email/stocktake_reviewed",
            context={
                "entry": entry,
                "url": settings.SITE_URL + reverse("planning:stocktake"),
            },
            language=entry.submitted_by.preferred_language,
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
    return entry


@transaction.atomic
def consultation_invite(*, consultation, email, sector, by):
    email = email.strip().lower()
    if consultation.participants.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already invited.")})
    participant = ConsultationParticipant(consultation=consultation, email=email, sector=sector)
    participant.full_clean()
    participant.save()
    email_render_and_queue(
        to=email,
        template="planning/email/consultation_invitation",
        context={
            "consultation": consultation,
            "participant": participant,
            "inviter": by,
            "url": settings.SITE_URL
            + reverse("planning:consultation-join", args=[participant.token]),
        },
        language=language_for_email(email),
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
    return participant


def _open(consultation):
    if not consultation.is_open:
        raise ValidationError(_("The consultation is closed."))


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
    return proposal


def proposal_comment(*, participant, proposal, text):
    _open(participant.consultation)
    comment = ProposalComment(proposal=proposal, participant=participant, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


def proposal_score(*, participant, proposal, points):
    _open(participant.consultation)
    if proposal.consultation_id != participant.consultation_id:
        raise ValidationError(_("This proposal belongs to another consultation."))
    score, _created = ProposalScore.objects.update_or_create(
        proposal=proposal, participant=participant, defaults={"points": points}
    )
    score.full_clean()
    return score


@transaction.atomic
def theme_from_proposals(*, plan, proposals, title, challenge=""):
    """Make a theme of the plan from proposals, keeping who named it."""
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Themes are added to a draft of the plan."))
    if not proposals:
        raise ValidationError(_("Choose at least one proposal."))
    sectors = sorted({str(proposal.participant.sector) for proposal in proposals})
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
    return theme


def move(*, item, siblings, up):
    """Swap an item with its neighbour in `siblings` (ordered by `order`, then pk), renumbering."""
    ordered = list(siblings.order_by("order", "pk"))
    position = next(index for index, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = position - 1 if up else position + 1
    if 0 <= other < len(ordered):
        ordered[position], ordered[other] = ordered[other], ordered[position]
    for index, sibling in enumerate(ordered):
        sibling.order = index
    type(item).objects.bulk_update(ordered, ["order"])


def workshop_send_invitations(*, workshop):
    """E-mail the admins of every invited organisation not told yet. Returns how many were told."""
    told = 0
    pending = workshop.participations.filter(invited_at__isnull=True).select_related("organisation")
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
        told += 1
    return told
