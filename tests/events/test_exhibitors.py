"""Organisations apply to exhibit at a learning festival; staff accept or reject them."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import ExhibitorApplication
from learningcity.models import Notification
from tests.admin_forms import change_form_data
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]


@pytest.fixture
def festival():
    return EventFactory(
        kind="festival",
        slug="festival",
        title="Festival",
        starts_at=TODAY + timedelta(days=30),
        exhibitors_until=TODAY + timedelta(days=10),
    )


def apply_url(event):
    return reverse("events:exhibit", args=[event.slug])


def application(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "showing": "Cursos de lectura",
        "activity": "Cuentacuentos",
        "needs": "Una mesa",
        **changes,
    }


def test_bob_applies_for_his_organisation_once(client_for, bob, organisation, festival):
    client = client_for(bob)

    response = client.post(apply_url(festival), application(organisation))
    again = client.post(apply_url(festival), application(organisation))

    assert response.status_code == 302
    made = ExhibitorApplication.objects.get()
    assert (made.organisation, made.status, made.submitted_by) == (organisation, "pending", bob)
    assert again.status_code == 200
    assert "already applied" in again.content.decode()


def test_an_application_without_what_it_shows_comes_back_with_what_was_typed(
    client_for, bob, organisation, festival
):
    response = client_for(bob).post(apply_url(festival), application(organisation, showing=""))

    assert response.status_code == 200
    assert response.context["form"].errors["showing"]
    assert "Cuentacuentos" in response.content.decode()
    assert not ExhibitorApplication.objects.exists()


def test_applications_close_at_the_deadline_and_other_events_take_none(
    client_for, bob, organisation, festival
):
    festival.exhibitors_until = TODAY - timedelta(hours=1)
    festival.save()
    client = client_for(bob)
    response = client.post(apply_url(festival), application(organisation))
    assert "closed" in response.content.decode()
    club = EventFactory(kind="activity")
    response = client.post(apply_url(club), application(organisation))
    assert "takes no exhibitors" in response.content.decode()
    assert not ExhibitorApplication.objects.exists()


def test_only_members_of_verified_organisations_apply_and_for_their_own(
    client_for, alice, bob, festival
):
    other = OrganisationFactory()
    assert client_for(alice).get(apply_url(festival)).status_code == 403
    response = client_for(bob).post(apply_url(festival), application(other))
    assert "organisation" in response.context["form"].errors


def test_staff_accept_in_the_admin_and_the_festival_page_shows_the_exhibitor(
    client, client_for, sam, bob, organisation, festival
):
    made = ExhibitorApplication.objects.create(
        event=festival, organisation=organisation, showing="Cursos", activity="Cuentacuentos",
        submitted_by=bob,
    )  # fmt: skip
    url = reverse("admin:events_exhibitorapplication_change", args=[made.pk])
    staff = client_for(sam)

    response = staff.post(url, change_form_data(staff.get(url), status="accepted"))

    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == "accepted"
    assert Notification.objects.get(recipient=bob).kind == "events.exhibitor_reviewed"
    client.logout()
    page = client.get(festival.get_absolute_url()).content.decode()
    assert organisation.name in page
    assert "Cuentacuentos" in page


def test_a_rejection_needs_a_message(client_for, sam, organisation, festival):
    made = ExhibitorApplication.objects.create(
        event=festival, organisation=organisation, showing="Cursos"
    )
    url = reverse("admin:events_exhibitorapplication_change", args=[made.pk])
    staff = client_for(sam)

    response = staff.post(url, change_form_data(staff.get(url), status="rejected", message=""))

    assert response.status_code == 200
    made.refresh_from_db()
    assert made.status == "pending"


def test_the_festival_page_keeps_its_query_count_with_many_exhibitors(client, festival):
    def add_rows(count):
        names = []
        for _ in range(count):
            organisation = OrganisationFactory()
            ExhibitorApplication.objects.create(
                event=festival, organisation=organisation, showing="Cursos", status="accepted"
            )
            names.append(organisation.name)
        return names

    assert_constant_queries(client, festival.get_absolute_url(), add_rows)
