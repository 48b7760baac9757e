"""The figures of events for their organisers, the dashboard and the indicators."""

from datetime import timedelta

import pytest

from events.selectors import events_summary
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def test_the_summary_counts_events_places_and_who_came():
    festival = EventFactory(kind="festival", starts_at=TODAY - timedelta(days=5))
    RegistrationFactory.create_batch(3, event=festival, checked_in_at=TODAY)
    RegistrationFactory(event=festival)
    RegistrationFactory(event=festival, status="waitlisted")
    club = EventFactory(kind="activity", starts_at=TODAY - timedelta(days=2))
    RegistrationFactory.create_batch(2, event=club)  # nobody checked in: no rate from it
    EventFactory(kind="activity", status="draft", starts_at=TODAY - timedelta(days=2))
    EventFactory(kind="activity", starts_at=TODAY - timedelta(days=400))

    summary = events_summary(start=TODAY - timedelta(days=30), end=TODAY)

    assert summary == {
        "events": 2,
        "by_kind": {"festival": 1, "activity": 1},
        "confirmed": 6,
        "checked_in": 3,
        "attendance_rate": 75,
    }


def test_organisers_see_the_figures_on_the_event_page_and_others_do_not(client, client_for, sam):
    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event, checked_in_at=TODAY)
    RegistrationFactory(event=event, status="waitlisted")

    assert client_for(sam).get(event.get_absolute_url()).context["figures"].confirmed == 2
    client.logout()
    assert client.get(event.get_absolute_url()).context["figures"] is None
