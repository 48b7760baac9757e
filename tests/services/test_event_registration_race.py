"""Two people register for the last place of an event at the same moment, on PostgreSQL: two
threads, two connections, two overlapping transactions. The lock on the event's row
(learningcity.capacity) makes the second wait for the first: one place, one turn on the waiting
list, never two places. The same address sent twice at once registers once."""

import threading
import time

import pytest
from django.db import connections

from events import services
from events.models import Registration
from tests.events.factories import EventFactory
from tests.services.test_capacity_race import postgresql  # noqa: F401  (the fixture)
from tests.stakeholders.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen_today")]


def at_once(calls, monkeypatch):
    """Run each call in its own thread, all started together, each lingering between counting
    the places and saving; returns the errors raised."""
    full_clean = Registration.full_clean

    def slow_full_clean(self, *args, **kwargs):
        time.sleep(0.5)
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(Registration, "full_clean", slow_full_clean)
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            start.wait(timeout=5)
            call()
        except Exception as error:  # reported below, with the thread's error
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[call]) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_two_registrations_for_the_last_place_at_once_get_one_place(postgresql, monkeypatch):  # noqa: F811
    event = EventFactory(capacity=1)
    people = [UserFactory(), UserFactory()]

    errors = at_once(
        [
            lambda person=person: services.registration_create(
                event=event, user=person, language="es"
            )
            for person in people
        ],
        monkeypatch,
    )

    assert errors == []
    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]


def test_one_address_sent_twice_at_once_registers_once(postgresql, monkeypatch):  # noqa: F811
    event = EventFactory(capacity=10)

    errors = at_once(
        [
            lambda: services.registration_create(
                event=event, name="Gina", email="gina@example.org", language="es"
            )
        ]
        * 2,
        monkeypatch,
    )

    assert [getattr(error, "code", None) for error in errors] == ["duplicate"]
    assert event.registrations.count() == 1
