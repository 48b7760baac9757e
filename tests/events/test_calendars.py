"""The iCalendar files, read back with the `icalendar` library as calendar programs would."""

from datetime import datetime, timedelta
from decimal import Decimal

import icalendar
import pytest
from django.core.cache import cache

from events import services
from events.models import Event
from events.selectors import EVENTS_DATA_VERSION_KEY
from tests.conftest import TODAY
from tests.events.factories import EventFactory, EventSeriesFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]
FEED = "/events/feed.ics"


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_the_feed_carries_public_events_in_the_city_time_zone(client):
    EventFactory(
        title="Festival",
        kind="festival",
        starts_at=datetime.fromisoformat("2026-12-12T10:00:00-06:00"),
        latitude=Decimal("19.7"),
        longitude=Decimal("-101.19"),
    )
    EventFactory(title="Borrador", status=Event.Status.DRAFT)

    calendar = read(client.get(FEED))

    assert calendar["VERSION"] == "2.0"
    assert summaries(calendar) == ["Festival"]
    (timezone_,) = calendar.walk("VTIMEZONE")
    assert timezone_["TZID"] == "America/Mexico_City"
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, str(start.tzinfo)) == (10, "America/Mexico_City")
    assert event["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert event["LOCATION"] == "Biblioteca Central, Calle Mayor 1"
    assert event["UID"].startswith("event-")
    assert event.decoded("GEO") is not None
    assert "DTSTAMP" in event


def test_the_feed_filters_by_kind_and_refuses_an_unknown_kind(client):
    EventFactory(title="Festival", kind="festival")
    EventFactory(title="Conferencia", kind="conference")

    assert summaries(read(client.get(FEED, {"kind": "conference"}))) == ["Conferencia"]
    assert client.get(FEED, {"kind": "party"}).status_code == 404


def test_the_feed_is_outside_the_language_prefix():
    from django.urls import reverse

    assert reverse("event_calendars:feed") == FEED


def test_a_series_is_one_event_with_its_rrule_and_cancelled_occurrences_excluded(client):
    first = datetime.fromisoformat("2026-12-05T11:00:00-06:00")
    series = EventSeriesFactory(title="Sábado de aprender", starts_at=first)
    for month, status in [(0, "published"), (1, "cancelled"), (2, "published")]:
        starts_at = series.occurrences(until=first + timedelta(days=100))[month]
        EventFactory(
            series=series,
            status=status,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=3),
        )

    calendar = read(client.get(FEED))

    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Sábado de aprender"
    assert event["RRULE"] == icalendar.vRecur.from_ical("FREQ=MONTHLY;BYDAY=1SA")
    assert event.decoded("DURATION") == timedelta(hours=3)
    assert [d.dt.date().isoformat() for d in event["EXDATE"].dts] == ["2027-01-02"]


def test_one_event_has_its_own_file_even_in_a_series(client):
    series = EventSeriesFactory(title="Sábado de aprender")
    event = EventFactory(title="Sábado de diciembre", series=series, slug="sabado-diciembre")

    calendar = read(client.get("/events/sabado-diciembre.ics"))

    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Sábado de diciembre"
    assert "RRULE" not in vevent
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == event.ends_at - event.starts_at


def test_a_draft_has_no_file(client):
    EventFactory(slug="secreto", status=Event.Status.DRAFT)

    assert client.get("/events/secreto.ics").status_code == 404


def test_the_feed_makes_as_many_queries_for_many_events_as_for_one(
    client, django_assert_num_queries
):
    EventFactory(starts_at=TODAY + timedelta(days=1))
    client.get(FEED)
    # The factories write past the services: a new version makes the feed afresh.
    cache.delete(EVENTS_DATA_VERSION_KEY)
    # When the events last changed (for Last-Modified), then the events.
    with django_assert_num_queries(2):
        client.get(FEED)
    for _ in range(5):
        EventFactory(series=EventSeriesFactory())
    cache.delete(EVENTS_DATA_VERSION_KEY)
    with django_assert_num_queries(2):
        client.get(FEED)


def test_the_feed_is_made_once_for_each_version_of_the_events(
    client, sam, django_assert_num_queries, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Taller de lectura")
    client.get(FEED)
    # Kept: only when the events last changed is asked, for Last-Modified.
    with django_assert_num_queries(1):
        again = read(client.get(FEED))
    assert summaries(again) == ["Taller de lectura"]

    event.title = "Taller de escritura"
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, by=sam)
    assert summaries(read(client.get(FEED))) == ["Taller de escritura"]

    proposed = EventFactory(title="Propuesta", status=Event.Status.PROPOSED)
    client.get(FEED)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_review(event=proposed, by=sam, publish=True)
    assert summaries(read(client.get(FEED))) == ["Propuesta", "Taller de escritura"]


def test_a_change_not_yet_committed_leaves_the_kept_feed_alone(
    client, sam, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Antes")
    client.get(FEED)
    event.title = "Después"
    with django_capture_on_commit_callbacks(execute=False):
        services.event_save(event=event, by=sam)
        # A feed made meanwhile must not be kept under the new version without the change.
        assert summaries(read(client.get(FEED))) == ["Antes"]


def test_the_feed_is_kept_apart_per_kind(client):
    EventFactory(title="Festival", kind="festival")
    EventFactory(title="Conferencia", kind="conference")
    client.get(FEED)

    assert summaries(read(client.get(FEED, {"kind": "festival"}))) == ["Festival"]
    assert summaries(read(client.get(FEED))) == ["Conferencia", "Festival"]
