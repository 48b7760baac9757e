"""Staff edit events in the administration; each save goes through events.services."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Event
from learningcity.models import AuditEntry
from tests.admin_forms import change_form_data
from tests.conftest import TODAY
from tests.events.factories import EventFactory, EventSeriesFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_an_admin_edit_is_validated_and_recorded_by_the_service(client_for, sam):
    event = EventFactory(title="Antes")
    url = reverse("admin:events_event_change", args=[event.pk])
    client = client_for(sam)

    response = client.post(url, change_form_data(client.get(url), title_es="Después"))

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="events.event_update")
    assert (entry.actor, entry.changes["title"]) == (sam, ["Antes", "Después"])


def test_the_admin_refuses_an_end_before_the_start_and_keeps_what_was_typed(client_for, sam):
    event = EventFactory(title="Festival")
    url = reverse("admin:events_event_change", args=[event.pk])
    client = client_for(sam)
    data = change_form_data(
        client.get(url),
        title_es="Festival nuevo",
        ends_at_0=(TODAY - timedelta(days=30)).date().isoformat(),
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Festival nuevo" in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Festival"


def test_people_without_the_staff_role_cannot_open_the_events_admin(client_for, alice, bob):
    for person in (alice, bob):
        client = client_for(person)
        response = client.get(reverse("admin:events_event_changelist"), follow=True)
        assert response.status_code == 403


def test_staff_add_the_coming_year_of_a_series_from_the_admin(client_for, sam, city):
    series = EventSeriesFactory(starts_at=TODAY)
    EventFactory(series=series, starts_at=TODAY, ends_at=TODAY + timedelta(hours=2))

    response = client_for(sam).post(
        reverse("admin:events_eventseries_changelist"),
        {"action": "schedule_next_year", "_selected_action": [series.pk]},
    )

    assert response.status_code == 302
    assert Event.objects.filter(series=series).count() == 13


def test_places_cannot_drop_below_confirmed_attendees_unless_staff_confirm(client_for, sam):
    event = EventFactory(capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    url = reverse("admin:events_event_change", args=[event.pk])
    client = client_for(sam)

    response = client.post(url, change_form_data(client.get(url), capacity="1"))

    assert response.status_code == 200
    assert "2 personas tienen un lugar confirmado" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 3

    response = client.post(
        url, change_form_data(client.get(url), capacity="1", below_confirmed="on")
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 1
    assert event.registrations.filter(status="confirmed").count() == 2


def test_raising_the_places_in_the_admin_promotes_the_waiting_list(client_for, sam):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    url = reverse("admin:events_event_change", args=[event.pk])
    client = client_for(sam)

    client.post(url, change_form_data(client.get(url), capacity="2"))

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
