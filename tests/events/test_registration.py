"""Registering for an event: with an account or as a guest confirmed by e-mail, places and the
waiting list through learningcity.capacity, cancellation and promotion, and the refusals."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from events import services
from events.models import Event, Registration
from learningcity.models import AuditEntry, OutgoingEmail
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory
from tests.stakeholders.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]


def sent_to(address):
    return list(OutgoingEmail.objects.filter(to=address).order_by("pk"))


@pytest.fixture
def event():
    return EventFactory(title="Club de lectura", slug="club", capacity=2)


def register(client, event, **data):
    return client.post(reverse("events:register", args=[event.slug]), data)


def test_alice_registers_with_her_account_and_gets_her_place_by_email(client_for, alice, event):
    response = register(client_for(alice), event)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.status) == (alice, "confirmed")
    [email] = sent_to("alice@example.org")
    assert "Club de lectura" in email.subject
    assert registration.get_absolute_url() in email.body
    assert "/events/club.ics" in email.body
    assert AuditEntry.objects.filter(action="events.registration_create", actor=alice).exists()


def test_a_guest_registers_only_once_the_emailed_link_is_opened(client, event):
    response = register(client, event, name="Gina Invitada", email="Gina@Example.org")

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("gina@example.org", "pending")
    # The page she is sent back to never holds the secret link: only her mailbox does.
    page = client.get(response.url).content.decode()
    assert registration.token not in page
    [email] = sent_to("gina@example.org")
    assert registration.get_absolute_url() in email.body

    client.get(registration.get_absolute_url())
    client.post(registration.get_absolute_url(), {"action": "confirm"})

    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert len(sent_to("gina@example.org")) == 2


def test_a_guest_form_with_bad_input_comes_back_with_messages_and_what_was_typed(client, event):
    response = register(client, event, name="Gina Invitada", email="not-an-address")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Gina Invitada"' in page
    assert response.context["form"].errors["email"]
    assert not Registration.objects.exists()


def test_the_same_address_registers_once_and_is_told_politely(client, client_for, alice, event):
    register(client_for(alice), event)
    client.logout()

    response = register(client, event, name="Alicia", email="ALICE@example.org")

    assert response.status_code == 200
    assert "alice@example.org ya está inscrito" in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_full_event_puts_people_on_the_waiting_list_and_promotes_the_first_on_a_cancellation(
    event,
):
    first, _second = RegistrationFactory.create_batch(2, event=event)
    third = services.registration_create(
        event=event, name="Tercera", email="tercera@example.org", language="en"
    )
    services.registration_confirm(registration=third)
    fourth = services.registration_create(
        event=event, name="Cuarta", email="cuarta@example.org", language="es"
    )
    fourth = services.registration_confirm(registration=fourth)
    third.refresh_from_db()
    assert (third.status, fourth.status) == ("waitlisted", "waitlisted")
    assert "waiting list" in sent_to("tercera@example.org")[-1].subject

    promoted = services.registration_cancel(registration=first)

    assert promoted == [third]
    third.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, third.status) == ("cancelled", "confirmed")
    assert "you now have a place" in sent_to("tercera@example.org")[-1].subject
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2
    assert AuditEntry.objects.filter(action="events.registration_promote").count() == 1


def test_the_cancellation_link_cancels_and_gives_the_place_away(client, event):
    holder = RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")

    response = client.post(holder.get_absolute_url(), {"action": "cancel"})

    assert response.status_code == 302
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == ("cancelled", "confirmed")


def test_the_registration_page_says_the_turn_on_the_waiting_list(client, event):
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status="waitlisted", requested_at=TODAY)
    mine = RegistrationFactory(
        event=event, status="waitlisted", requested_at=TODAY + timedelta(minutes=1)
    )

    response = client.get(mine.get_absolute_url())

    assert response.context["position"] == 2


def test_an_unknown_token_is_not_found(client):
    assert client.get("/events/registrations/no-such-token/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": TODAY - timedelta(days=1)}, "ya comenzó"),
        ({"registration_closes_at": TODAY - timedelta(hours=1)}, "Las inscripciones cerraron"),
        ({"registration_opens_at": TODAY + timedelta(days=1)}, "Las inscripciones abren"),
        ({"status": Event.Status.CANCELLED}, "no acepta inscripciones"),
    ],
)
def test_registration_is_refused_outside_its_dates_and_for_a_past_event(
    client, client_for, alice, fields, message
):
    event = EventFactory(**fields)
    with pytest.raises(Exception) as error:
        services.registration_create(event=event, user=alice, language="es")
    assert message in str(error.value)
    response = register(client_for(alice), event)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_an_event_with_no_limit_never_has_a_waiting_list():
    event = EventFactory(capacity=None)
    for number in range(5):
        services.registration_create(
            event=event, user=UserFactory(email=f"p{number}@example.org"), language="es"
        )
    assert set(event.registrations.values_list("status", flat=True)) == {"confirmed"}


def test_the_event_page_shows_places_left_and_my_registration(client_for, alice, event):
    RegistrationFactory(event=event)
    client = client_for(alice)

    page = client.get(event.get_absolute_url()).content.decode()
    assert "Queda 1 plaza de 2." in page

    register(client, event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("events:registration", args=[Registration.objects.get(user=alice).token]) in page


def test_alice_sees_her_registrations_on_her_account_page(client_for, alice, event):
    services.registration_create(event=event, user=alice, language="es")

    page = client_for(alice).get(reverse("account_profile")).content.decode()

    assert "Club de lectura" in page


def attendee_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_organisers_download_the_attendees_and_others_may_not(
    client, client_for, alice, bob, organisation, sam, event
):
    event.organisers.add(organisation)
    RegistrationFactory(event=event, name="=HYPERLINK(1)", email="x@example.org")
    RegistrationFactory(event=event, name="Ana", status="waitlisted")
    member = UserFactory()
    MembershipFactory(user=member, organisation=organisation, role="member")
    url = reverse("events:attendees", args=[event.slug])

    for organiser in (bob, sam):
        rows = attendee_rows(client_for(organiser).get(url))
        assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)", "Ana"]
    assert client_for(alice).get(url).status_code == 403
    assert client_for(member).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_event_page_keeps_its_query_count_with_many_registrations(client_for, alice):
    from tests.queries import assert_constant_queries

    event = EventFactory(capacity=100)
    client = client_for(alice)

    def add_rows(count):
        people = [RegistrationFactory(event=event) for _ in range(count)]
        return [event.title] * len(people)

    assert_constant_queries(client, event.get_absolute_url(), add_rows)
