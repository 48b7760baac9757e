"""A draft opened for comments is public from the day the comments open: anybody reads the draft
they comment on (its plan page and its actions), and every plan page points to it while open."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from planning.models import ActionPlan, CommentPeriod
from tests.planning.factories import ActionFactory, ActionPlanFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
BEFORE, DURING, AFTER = "2026-02-27 12:00", "2026-03-15 12:00", "2026-04-01 12:00"
ANNOUNCEMENT = "A new draft of the plan is open for your comments"


@pytest.fixture
def adopted():
    return ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, attractive_title="Ciudad que aprende"
    )


@pytest.fixture
def draft(sam):
    plan = ActionPlanFactory(
        status=ActionPlan.Status.DRAFT, attractive_title="Ciudad que aprende 2030"
    )
    CommentPeriod.objects.create(plan=plan, opens_on=OPENS, closes_on=CLOSES, opened_by=sam)
    return plan


@pytest.fixture
def action(draft):
    return ActionFactory(objective__plan=draft, title="Huertos escolares")


def status(url):
    return Client().get(url).status_code


@time_machine.travel(BEFORE, tick=False)
def test_before_the_comments_open_the_draft_is_for_staff_only(client_for, sam, draft, action):
    assert status(draft.get_absolute_url()) == 404
    assert status(action.get_absolute_url()) == 404
    assert client_for(sam).get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("moment", [DURING, AFTER])
def test_from_the_day_comments_open_anybody_reads_the_draft_and_its_actions(moment, draft, action):
    with time_machine.travel(moment, tick=False):
        page = Client().get("/en" + draft.get_absolute_url()).content.decode()
        assert "Draft, published for comments from" in page
        assert "Huertos escolares" in page
        assert status(action.get_absolute_url()) == 200
    assert ("Comment on the draft" in page) == (moment == DURING)


def test_a_draft_never_opened_for_comments_stays_with_staff(draft):
    other = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    with time_machine.travel(DURING, tick=False):
        assert status(other.get_absolute_url()) == 404
        assert status(draft.get_absolute_url()) == 200


@pytest.mark.parametrize("moment, shown", [(BEFORE, False), (DURING, True), (AFTER, False)])
def test_the_plan_in_force_points_to_the_draft_while_it_is_open(moment, shown, adopted, draft):
    with time_machine.travel(moment, tick=False):
        page = Client().get("/en/plan/").content.decode()
    assert (ANNOUNCEMENT in page) == shown
    assert (f'href="/en/plan/versions/{draft.pk}/comments/"' in page) == shown
    assert (f'href="/en/plan/versions/{draft.pk}/"' in page) == shown


@time_machine.travel(DURING, tick=False)
def test_without_a_plan_in_force_the_area_page_points_to_the_open_draft(draft):
    page = Client().get("/en/plan/").content.decode()
    assert ANNOUNCEMENT in page
    assert "Ciudad que aprende 2030" in page


@time_machine.travel(DURING, tick=False)
def test_the_draft_does_not_announce_itself(draft):
    page = Client().get(draft.get_absolute_url()).content.decode()
    assert ANNOUNCEMENT not in page


@time_machine.travel(DURING, tick=False)
def test_the_announcement_costs_one_query_whatever_the_number_of_drafts(client, adopted, draft):
    count_queries(client, "/plan/")  # fills the caches: the plan's body, the city profile
    before = len(count_queries(client, "/plan/"))
    for _number in range(3):
        plan = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
        CommentPeriod.objects.create(plan=plan, opens_on=OPENS, closes_on=CLOSES)
    assert len(count_queries(client, "/plan/")) == before
