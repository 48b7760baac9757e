"""Who sees which version of the plan is one rule on the QuerySets, used by every page."""

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import Action, ActionPlan
from tests.planning.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions():
    return {
        status: ActionFactory(objective__plan=ActionPlanFactory(status=status))
        for status in ActionPlan.Status.values
    }


def test_drafts_are_visible_to_staff_and_coordinators_only(versions, alice, bob, sam, carol):
    draft = versions["draft"].objective.plan
    for person in (None, alice, bob):
        visible = ActionPlan.objects.visible_to(person)
        assert draft not in visible
        assert visible.count() == 2
        assert versions["draft"] not in Action.objects.visible_to(person)
    for person in (sam, carol):
        assert draft in ActionPlan.objects.visible_to(person)
        assert Action.objects.visible_to(person).count() == 3


def test_every_page_and_export_of_a_draft_is_not_found_for_the_public(versions, alice, sam):
    action = versions["draft"]
    draft = action.objective.plan
    urls = [
        reverse("planning:plan-version", args=[draft.pk]),
        reverse("planning:version-csv", args=[draft.pk]),
        reverse("planning:version-print", args=[draft.pk]),
        action.get_absolute_url(),
    ]
    citizen, staff = Client(), Client()
    citizen.force_login(alice)
    staff.force_login(sam)
    for url in urls:
        assert Client().get(url).status_code == 404, url
        assert citizen.get(url).status_code == 404, url
        assert staff.get(url).status_code == 200, url
    superseded = versions["superseded"].objective.plan
    assert Client().get(reverse("planning:version-csv", args=[superseded.pk])).status_code == 200
