"""Reminders to keep the plan's actions up to date, through the notifications module (each
person chooses how they hear of them): to an action's contact persons, a milestone due within a
week, a milestone overdue and an action without an update for the plan's limit of days; to city
staff, a weekly summary of the actions gone quiet.

Beat runs the tasks every hour (planning.tasks); each reminder is sent once, whatever the runs:
a row of `ReminderSent`, unique per kind, person, subject and date, is written in the same
transaction as the notification, so a second run (or two at once) finds it and sends nothing.
A milestone moved to another date, or an action quiet again after a new update, is a new
subject-date and is reminded again.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from learningcity.models import User
from learningcity.notifications import DIGEST_HOUR, notify
from learningcity.permissions import COORDINATOR, STAFF
from planning import notifications
from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    Milestone,
    ProgressUpdate,
    ReminderSent,
)

DUE_SOON_DAYS = 7


def _remind(*, kind, person, subject, about, template, context, link):
    """Notify `person` once for (kind, subject, about); returns whether it was sent now."""
    try:
        with transaction.atomic():
            _sent, created = ReminderSent.objects.get_or_create(
                kind=kind, person=person, subject=subject, about=about
            )
            if created:
                notify(
                    recipient=person,
                    kind=template.kind,
                    template=template.name,
                    context=context,
                    link=link,
                )
    except IntegrityError:
        # A rival run wrote the same row between our read and our write: it sent it.
        return False
    return created


class _Template:
    def __init__(self, kind, name):
        self.kind, self.name = kind, name


DUE = _Template(notifications.MILESTONE_REMINDER, "planning/email/milestone_due")
OVERDUE = _Template(notifications.MILESTONE_REMINDER, "planning/email/milestone_overdue")
QUIET = _Template(notifications.ACTION_QUIET, "planning/email/action_quiet")
SUMMARY = _Template(notifications.QUIET_SUMMARY, "planning/email/quiet_summary")


def _contacts_by_action(plan):
    contacts = {}
    for contact in ActionContact.objects.filter(
        action__objective__plan=plan, person__is_active=True
    ).select_related("person", "organisation"):
        contacts.setdefault(contact.action_id, []).append(contact)
    return contacts


def quiet_actions(plan, today):
    """The plan's actions under way (planning or implementation, not cancelled or on hold) with
    no progress update for the plan's limit of days, each with `quiet_since`: the date of its
    last update, else the later of its start and the plan's adoption."""
    limit = today - timedelta(days=plan.quiet_after_days)
    actions = (
        Action.objects.filter(
            objective__plan=plan,
            phase__in=[Action.Phase.PLANNING, Action.Phase.IMPLEMENTATION],
        )
        .exclude(status_override__in=[Action.Status.CANCELLED, Action.Status.ON_HOLD])
        .annotate(
            last_update=Max(
                "updates__reported_on",
                filter=~Q(updates__status=ProgressUpdate.Status.RETURNED),
            )
        )
        .select_related("lead_organisation")
        .order_by("objective__order", "order", "pk")
    )
    quiet = []
    for action in actions:
        since = action.last_update or max(action.start, plan.adopted_at or action.start)
        if since <= limit:
            action.quiet_since = since
            quiet.append(action)
    return quiet


def reminders_send(*, today=None):
    """Send the contact persons' reminders due on `today` (city date). Returns how many went."""
    today = today or timezone.localdate()
    plan = ActionPlan.objects.adopted().first()
    if plan is None:
        return 0
    contacts = _contacts_by_action(plan)
    sent = 0
    open_milestones = Milestone.objects.filter(
        action__objective__plan=plan,
        completed_on__isnull=True,
        due__lte=today + timedelta(days=DUE_SOON_DAYS),
    ).select_related("action")
    for milestone in open_milestones:
        template = OVERDUE if milestone.due < today else DUE
        for contact in contacts.get(milestone.action_id, ()):
            sent += _remind(
                kind="overdue" if template is OVERDUE else "due",
                person=contact.person,
                subject=f"milestone:{milestone.pk}",
                about=milestone.due,
                template=template,
                context={"milestone": milestone, "action": milestone.action},
                link=reverse("planning:action-edit", args=[milestone.action_id]),
            )
    for action in quiet_actions(plan, today):
        for contact in contacts.get(action.pk, ()):
            sent += _remind(
                kind="quiet",
                person=contact.person,
                subject=f"action:{action.pk}",
                about=action.quiet_since,
                template=QUIET,
                context={"action": action, "days": (today - action.quiet_since).days},
                link=reverse("planning:update-new", args=[action.pk]),
            )
    return sent


def quiet_summary_send(*, now=None):
    """Once a week, from Monday at DIGEST_HOUR (server's local time), tell city staff which
    actions have gone quiet. Returns how many people were told."""
    now = timezone.localtime(now or timezone.now())
    if now.weekday() == 0 and now.hour < DIGEST_HOUR:
        return 0
    monday = now.date() - timedelta(days=now.weekday())
    plan = ActionPlan.objects.adopted().first()
    actions = quiet_actions(plan, now.date()) if plan else []
    if not actions:
        return 0
    staff = User.objects.filter(is_active=True, groups__name__in=[STAFF, COORDINATOR]).distinct()
    return sum(
        _remind(
            kind="summary",
            person=person,
            subject="week",
            about=monday,
            template=SUMMARY,
            context={"actions": actions, "days": plan.quiet_after_days, "today": now.date()},
            link=reverse("planning:changes"),
        )
        for person in staff.order_by("pk")
    )
