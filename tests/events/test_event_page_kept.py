"""An event's page is kept rendered for the public (events.views.detail, learningcity.kept): a
second reading loads the event alone, not its sessions, speakers and exhibitors; a session added
or the event cancelled shows at once, and the places left are counted on every reading."""

from datetime import timedelta

import pytest

from events import services
from events.models import Event, Session
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory
from tests.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]


@pytest.fixture
def event(kept):
    return kept(lambda: EventFactory(title="Feria del libro", slug="feria", capacity=10))


def page(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def reads_sessions(client, event):
    queries = count_queries(client, event.get_absolute_url())
    return [q["sql"] for q in queries if '"events_session"' in q["sql"]]


def test_a_second_public_reading_loads_the_event_alone_and_counts_places(client, kept, event):
    assert "Quedan 10 plazas de 10." in page(client, event)
    assert reads_sessions(client, event) == []

    kept(lambda: RegistrationFactory(event=event))  # a registration changes no kept part
    content = page(client, event)
    assert "Quedan 9 plazas de 10." in content
    assert "Feria del libro" in content


def test_a_session_added_and_the_event_cancelled_show_at_once(client, kept, sam, event):
    page(client, event)
    kept(
        lambda: Session.objects.create(
            event=event,
            title="Cuentacuentos",
            starts_at=TODAY + timedelta(days=10, hours=1),
            ends_at=TODAY + timedelta(days=10, hours=2),
        )
    )
    assert "Cuentacuentos" in page(client, event)

    event.status = Event.Status.CANCELLED
    kept(lambda: services.event_save(event=event, by=sam))
    assert "Este evento ha sido cancelado." in page(client, event)


def test_an_unpublished_event_stays_hidden_from_the_public(client, kept):
    draft = kept(lambda: EventFactory(status=Event.Status.DRAFT))
    for _time in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_get_the_check_in_after_the_public_copy_is_kept(client, client_for, sam, event):
    assert "/check-in/" not in page(client, event)
    assert "/check-in/" in page(client_for(sam), event)
