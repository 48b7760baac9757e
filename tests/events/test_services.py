from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import Event, EventSeries
from learningcity.models import AuditEntry
from tests.conftest import TODAY
from tests.events.factories import EventFactory, EventSeriesFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def new_event(**fields):
    defaults = {
        "kind": Event.Kind.FESTIVAL,
        "title_es": "Festival del Aprendizaje",
        "starts_at": TODAY + timedelta(days=3),
        "ends_at": TODAY + timedelta(days=3, hours=8),
    }
    return Event(**{**defaults, **fields})


def test_staff_create_an_event_with_a_slug_and_the_audit_records_who(sam):
    event = services.event_save(event=new_event(), by=sam)

    assert event.slug == "festival-del-aprendizaje"
    assert event.created_by == sam
    entry = AuditEntry.objects.get(action="events.event_create")
    assert (entry.actor, entry.target_repr) == (sam, "Festival del Aprendizaje")


def test_a_second_event_of_the_same_title_gets_its_own_slug(sam):
    services.event_save(event=new_event(), by=sam)
    second = services.event_save(event=new_event(), by=sam)

    assert second.slug == "festival-del-aprendizaje-2"


def test_an_event_that_ends_before_it_starts_is_refused_and_not_saved(sam):
    event = new_event(ends_at=TODAY + timedelta(days=2))

    with pytest.raises(ValidationError) as error:
        services.event_save(event=event, by=sam)

    assert "ends_at" in error.value.message_dict
    assert not Event.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("is_free", "price", "field"),
    [(True, Decimal("10"), "price"), (False, None, "price")],
)
def test_a_price_goes_with_a_paid_event_only(sam, is_free, price, field):
    with pytest.raises(ValidationError) as error:
        services.event_save(event=new_event(is_free=is_free, price=price), by=sam)
    assert field in error.value.message_dict


def test_registration_closes_after_it_opens_and_by_the_end(sam):
    start = TODAY + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=new_event(registration_opens_at=start, registration_closes_at=start),
            by=sam,
        )
    assert "registration_closes_at" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.event_save(
            event=new_event(registration_closes_at=start + timedelta(days=2)), by=sam
        )


def test_editing_records_what_changed(sam):
    event = EventFactory(title="Antes")
    event.title = "Después"

    services.event_save(event=event, by=sam)

    entry = AuditEntry.objects.get(action="events.event_update")
    assert entry.changes["title"] == ["Antes", "Después"]


@pytest.mark.parametrize(
    "rule", ["FREQ=HOURLY", "BYDAY=1SA", "FREQ=MONTHLY;DTSTART=20260101", "FREQ=MONTHLY;BYDAY=XX"]
)
def test_a_series_refuses_a_rule_that_is_not_a_daily_or_rarer_rrule(sam, rule):
    with pytest.raises(ValidationError) as error:
        services.series_save(series=EventSeriesFactory.build(rule=rule), by=sam)
    assert "rule" in error.value.message_dict


def test_a_monthly_series_keeps_the_wall_clock_time_of_the_city(city):
    # 11:00 in Mexico City on the first Saturday of each month.
    series = EventSeriesFactory(starts_at=datetime.fromisoformat("2026-12-05T11:00:00-06:00"))

    starts = series.occurrences(until=datetime.fromisoformat("2027-03-31T00:00:00-06:00"))

    assert [(s.date().isoformat(), s.hour) for s in starts] == [
        ("2026-12-05", 11),
        ("2027-01-02", 11),
        ("2027-02-06", 11),
        ("2027-03-06", 11),
    ]


def test_scheduling_a_series_copies_its_model_event_once_per_occurrence(city, sam, organisation):
    series = EventSeriesFactory(
        slug="sabado", starts_at=datetime.fromisoformat("2026-11-07T11:00:00-06:00")
    )
    model = EventFactory(
        series=series,
        starts_at=series.starts_at,
        ends_at=series.starts_at + series.duration,
        organisers=[organisation],
        capacity=30,
    )
    until = datetime.fromisoformat("2027-01-31T00:00:00-06:00")

    made = services.series_schedule(series=series, model=model, until=until, by=sam)
    again = services.series_schedule(series=series, model=model, until=until, by=sam)

    assert [event.slug for event in made] == ["sabado-2026-12-05", "sabado-2027-01-02"]
    assert again == []
    assert made[0].title == series.title
    assert made[0].capacity == 30
    assert list(made[0].organisers.all()) == [organisation]
    assert series.events.count() == 3
    assert AuditEntry.objects.filter(action="events.series_schedule").count() == 1


def test_a_series_is_stored_with_its_rule(sam):
    series = services.series_save(
        series=EventSeries(
            title_es="Sábado de aprender",
            starts_at=TODAY,
            rule="FREQ=YEARLY;BYMONTH=5;BYDAY=2SA",
        ),
        by=sam,
    )
    assert series.slug == "sabado-de-aprender"


def test_the_service_refuses_fewer_places_than_confirmed_unless_told(sam):
    event = EventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    event.capacity = 1

    with pytest.raises(ValidationError) as error:
        services.event_save(event=event, by=sam)
    assert "capacity" in error.value.message_dict

    services.event_save(event=event, by=sam, below_confirmed=True)
    event.refresh_from_db()
    assert event.capacity == 1
