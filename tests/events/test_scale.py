"""`seed_scale_events` makes a large city's calendar for the benchmarks."""

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, Registration
from tests.stakeholders.factories import DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_events_are_published_across_past_and_future_with_their_registrations(settings):
    settings.DEBUG = True
    DistrictFactory.create_batch(2)
    OrganisationFactory.create_batch(3)

    call_command("seed_scale_events", events=30, registrations=600, stdout=None)

    assert Event.objects.public().count() == 30
    assert Event.objects.upcoming().exists() and Event.objects.past().exists()
    assert Event.objects.filter(organisers__isnull=True).count() == 0
    assert Registration.objects.count() == 600
    assert Registration.objects.filter(status="confirmed").count() > 450
    # Each registration keeps its own code at its event, as the services ensure.
    assert Registration.objects.values("event", "code").distinct().count() == 600
    checked_in = Registration.objects.filter(checked_in_at__isnull=False).select_related("event")
    assert checked_in.exists()
    assert all(r.event.is_past and r.status == "confirmed" for r in checked_in)


def test_the_same_seed_makes_the_same_calendar(settings):
    settings.DEBUG = True
    DistrictFactory.create_batch(2)
    OrganisationFactory.create_batch(3)
    call_command("seed_scale_events", events=5, registrations=10, seed=7, stdout=None)
    first = list(Event.objects.order_by("slug").values_list("kind", "capacity"))
    Event.objects.all().delete()
    call_command("seed_scale_events", events=5, registrations=10, seed=7, stdout=None)
    assert list(Event.objects.order_by("slug").values_list("kind", "capacity")) == first


def test_it_refuses_a_production_database_and_a_city_without_districts(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_scale_events", small=True, stdout=None)
    settings.DEBUG = True
    with pytest.raises(CommandError, match="seed the demo city"):
        call_command("seed_scale_events", small=True, stdout=None)
