"""The reminder the day before, to every confirmed place, once whatever beat's runs."""

from datetime import datetime, timedelta

import pytest
import time_machine

from events.tasks import registration_reminders_task
from learningcity.models import Notification, OutgoingEmail
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("city")]

# Tomorrow's event starts at 10:00 in Mexico City; beat runs this evening, city time.
EVENING = datetime.fromisoformat("2026-12-09T20:00:00-06:00")
TOMORROW = datetime.fromisoformat("2026-12-10T10:00:00-06:00")


def run():
    with time_machine.travel(EVENING, tick=False):
        return registration_reminders_task.delay().get()


def test_confirmed_places_of_tomorrows_events_are_reminded_once(alice):
    event = EventFactory(title="Club", starts_at=TOMORROW)
    guest = RegistrationFactory(event=event, name="Gina", email="gina@example.org")
    RegistrationFactory(event=event, user=alice, email=alice.email, name=alice.full_name)
    RegistrationFactory(event=event, status="waitlisted", email="eva@example.org")
    RegistrationFactory(event=event, status="cancelled", email="luis@example.org")
    RegistrationFactory(event=EventFactory(starts_at=TOMORROW + timedelta(days=1)))

    assert run() == 2
    assert run() == 0

    [email] = OutgoingEmail.objects.filter(to="gina@example.org")
    assert "Club" in email.subject
    assert guest.code in email.body
    notification = Notification.objects.get(recipient=alice)
    assert notification.kind == "events.reminder"
    assert OutgoingEmail.objects.filter(to="alice@example.org").count() == 1
    assert not OutgoingEmail.objects.filter(to__in=["eva@example.org", "luis@example.org"])


def test_a_cancelled_event_sends_no_reminder():
    event = EventFactory(starts_at=TOMORROW, status="cancelled")
    RegistrationFactory(event=event)

    assert run() == 0
