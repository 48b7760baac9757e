import uuid
from datetime import timedelta

import factory
from django.core.cache import cache

from events.models import Event, EventSeries, Registration
from events.selectors import EVENTS_DATA_VERSION_KEY
from tests.conftest import TODAY


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.ACTIVITY
    title = factory.Sequence(lambda n: f"Evento {n}")
    slug = factory.Sequence(lambda n: f"evento-{n}")
    status = Event.Status.PUBLISHED
    starts_at = TODAY + timedelta(days=10)
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue_name = "Biblioteca Central"
    address = "Calle Mayor 1"

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)

    @factory.post_generation
    def accessibility_features(self, create, extracted, **kwargs):
        if create and extracted:
            self.accessibility_features.set(extracted)

    @factory.post_generation
    def announced(self, create, extracted, **kwargs):
        """What the services do after a write: replace the events' data version, so the
        calendars kept rendered (events.views) are rendered again. At once, not on commit as
        the services do: a test's transaction never commits."""
        if create:
            cache.set(EVENTS_DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title = factory.Sequence(lambda n: f"Serie {n}")
    slug = factory.Sequence(lambda n: f"serie-{n}")
    starts_at = TODAY
    duration = timedelta(hours=3)
    rule = "FREQ=MONTHLY;BYDAY=1SA"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Persona {n}")
    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    status = Registration.Status.CONFIRMED
    language = "es"
