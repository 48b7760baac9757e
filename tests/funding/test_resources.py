"""Shared resources on the portal: members of an organisation offer its resources and ask for
other organisations'; the lending organisation answers and closes bookings, which become in-kind
contributions; nobody else may."""

from datetime import date
from decimal import Decimal

import pytest

from funding import services
from funding.models import Booking, Contribution, SharedResource
from learningcity.models import OutgoingEmail
from tests.funding.factories import SharedResourceFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def lender(db):
    return OrganisationFactory(name="Museo de la Ciudad", kind="museum")


@pytest.fixture
def dora(lender):
    """Dora, member of the museum that lends its room."""
    user = UserFactory(email="dora@example.org", preferred_language="en")
    MembershipFactory(user=user, organisation=lender)
    return user


@pytest.fixture
def room(lender):
    return SharedResourceFactory(
        organisation=lender, name="Sala de talleres", unit_value=Decimal("300")
    )


def test_a_member_offers_a_resource_of_her_organisation(client_for, dora, lender):
    response = client_for(dora).post(
        "/en/funding/resources/new/",
        {
            "organisation": lender.pk,
            "kind": "equipment",
            "name_es": "Proyector",
            "name_en": "Projector",
            "unit": "day",
            "unit_value": "400",
            "currency": "MXN",
        },
    )

    assert response.status_code == 302
    resource = SharedResource.objects.get()
    assert (resource.organisation, resource.created_by) == (lender, dora)
    assert (resource.name_es, resource.name_en) == ("Proyector", "Projector")
    listed = client_for(dora).get("/en/funding/resources/").content.decode()
    assert "Projector" in listed and "Proyector" not in listed


def test_a_resource_needs_its_name_in_spanish_and_the_form_keeps_what_was_typed(
    client_for, dora, lender
):
    response = client_for(dora).post(
        "/en/funding/resources/new/",
        {"organisation": lender.pk, "kind": "equipment", "name_en": "Projector", "unit": "day",
         "unit_value": "400", "currency": "MXN"},
    )  # fmt: skip

    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="es"' in page and 'value="Projector"' in page
    assert "This field is required." in page
    assert not SharedResource.objects.exists()


def test_nobody_offers_for_an_organisation_they_do_not_belong_to(
    client_for, dora, bob, organisation
):
    response = client_for(dora).post(
        "/en/funding/resources/new/",
        {"organisation": organisation.pk, "kind": "room", "name_es": "Sala", "unit": "hour",
         "unit_value": "1", "currency": "MXN"},
    )  # fmt: skip

    assert response.status_code == 200
    assert not SharedResource.objects.exists()


def test_a_citizen_cannot_offer_or_book(client_for, alice, room):
    client = client_for(alice)
    assert client.get("/funding/resources/new/").status_code == 403
    assert client.get(f"/funding/resources/{room.pk}/book/").status_code == 403


def test_anybody_reads_the_register(client, room):
    response = client.get("/en/funding/resources/")

    assert "Sala de talleres" in response.content.decode()


def test_bob_books_the_room_dora_accepts_and_closes_it_as_an_in_kind_contribution(
    client_for, bob, dora, organisation, room
):
    response = client_for(bob).post(
        f"/en/funding/resources/{room.pk}/book/",
        {"organisation": organisation.pk, "purpose": "Taller de lectura",
         "starts_on": "2026-04-01", "ends_on": "2026-04-30", "units": "10"},
    )  # fmt: skip
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert client_for(bob).get(f"/funding/bookings/{booking.pk}/").status_code == 403

    client = client_for(dora)
    client.post(f"/en/funding/bookings/{booking.pk}/", {"answer": "accept"})
    client.post(f"/en/funding/bookings/{booking.pk}/", {"answer": "finish", "units_used": "6"})

    booking.refresh_from_db()
    assert booking.status == "finished"
    contribution = Contribution.objects.get()
    assert contribution.amount == Decimal("1800.00")
    assert contribution.source.organisation == room.organisation
    assert contribution.form == "in_kind"


def test_a_bad_units_used_re_renders_with_a_message(client_for, dora, organisation, room):
    booking = Booking.objects.create(
        resource=room, organisation=organisation, purpose="x", starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 2), units=Decimal("2"), status="accepted",
    )  # fmt: skip

    response = client_for(dora).post(
        f"/en/funding/bookings/{booking.pk}/", {"answer": "finish", "units_used": "-3"}
    )

    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_bookings_cannot_be_for_a_date_range_ending_before_it_starts(
    client_for, bob, organisation, room
):
    response = client_for(bob).post(
        f"/en/funding/resources/{room.pk}/book/",
        {"organisation": organisation.pk, "purpose": "x",
         "starts_on": "2026-04-30", "ends_on": "2026-04-01", "units": "1"},
    )  # fmt: skip

    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_the_register_reads_in_constant_queries(client_for, bob, organisation):
    def add_rows(count):
        rows = []
        for _ in range(count):
            resource = SharedResourceFactory()
            Booking.objects.create(
                resource=resource, organisation=organisation, purpose="p",
                starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 2), units=Decimal(1),
            )  # fmt: skip
            rows.append(resource.name)
        return rows

    assert_constant_queries(client_for(bob), "/funding/resources/", add_rows)


def test_a_request_waits_in_the_lenders_inbox_until_answered(client_for, dora, organisation, room):
    booking = services.booking_request(
        resource=room, organisation=organisation, purpose="Taller", starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 1), units=Decimal(2), by=UserFactory(),
    )  # fmt: skip
    client = client_for(dora)

    assert "Sala de talleres" in client.get("/en/inbox/").content.decode()
    services.booking_decide(booking=booking, accept=False, by=dora)
    assert "Sala de talleres" not in client.get("/en/inbox/").content.decode()


def test_the_lender_is_told_of_a_request_and_the_asker_of_the_answer_each_in_their_language(
    dora, bob, organisation, room, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_request(
            resource=room, organisation=organisation, purpose="Taller de lectura",
            starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 2), units=Decimal(2), by=bob,
        )  # fmt: skip
    asked = OutgoingEmail.objects.get()
    assert asked.to == "dora@example.org"
    assert asked.subject == "Biblioteca Central asks to use Sala de talleres"
    assert "Taller de lectura" in asked.body and f"/en/funding/bookings/{booking.pk}/" in asked.body

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_decide(booking=booking, accept=True, by=dora)
    answered = OutgoingEmail.objects.exclude(pk=asked.pk).get()
    assert answered.to == "bob@example.org"
    assert answered.subject == "Su reserva de Sala de talleres está aceptada"
    assert "Museo de la Ciudad" in answered.body
