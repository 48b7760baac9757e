"""A large city's calendar, made quickly for the benchmarks (`seed_scale_events`): published
events over three years past and one ahead, in every district, with registrations — confirmed
mostly, some waiting or cancelled, past ones checked in. Rows go in with `bulk_create` in
batches, bypassing the services (made-up data, not the city's). The same `seed` makes the same
calendar."""

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from events.models import CODE_LETTERS, Event, Kind, Registration
from learningcity.models import District
from stakeholders.models import Organisation

BATCH = 2000
KINDS = [Kind.ACTIVITY] * 8 + [Kind.CELEBRATION, Kind.FESTIVAL, Kind.CONFERENCE]
TITLES = [
    ("Taller de lectura", "Reading workshop"),
    ("Club de conversación", "Conversation club"),
    ("Tarde de ciencia", "Science afternoon"),
    ("Encuentro de huertos", "Garden meeting"),
    ("Noche de museos", "Museum night"),
]


def check_in_code(number):
    """A code of its own for each registration of the seed (the services draw them at random)."""
    letters = []
    for _place in range(6):
        number, digit = divmod(number, len(CODE_LETTERS))
        letters.append(CODE_LETTERS[digit])
    return "".join(letters)


def seed(*, events, registrations, seed=0):
    """Add `events` published events and `registrations` registrations spread over them."""
    rng = random.Random(seed)
    districts = list(District.objects.order_by("pk"))
    organisers = list(Organisation.objects.filter(verified=True).order_by("pk")[:2000])
    if not districts or not organisers:
        raise ValueError("seed the demo city (districts and organisations) first")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    made = Event.objects.bulk_create(
        (_event(rng, number, now, districts) for number in range(events)), batch_size=BATCH
    )
    Organisers = Event.organisers.through
    Organisers.objects.bulk_create(
        (Organisers(event=e, organisation=rng.choice(organisers)) for e in made), batch_size=BATCH
    )
    _registrations(rng, registrations, made, now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_event, events_registration")
    return {"events": len(made), "registrations": registrations}


def _event(rng, number, now, districts):
    title_es, title_en = TITLES[number % len(TITLES)]
    starts_at = now + timedelta(hours=rng.randrange(-3 * 365 * 24, 365 * 24))
    district = districts[number % len(districts)]
    return Event(
        slug=f"escala-evento-{number}",
        kind=rng.choice(KINDS),
        status=Event.Status.PUBLISHED,
        title_es=f"{title_es} {number}",
        title_en=f"{title_en} {number}",
        summary_es=f"{title_es} en {district.name_es}.",
        summary_en=f"{title_en} in {district.name_en}.",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=rng.choice([2, 3, 8])),
        district=district,
        venue_name=f"Sede {number}",
        address=f"Calle {number}, {district.name_es}",
        capacity=rng.choice([None, 40, 100, 500]),
    )


def _registrations(rng, count, events, now):
    for start in range(0, count, BATCH):
        rows = []
        for number in range(start, min(start + BATCH, count)):
            event = events[number % len(events)]
            status = rng.choices(
                [
                    Registration.Status.CONFIRMED,
                    Registration.Status.WAITLISTED,
                    Registration.Status.CANCELLED,
                ],
                weights=[90, 4, 6],
            )[0]
            attended = event.ends_at < now and status == "confirmed" and rng.random() < 0.8
            rows.append(
                Registration(
                    event=event,
                    name=f"Persona {number}",
                    email=f"persona{number}@escala.example.org",
                    status=status,
                    language=rng.choice(["es", "es", "en"]),
                    code=check_in_code(number),
                    requested_at=event.starts_at - timedelta(days=rng.randrange(1, 30)),
                    checked_in_at=event.starts_at if attended else None,
                )
            )
        Registration.objects.bulk_create(rows, batch_size=BATCH)
