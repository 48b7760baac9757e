"""Reminders sent by beat (planning.tasks) through the notifications module: milestones due within
a week and overdue, actions without an update for the plan's limit, and staff's weekly summary of
quiet actions. Each is sent once, whatever the runs; the clock is frozen for each case."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from learningcity.celery import app as celery_app
from learningcity.models import Notification
from planning import tasks
from planning.models import Action, ActionPlan, ProgressUpdate, ReminderSent
from tests.planning.factories import (
    ActionContactFactory,
    ActionFactory,
    ActionPlanFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db
# A Wednesday, city and server in UTC in the tests.
TODAY = date(2027, 3, 10)


def at(day, hour=9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


@pytest.fixture
def plan():
    return ActionPlanFactory(status=ActionPlan.Status.ADOPTED, adopted_at=date(2026, 1, 10))


@pytest.fixture
def action(plan):
    """Under way, started long ago, with a recent update so only what a test adds is due."""
    item = ActionFactory(
        objective=ObjectiveFactory(plan=plan),
        phase=Action.Phase.IMPLEMENTATION,
        start=date(2026, 2, 1),
    )
    ProgressUpdateFactory(action=item, reported_on=TODAY - timedelta(days=10))
    return item


@pytest.fixture
def dora(action):
    return ActionContactFactory(action=action).person


def reminders(person, kind):
    return Notification.objects.filter(recipient=person, kind=kind)


def run(day, hour=9):
    with at(day, hour):
        return tasks.action_reminders_task.delay().get()


def test_a_milestone_due_within_a_week_is_reminded_once(action, dora):
    soon = MilestoneFactory(action=action, title="Sala abierta", due=TODAY + timedelta(days=7))
    MilestoneFactory(action=action, due=TODAY + timedelta(days=8))
    MilestoneFactory(action=action, due=TODAY + timedelta(days=2), completed_on=TODAY)
    assert run(TODAY) == 1
    assert run(TODAY) == 0
    # The next day, the milestone due in eight days is within the week.
    assert run(TODAY + timedelta(days=1)) == 1
    assert run(TODAY + timedelta(days=1)) == 0
    [notice] = reminders(dora, "planning.milestone_reminder").filter(
        subject__contains="Sala abierta"
    )
    assert notice.link == reverse("planning:action-edit", args=[action.pk])
    # Moved to another date, it is a new reminder.
    soon.due = TODAY + timedelta(days=5)
    soon.save()
    assert run(TODAY) == 1


def test_an_overdue_milestone_is_reminded_once_after_its_due_reminder(action, dora):
    MilestoneFactory(action=action, title="Informe", due=TODAY - timedelta(days=1))
    assert run(TODAY) == 1
    assert run(TODAY + timedelta(days=3)) == 0
    [notice] = reminders(dora, "planning.milestone_reminder")
    assert "vencido" in notice.subject or "overdue" in notice.subject
    assert ReminderSent.objects.get().kind == "overdue"


def test_an_action_without_an_update_for_90_days_reminds_its_contact_persons(plan, action, dora):
    ProgressUpdate.objects.update(reported_on=TODAY - timedelta(days=89))
    assert run(TODAY) == 0
    assert run(TODAY + timedelta(days=1)) == 1
    assert run(TODAY + timedelta(days=2)) == 0
    [notice] = reminders(dora, "planning.action_quiet")
    assert notice.link == reverse("planning:update-new", args=[action.pk])
    # A new update, then quiet again: a new reminder once the limit has passed again.
    ProgressUpdateFactory(action=action, reported_on=TODAY + timedelta(days=3))
    assert run(TODAY + timedelta(days=60)) == 0
    assert run(TODAY + timedelta(days=93)) == 1


def test_the_plan_sets_the_number_of_days(plan, action, dora):
    plan.quiet_after_days = 7
    plan.save()
    ProgressUpdate.objects.update(reported_on=TODAY - timedelta(days=5))
    assert run(TODAY) == 0
    assert run(TODAY + timedelta(days=1)) == 0
    assert run(TODAY + timedelta(days=2)) == 1


def test_a_returned_update_does_not_count_as_news(action, dora):
    ProgressUpdate.objects.update(
        reported_on=TODAY - timedelta(days=200), status=ProgressUpdate.Status.RETURNED
    )
    assert run(TODAY) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"phase": Action.Phase.NOT_STARTED},
        {"phase": Action.Phase.COMPLETED},
        {"status_override": Action.Status.CANCELLED, "status_override_reason": "Fusionada."},
        {"status_override": Action.Status.ON_HOLD, "status_override_reason": "Sin fondos."},
    ],
)
def test_actions_not_under_way_are_never_quiet(action, dora, change):
    ProgressUpdate.objects.all().delete()
    Action.objects.filter(pk=action.pk).update(**change)
    assert run(TODAY) == 0


def test_drafts_and_superseded_versions_remind_nobody(plan, action, dora):
    MilestoneFactory(action=action, due=TODAY)
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.SUPERSEDED)
    assert run(TODAY) == 0


def test_a_reminder_a_rival_run_sent_is_not_sent_again(action, dora):
    milestone = MilestoneFactory(action=action, due=TODAY)
    ReminderSent.objects.create(
        kind="due", person=dora, subject=f"milestone:{milestone.pk}", about=milestone.due
    )
    assert run(TODAY) == 0
    assert not Notification.objects.exists()


def test_staff_get_a_weekly_summary_of_quiet_actions_once_a_week(plan, action, sam, carol):
    ProgressUpdate.objects.update(reported_on=TODAY - timedelta(days=120))
    monday = date(2027, 3, 15)

    def summary(day, hour=9):
        with at(day, hour):
            return tasks.quiet_actions_summary_task.delay().get()

    assert summary(monday, hour=6) == 0
    assert summary(monday) == 2
    assert summary(monday + timedelta(days=3)) == 0
    [notice] = reminders(sam, "planning.quiet_summary")
    assert action.title in notice.text
    assert summary(monday + timedelta(days=7)) == 2
    assert reminders(carol, "planning.quiet_summary").count() == 2


def test_no_summary_when_nothing_is_quiet(action, sam):
    with at(date(2027, 3, 15)):
        assert tasks.quiet_actions_summary_task.delay().get() == 0


def test_beat_runs_both_tasks_every_hour():
    schedule = {entry["task"]: entry for entry in celery_app.conf.beat_schedule.values()}
    for task in (tasks.action_reminders_task, tasks.quiet_actions_summary_task):
        assert schedule[task.name]["schedule"] == 3600.0


def test_staff_set_the_days_and_bad_values_are_refused(client_for, sam, plan):
    url = reverse("planning:plan-settings", args=[plan.pk])
    for bad in ["0", "3", "abc", "5000"]:
        response = client_for(sam).post(url, {"quiet_after_days": bad})
        assert response.status_code == 200
        assert "quiet_after_days" in response.context["form"].errors
    assert client_for(sam).post(url, {"quiet_after_days": "60"}).status_code == 302
    plan.refresh_from_db()
    assert plan.quiet_after_days == 60


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_reminder_emails_are_complete_in_the_recipients_language(
    strict_templates, send, city, plan, action, dora, sam, language
):
    from tests.learningcity.test_emails import check

    dora.preferred_language = sam.preferred_language = language
    dora.save()
    sam.save()
    MilestoneFactory(action=action, title="Sala abierta", due=TODAY + timedelta(days=3))
    MilestoneFactory(action=action, title="Informe anual", due=TODAY - timedelta(days=3))
    ProgressUpdate.objects.update(reported_on=TODAY - timedelta(days=100))
    emails = send(lambda: run(date(2027, 3, 15)))
    with at(date(2027, 3, 15)):
        emails += send(lambda: tasks.quiet_actions_summary_task.delay().get())
    assert {email.to for email in emails} == {dora.email, sam.email}
    assert len(emails) == 4
    for email in emails:
        check(email, language, city)
