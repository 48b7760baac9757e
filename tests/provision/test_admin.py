"""Staff edit provision in the administration; each save goes through provision.services."""

from datetime import timedelta

import pytest
from django.urls import reverse

from learningcity.models import AuditEntry, OutgoingEmail
from provision.models import GuidancePoint, OpeningHours
from tests.admin_forms import change_form_data
from tests.conftest import TODAY
from tests.provision.factories import (
    LearningNeedFactory,
    LearningSpaceFactory,
    OpeningHoursFactory,
    OpportunityFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_an_admin_edit_is_validated_and_recorded_by_the_service(client_for, sam):
    opportunity = OpportunityFactory(name="Antes")
    url = reverse("admin:provision_opportunity_change", args=[opportunity.pk])
    client = client_for(sam)

    response = client.post(url, change_form_data(client.get(url), name_es="Después"))

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="provision.opportunity_update")
    assert (entry.actor, entry.changes["name"]) == (sam, ["Antes", "Después"])


def test_the_admin_refuses_an_end_before_the_start_and_keeps_what_was_typed(client_for, sam):
    opportunity = OpportunityFactory(name="Coro")
    url = reverse("admin:provision_opportunity_change", args=[opportunity.pk])
    client = client_for(sam)
    data = change_form_data(
        client.get(url),
        name_es="Coro nuevo",
        ends_on=(TODAY - timedelta(days=30)).date().isoformat(),
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Coro nuevo" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.name == "Coro"


def test_the_opening_hours_of_a_space_are_saved_through_the_service(client_for, sam):
    space = LearningSpaceFactory()
    OpeningHoursFactory(space=space)
    url = reverse("admin:provision_learningspace_change", args=[space.pk])
    client = client_for(sam)
    data = change_form_data(client.get(url))
    data.update({"opening_hours-1-byday": "3", "opening_hours-1-opens_at": "16:00",
                 "opening_hours-1-closes_at": "19:00"})  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302
    assert OpeningHours.objects.filter(space=space).count() == 2
    assert AuditEntry.objects.filter(action="provision.opening_hours_set", actor=sam).exists()


def test_people_without_the_staff_role_cannot_open_the_provision_admin(client_for, alice, bob):
    for person in (alice, bob):
        client = client_for(person)
        for name in ("opportunity", "learningspace", "subject", "guidancepoint"):
            response = client.get(reverse(f"admin:provision_{name}_changelist"), follow=True)
            assert response.status_code == 403


@pytest.mark.usefixtures("city")
def test_staff_add_a_guidance_point_in_the_admin_through_the_service(client_for, sam):
    url = reverse("admin:provision_guidancepoint_add")
    client = client_for(sam)
    data = {"name_es": "Punto Centro", "name_en": "Centre point", "address": "Portal 1",
            "hours_es": "9 a 14", "hours_en": "9 to 2", "is_active": "on",
            "latitude": "-101.19", "longitude": "19.70"}  # fmt: skip

    swapped = client.post(url, data)
    assert swapped.status_code == 200
    assert not GuidancePoint.objects.exists()

    data.update(latitude="19.70", longitude="-101.19")
    saved = client.post(url, data)
    assert saved.status_code == 302
    entry = AuditEntry.objects.get(action="provision.guidance_point_save")
    assert (entry.actor, entry.target_repr) == (sam, "Punto Centro")


def test_staff_answer_a_learning_need_in_the_admin_through_the_service(client_for, sam):
    need = LearningNeedFactory(subject_other="Carpintería", email="ana@example.org")
    url = reverse("admin:provision_learningneed_change", args=[need.pk])
    client = client_for(sam)

    page = client.get(url)
    data = change_form_data(page, status="answered")
    # Set apart: `response` is also change_form_data's own first argument.
    data["response"] = "Hay un taller en su barrio."
    saved = client.post(url, data)

    assert saved.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.responded_by) == ("answered", sam)
    assert OutgoingEmail.objects.filter(to="ana@example.org").exists()
    assert client.get(reverse("admin:provision_learningneed_add")).status_code == 403


def test_people_without_the_staff_role_cannot_read_learning_needs_in_the_admin(client_for, bob):
    need = LearningNeedFactory(email="ana@example.org")
    url = reverse("admin:provision_learningneed_change", args=[need.pk])

    assert client_for(bob).get(url).status_code in {302, 403}
