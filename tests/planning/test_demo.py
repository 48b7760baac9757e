import re
import zoneinfo
from datetime import UTC, datetime, time

import pytest
import time_machine
from django.core.management import call_command

from learningcity.models import CityProfile
from planning.models import (
    Action,
    ActionPlan,
    Charter,
    Consultation,
    KflcFocus,
    Milestone,
    Objective,
    Proposal,
    StocktakeEntry,
    Theme,
    Workshop,
)
from planning.selectors import with_status

pytestmark = pytest.mark.django_db
MODELS = [ActionPlan, Theme, Objective, Action, Charter, StocktakeEntry, Workshop, Proposal]


def test_the_demo_plan_is_what_the_issue_asks_for_and_loads_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = {model.__name__: model.objects.count() for model in MODELS}
    call_command("seed_demo", stdout=None)
    assert counts == {model.__name__: model.objects.count() for model in MODELS}

    plan = ActionPlan.objects.adopted().get()
    assert plan.attractive_title == "Ciudad que aprende"
    assert (plan.start.year, plan.end.year) == (2026, 2030)
    assert plan.themes.count() == 5
    assert plan.objectives.count() == 10
    covered = KflcFocus.objects.filter(objectives__plan=plan).distinct().count()
    assert covered >= 9
    actions = with_status(Action.objects.filter(objective__plan=plan))
    assert actions.count() == 40
    assert {action.phase for action in actions} == set(Action.Phase.values)
    assert {action.current_status for action in actions} == set(Action.Status.values)
    assert all(action.roles.exists() for action in actions)
    assert Charter.objects.published().get().signatures.count() >= 5
    # The charter's next version is open for comments, with some answered.
    draft_charter = Charter.objects.get(published_on__isnull=True)
    assert draft_charter.comment_period.is_open
    assert draft_charter.text_en and draft_charter.title_en
    assert draft_charter.draft_comments.exclude(answer="").exists()
    assert draft_charter.draft_comments.filter(answer="").exists()
    assert StocktakeEntry.objects.filter(status="accepted").exists()
    assert Workshop.objects.count() == 3
    upcoming = Workshop.objects.get(capacity__isnull=False)
    statuses = list(upcoming.participations.values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * upcoming.capacity + ["waitlisted"] * 2
    assert not upcoming.participations.filter(
        organisation__memberships__user__email="stakeholder@example.org"
    ).exists()
    assert all(theme.proposals.exists() for theme in plan.themes.all())
    assert Consultation.objects.count() == 1


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    with time_machine.travel(datetime(2027, 3, 15, 12, tzinfo=UTC), tick=False):
        call_command("seed_demo", stdout=None)
        yield ActionPlan.objects.adopted().get()


def test_every_demo_action_has_its_own_description(demo):
    descriptions = [action.description for action in Action.objects.filter(objective__plan=demo)]
    assert all(len(description) > 80 for description in descriptions)
    assert len(set(descriptions)) == len(descriptions) == 40


def test_demo_milestones_say_what_they_are(demo):
    titles = list(Milestone.objects.values_list("title", flat=True))
    assert titles
    assert not [title for title in titles if re.fullmatch(r"Hito \d+", title)]


def test_demo_phases_agree_with_progress_and_status(demo):
    actions = with_status(
        Action.objects.filter(objective__plan=demo).prefetch_related("milestones")
    )
    for action in actions:
        if action.phase == Action.Phase.NOT_STARTED:
            assert action.progress == 0, action
        if action.phase == Action.Phase.COMPLETED:
            assert action.progress == 100, action
            assert action.status != Action.Status.CANCELLED, action
        if action.status == Action.Status.DONE:
            assert action.phase == Action.Phase.COMPLETED, action
        if action.phase in (Action.Phase.PLANNING, Action.Phase.IMPLEMENTATION):
            assert 0 <= action.progress < 100, action


def test_demo_workshops_start_in_working_hours_in_the_citys_time_zone(demo):
    zone = zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone)
    for workshop in Workshop.objects.all():
        local = workshop.starts_at.astimezone(zone)
        assert time(8) <= local.time() <= time(20), local


def test_demo_contact_persons_and_a_year_of_progress_updates(demo):
    from datetime import timedelta

    from django.utils import timezone

    from planning.models import ActionContact, ProgressUpdate

    actions = Action.objects.filter(objective__plan=demo)
    assert not actions.exclude(pk__in=ActionContact.objects.values("action")).exists()
    for contact in ActionContact.objects.select_related("organisation"):
        contact.full_clean()
    published = ProgressUpdate.objects.published()
    today = timezone.localdate()
    assert published.values("organisation").distinct().count() >= 5
    assert published.filter(reported_on__lte=today - timedelta(days=300)).exists()
    assert not ProgressUpdate.objects.filter(reported_on__gt=today).exists()
    pending = ProgressUpdate.objects.get(status=ProgressUpdate.Status.PENDING)
    assert pending.author.email == "stakeholder@example.org"
    assert ProgressUpdate.objects.filter(status=ProgressUpdate.Status.RETURNED).exists()
    quiet = [
        action
        for action in actions.exclude(phase__in=["not_started", "planning"])
        if not action.updates.filter(reported_on__gte=today - timedelta(days=90)).exists()
    ]
    assert len(quiet) == 1


def test_demo_change_log_has_every_kind_and_names_no_person(demo, client):
    from django.urls import reverse

    from planning.models import PlanChange

    assert set(PlanChange.objects.values_list("kind", flat=True)) == set(PlanChange.Kind.values)
    page = client.get(reverse("planning:changes")).content.decode()
    i = page.find("Bruno Biblioteca")
    assert i == -1, page[i - 300 : i + 100]
    assert "stakeholder@example.org" not in page


def test_the_demo_has_a_draft_open_for_comments_with_a_dozen_answered_comments(demo, client):
    from planning.models import CommentPeriod, DraftComment

    period = CommentPeriod.objects.select_related("plan").get(plan__isnull=False)
    assert period.plan.status == ActionPlan.Status.DRAFT and period.is_open
    comments = DraftComment.objects.filter(plan=period.plan)
    assert comments.count() == 12
    assert set(comments.exclude(answer="").values_list("answer", flat=True)) == {
        "taken_up",
        "considered",
        "not_taken",
    }
    assert comments.filter(answer="").exists()  # waiting in staff's inbox
    assert comments.filter(sector__isnull=False).values("sector").distinct().count() >= 2
    page = client.get(f"/en/plan/versions/{period.plan.pk}/comments/")
    assert page.status_code == 200
    assert "Learning" in page.content.decode()  # the draft's parts in English
