"""A person is shown to others by their name, or a neutral label: never by their e-mail address."""

import pytest
from django.urls import reverse
from django.utils import translation

from planning.models import ActionPlan
from planning.services import action_update
from stakeholders.models import NetworkMembership
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.stakeholders.factories import (
    CommitteeDecisionFactory,
    CommitteeTermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nameless_staff():
    """Staff who left their name empty when signing up."""
    return UserFactory(email="staff-sin-nombre@example.org", full_name="", roles=["staff"])


def test_a_person_without_a_name_has_a_neutral_public_name(nameless_staff):
    with translation.override("en"):
        assert nameless_staff.public_name == "A member of the portal"
        assert str(nameless_staff) == "A member of the portal"
        assert nameless_staff.get_full_name() == "A member of the portal"
    with translation.override("es"):
        assert nameless_staff.public_name == "Un miembro del portal"


def test_a_person_with_a_name_is_shown_by_it(alice):
    assert alice.public_name == str(alice) == alice.get_full_name() == "Alice Ciudadana"


def test_the_action_page_does_not_show_who_set_the_status_by_address(client, nameless_staff):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    action = ActionFactory(objective=ObjectiveFactory(plan=plan))
    action.status_override = "on_hold"
    action.status_override_reason = "Sin sede."
    action_update(action=action, version=action.version, by=nameless_staff)
    content = client.get(action.get_absolute_url()).content.decode()
    assert "Sin sede." in content
    assert "staff-sin-nombre@example.org" not in content
    assert "Un miembro del portal" in content


def test_the_committee_page_does_not_show_members_by_address(client):
    holder = UserFactory(email="consejera@example.org", full_name="")
    term = CommitteeTermFactory(person=holder, person_name="")
    CommitteeDecisionFactory().meeting.present.add(term)
    content = client.get(reverse("stakeholders:committee")).content.decode()
    assert "consejera@example.org" not in content
    assert "Un miembro del portal" in content


def test_the_partners_page_does_not_show_the_focal_point_by_address(client):
    focal_point = UserFactory(email="enlace@example.org", full_name="")
    NetworkMembership.objects.create(
        network="GNLC", is_gnlc=True, status="active", focal_point=focal_point
    )
    content = client.get(reverse("stakeholders:partners")).content.decode()
    assert "enlace@example.org" not in content
