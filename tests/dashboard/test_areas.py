"""What the dashboard tells of each area, checked against data built here: objectives on or off
track by the rule written on the page, the committee's coverage of sectors, the forum's activity,
and charts that carry their own numbers as a table."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from planning.models import ActionPlan
from stakeholders.forum.models import Post
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.stakeholders.factories import CommitteeTermFactory, SectorFactory, UserFactory
from tests.stakeholders.forum.factories import reply, start_topic

pytestmark = pytest.mark.django_db

# Halfway through a plan of 2026–2029 (1,460 days): mid-2028, day 730.
HALFWAY = datetime(2028, 1, 1, 12, tzinfo=UTC)


def dashboard(client):
    return client.get("/en/dashboard/").content.decode()


def objective_rows(page):
    """{objective title: its "On track" cell} from the table of objectives."""
    rows = re.findall(
        r'<th scope="row"><a href="[^"]+">(?:<span[^>]*>)?([^<]+)(?:</span>)?</a></th>(.*?)</tr>',
        page,
        re.S,
    )
    return {
        title: re.search(r'data-label="On track">(.*?)</td>', cells, re.S).group(1)
        for title, cells in rows
    }


@time_machine.travel(HALFWAY, tick=False)
def test_an_objective_is_on_track_when_its_progress_keeps_pace_with_the_plan(client):
    plan = ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, start=date(2026, 1, 1), end=date(2029, 12, 31)
    )
    ahead = ObjectiveFactory(plan=plan, title="Adelantado")
    ActionFactory(objective=ahead, manual_progress=60, end=date(2029, 1, 1))
    behind = ObjectiveFactory(plan=plan, title="Atrasado")
    ActionFactory(objective=behind, manual_progress=40, end=date(2029, 1, 1))
    ObjectiveFactory(plan=plan, title="Sin acciones")
    page = dashboard(client)
    assert "today 50 %" in page
    cells = objective_rows(page)
    assert "On track" in cells["Adelantado"]
    assert "Off track" in cells["Atrasado"]
    assert "No actions yet" in cells["Sin acciones"]
    assert "<strong>1</strong> objectives on track" in page
    assert "<strong>1</strong> objectives off track" in page


def test_before_the_plan_starts_any_progress_is_on_track_and_after_it_only_all_of_it(client):
    plan = ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, start=date(2026, 1, 1), end=date(2029, 12, 31)
    )
    ActionFactory(objective__plan=plan, objective__title="Lectura", manual_progress=90)
    with time_machine.travel(datetime(2025, 6, 1, 12, tzinfo=UTC), tick=False):
        assert "On track" in objective_rows(dashboard(client))["Lectura"]
    with time_machine.travel(datetime(2030, 6, 1, 12, tzinfo=UTC), tick=False):
        assert "Off track" in objective_rows(dashboard(client))["Lectura"]


def test_the_committee_coverage_counts_sectors_with_a_seat_held_today(client):
    arts, health = SectorFactory(slug="arts"), SectorFactory(slug="health")
    SectorFactory(slug="sports")
    CommitteeTermFactory.create_batch(2, seat__sector=arts)
    CommitteeTermFactory(seat__sector=health)
    today = timezone.localdate()
    CommitteeTermFactory(start=today - timedelta(days=400), end=today - timedelta(days=1))
    page = dashboard(client)
    # The ended term's sector holds no seat today; the reference lists may hold more sectors.
    total = re.search(r"<strong>(\d+)</strong> of (\d+) sectors with a seat held", page)
    assert total and total.group(1) == "2"
    assert "<strong>3</strong> committee members today" in page


def test_the_forum_activity_counts_what_the_public_reads_of_the_last_30_days(client):
    alice, bob = UserFactory(), UserFactory()
    topic = start_topic(alice)
    reply(topic, bob)
    hidden = reply(topic, bob, body="Un mensaje que se oculta.")
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.HIDDEN_BY_AUTHOR)
    old = start_topic(alice, title="Un tema de hace meses")
    Post.objects.filter(topic=old).update(created_at=timezone.now() - timedelta(days=40))
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    page = dashboard(client)
    assert "In the last 30 days: 1 topics started, 2 posts, by 2 people." in page


def test_each_chart_is_an_image_with_a_name_and_its_numbers_in_a_table(client):
    SectorFactory(slug="arts", name_en="Arts")
    page = dashboard(client)
    chart = page[page.index('<figure class="chart">') :]
    chart = chart[: chart.index("</figure>")]
    assert 'role="img" aria-labelledby="organisations-by-sector-title"' in chart
    assert (
        '<title id="organisations-by-sector-title">Verified organisations by sector</title>'
        in chart
    )
    assert '<tr><th scope="row">Arts</th><td class="number">0</td></tr>' in chart


@pytest.mark.usefixtures("frozen_today")
def test_the_celebration_counts_the_public_events_of_the_last_twelve_months(client):
    from events.models import Event
    from tests.events.factories import EventFactory, RegistrationFactory

    now = timezone.now()
    festival = EventFactory(kind=Event.Kind.FESTIVAL, starts_at=now - timedelta(days=30))
    for checked in [True, True, False, False]:
        RegistrationFactory(
            event=festival, checked_in_at=now - timedelta(days=30) if checked else None
        )
    talk = EventFactory(kind=Event.Kind.CONFERENCE, starts_at=now - timedelta(days=60))
    RegistrationFactory(event=talk)  # nobody checked in: not in the attendance rate
    EventFactory(kind=Event.Kind.FESTIVAL, starts_at=now - timedelta(days=400))  # too old
    EventFactory(kind=Event.Kind.FESTIVAL, starts_at=now + timedelta(days=10))  # to come
    EventFactory(status=Event.Status.DRAFT, starts_at=now - timedelta(days=5))  # not public
    page = dashboard(client)
    assert "<strong>2</strong> public events in the last twelve months" in page
    assert "<strong>5</strong> places taken" in page
    assert "<strong>50 %</strong> attendance" in page
    chart = page[page.index('aria-labelledby="events-by-kind-title"') :]
    assert '<tr><th scope="row">Learning festival</th><td class="number">1</td></tr>' in chart
    assert '<tr><th scope="row">Conference</th><td class="number">1</td></tr>' in chart


@pytest.mark.usefixtures("frozen_today")
def test_the_celebration_is_kept_until_an_event_changes(
    client, sam, django_capture_on_commit_callbacks
):
    from events import services
    from events.models import Event
    from tests.events.factories import EventFactory

    now = timezone.now()
    EventFactory(kind=Event.Kind.FESTIVAL, starts_at=now - timedelta(days=30))
    assert "<strong>1</strong> public events in the last twelve months" in dashboard(client)
    proposed = EventFactory(status=Event.Status.PROPOSED, starts_at=now - timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        services.event_review(event=proposed, by=sam, publish=True)

    assert "<strong>2</strong> public events in the last twelve months" in dashboard(client)
