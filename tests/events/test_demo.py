from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, EventSeries, city_zone

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_festival_a_conference_a_monthly_series_and_past_events_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (Event.objects.count(), EventSeries.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Event.objects.count(), EventSeries.objects.count()) == counts

    now = timezone.now()
    coming = Event.objects.public().upcoming()
    festival = Event.objects.get(slug="festival-del-aprendizaje")
    assert festival in coming
    assert festival.organisers.count() == 3
    assert festival.title_en == "Learning Festival"
    assert coming.filter(kind="conference").exists()
    assert Event.objects.public().past().count() >= 3
    series = EventSeries.objects.get(slug="sabado-de-aprender")
    assert series.events.filter(starts_at__gt=now + timedelta(days=120)).exists()
    zone = city_zone()
    days = {timezone.localtime(e.starts_at, zone).weekday() for e in series.events.all()}
    assert days == {5}
    assert Event.objects.filter(is_free=False).exists()
    conference = Event.objects.get(slug="conferencia-ciudades-que-aprenden")
    assert conference.sessions.count() >= 4
    assert conference.sessions.filter(speakers__partner_city__name="Medellín").exists()
    assert Event.objects.public().past().filter(coverage__isnull=False).exists()
    assert conference.invited_cities.count() == 3
    assert festival.plan_actions.exists()
    assert festival.exhibitors.filter(status="accepted").count() == 20
    sent_back = Event.objects.get(slug="puertas-abiertas-biblioteca-central")
    assert (sent_back.status, sent_back.revisable) == ("draft", True)
    assert sent_back.review_message
