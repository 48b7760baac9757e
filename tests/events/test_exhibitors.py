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
    assert "ya solicitó exponer" in again.content.decode()


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
    assert "están cerradas" in response.content.decode()
    club = EventFactory(kind="activity")
    response = client.post(apply_url(club), application(organisation))
    assert "no recibe expositores" in response.content.decode()
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


def test_staff_call_the_verified_organisations_of_a_sector_once(
    client_for, sam, festival, django_capture_on_commit_callbacks
):
    from events.services import exhibitor_call_email
    from learningcity.models import OutgoingEmail
    from tests.stakeholders.factories import MembershipFactory, SectorFactory, UserFactory

    culture, business = SectorFactory(), SectorFactory()
    called = []
    for sector, verified in [(culture, True), (culture, True), (business, True), (culture, False)]:
        admin = UserFactory()
        MembershipFactory(
            user=admin,
            organisation=OrganisationFactory(sector=sector, verified=verified),
            role="admin",
        )
        if sector == culture and verified:
            called.append(admin.email)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sam).post(
            reverse("events:exhibitor-call", args=[festival.slug]), {"sectors": [culture.pk]}
        )

    assert response.status_code == 302
    sent = sorted(OutgoingEmail.objects.values_list("to", flat=True))
    assert sent == sorted(called)
    email = OutgoingEmail.objects.first()
    assert reverse("events:exhibit", args=[festival.slug]) in email.body
    call = festival.exhibitor_calls.get()
    assert call.organisations == 2
    assert exhibitor_call_email(call_id=call.pk) == 0
    assert OutgoingEmail.objects.count() == 2


def test_only_staff_call_and_only_while_applications_are_open(client_for, bob, sam, festival):
    url = reverse("events:exhibitor-call", args=[festival.slug])
    assert client_for(bob).post(url, {}).status_code == 403
    festival.exhibitors_until = TODAY - timedelta(days=1)
    festival.save()
    response = client_for(sam).post(url, {}, follow=True)
    assert "están cerradas" in response.content.decode()
    assert not festival.exhibitor_calls.exists()
