"""Writes to the action plan: versions, adoption and action edits, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import Action, ActionPlan, ActionRole, Milestone


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
    for objective in plan.objectives.prefetch_related("kflc_focuses"):
        focuses = list(objective.kflc_focuses.all())
        actions = list(
            objective.actions.prefetch_related("roles", "milestones", "ministry_contacts")
        )
        objective.pk = objective.id = None
        objective.plan = copy
        objective.theme = themes.get(objective.theme_id)
        objective.save()
        objective.kflc_focuses.set(focuses)
        for action in actions:
            roles = list(action.roles.all())
            milestones = list(action.milestones.all())
            contacts = list(action.ministry_contacts.all())
            action.pk = action.id = None
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
