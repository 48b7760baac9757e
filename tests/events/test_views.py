import json
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from events.models import Event
from learningcity.models import AccessibilityFeature
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]
CALENDAR = "/events/"


def titles(response):
    """The titles listed, in their order: from the page when it came kept rendered."""
    if response.context is not None and "page" in response.context:
        return [event.title for event in response.context["page"].object_list]
    return re.findall(r'<h3><a href="[^"]*/events/[^"]*"[^>]*>([^<]*)</a></h3>',
                      response.content.decode())  # fmt: skip


@pytest.fixture
def calendar_rendered(settings):
    """Every calendar rendered, none kept: the queries of rendering one are counted."""
    settings.EVENTS_CALENDAR_KEPT = False


def test_the_calendar_shows_coming_public_events_soonest_first(client):
    EventFactory(title="Más tarde", starts_at=TODAY + timedelta(days=20))
    EventFactory(title="Pronto", starts_at=TODAY + timedelta(days=2))
    EventFactory(title="Ya pasó", starts_at=TODAY - timedelta(days=2))
    EventFactory(title="Borrador", status=Event.Status.DRAFT)
    EventFactory(title="Propuesto", status=Event.Status.PROPOSED)

    response = client.get(CALENDAR)

    assert titles(response) == ["Pronto", "Más tarde"]


def test_the_archive_shows_past_events_latest_first(client):
    EventFactory(title="Hace mucho", starts_at=TODAY - timedelta(days=300))
    EventFactory(title="Hace poco", starts_at=TODAY - timedelta(days=3))
    EventFactory(title="Pronto")

    response = client.get(reverse("events:archive"))

    assert titles(response) == ["Hace poco", "Hace mucho"]


def test_a_cancelled_event_stays_on_the_calendar_marked_cancelled(client):
    EventFactory(title="Suspendido", status=Event.Status.CANCELLED)

    page = client.get(CALENDAR).content.decode()

    assert "Suspendido" in page
    assert "status-cancelled" in page


def test_the_calendar_filters_by_kind_district_price_dates_and_accessibility(client):
    centro = DistrictFactory(slug="centro-x")
    loop = AccessibilityFeature.objects.get(slug="hearing-loop")
    step_free = AccessibilityFeature.objects.get(slug="step-free")
    EventFactory(
        title="Festival accesible",
        kind="festival",
        district=centro,
        accessibility_features=[loop, step_free],
        starts_at=TODAY + timedelta(days=5),
    )
    EventFactory(
        title="Taller con precio",
        is_free=False,
        price=Decimal("50"),
        accessibility_features=[loop],
        starts_at=TODAY + timedelta(days=40),
    )

    def filtered(**query):
        return titles(client.get(CALENDAR, query))

    assert filtered(kind="festival") == ["Festival accesible"]
    assert filtered(district=centro.pk) == ["Festival accesible"]
    assert filtered(price="paid") == ["Taller con precio"]
    assert filtered(price="free") == ["Festival accesible"]
    assert filtered(accessibility=["hearing-loop", "step-free"]) == ["Festival accesible"]
    assert filtered(accessibility="hearing-loop") == ["Festival accesible", "Taller con precio"]
    until = (TODAY + timedelta(days=10)).date().isoformat()
    assert filtered(end=until) == ["Festival accesible"]
    since = (TODAY + timedelta(days=30)).date().isoformat()
    assert filtered(start=since) == ["Taller con precio"]


@pytest.mark.parametrize(
    "query",
    [{"start": "not-a-date"}, {"kind": "party"}, {"district": "99999999999999999999"}],
)
def test_bad_filters_re_render_the_calendar_with_a_message(client, query):
    EventFactory(title="Pronto")

    response = client.get(CALENDAR, query)

    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert 'class="errorlist' in response.content.decode()


def test_the_calendar_makes_as_many_queries_for_many_events_as_for_one(client, calendar_rendered):
    district = DistrictFactory()
    loop = AccessibilityFeature.objects.get(slug="hearing-loop")

    def add_rows(count):
        return [
            EventFactory(district=district, accessibility_features=[loop]).title
            for _ in range(count)
        ]

    assert_constant_queries(client, CALENDAR, add_rows)
    assert_constant_queries(client, CALENDAR + "?accessibility=hearing-loop", add_rows)


def test_the_event_page_makes_as_many_queries_for_many_organisers_as_for_one(client):
    event = EventFactory(title="Festival")

    def add_rows(count):
        organisations = [OrganisationFactory() for _ in range(count)]
        event.organisers.add(*organisations)
        return [organisation.name for organisation in organisations]

    assert_constant_queries(client, event.get_absolute_url(), add_rows)


def json_ld(page):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_the_event_page_shows_the_programme_venue_map_organisers_and_calendar_link(client):
    organiser = OrganisationFactory(name="Museo de la Ciudad")
    event = EventFactory(
        title="Festival del Aprendizaje",
        description_es="10:00 Apertura\n11:00 Talleres",
        latitude=Decimal("19.700000"),
        longitude=Decimal("-101.190000"),
        online_url="https://example.org/vivo",
        organisers=[organiser],
    )

    page = client.get(event.get_absolute_url()).content.decode()

    assert "10:00 Apertura" in page
    assert "data-place-map" in page
    assert 'data-lat="19.700000"' in page
    assert "Museo de la Ciudad" in page
    assert 'href="https://example.org/vivo"' in page
    assert f'href="/events/{event.slug}.ics"' in page
    data = json_ld(page)
    assert data["@type"] == "Event"
    assert data["name"] == "Festival del Aprendizaje"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["organizer"][0]["name"] == "Museo de la Ciudad"
    assert data["location"][0]["geo"]["latitude"] == 19.7


def test_the_json_ld_cannot_be_closed_by_a_title(client):
    event = EventFactory(title="</script><script>alert(1)</script>")

    page = client.get(event.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_a_paid_event_offers_its_price_in_the_city_currency(client, city):
    event = EventFactory(is_free=False, price=Decimal("150.00"))

    data = json_ld(client.get(event.get_absolute_url()).content.decode())

    assert data["offers"]["price"] == "150.00"
    assert data["offers"]["priceCurrency"] == "MXN"
    assert data["isAccessibleForFree"] is False


def test_a_draft_is_hidden_from_the_public_and_shown_to_its_organisers_and_staff(
    client, client_for, alice, bob, organisation, sam
):
    draft = EventFactory(status=Event.Status.DRAFT, organisers=[organisation])

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client_for(alice).get(draft.get_absolute_url()).status_code == 404
    assert client_for(bob).get(draft.get_absolute_url()).status_code == 200
    assert client_for(sam).get(draft.get_absolute_url()).status_code == 200


def test_the_event_page_reads_in_english_under_en(client):
    event = EventFactory(title_es="Día de la lectura", title_en="Reading Day")

    page = client.get("/en" + event.get_absolute_url()).content.decode()

    assert "<h1>Reading Day</h1>" in page


def test_the_organisation_page_lists_its_coming_events_but_not_its_drafts(client, organisation):
    EventFactory(title="Feria del libro", organisers=[organisation])
    EventFactory(title="Borrador secreto", organisers=[organisation], status=Event.Status.DRAFT)
    EventFactory(title="De otra organización")

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert "Feria del libro" in page
    assert "Borrador secreto" not in page
    assert "De otra organización" not in page


def test_the_organisation_page_keeps_its_query_count_with_many_events(client, organisation):
    def add_rows(count):
        return [EventFactory(organisers=[organisation]).title for _ in range(count)]

    assert_constant_queries(client, organisation.get_absolute_url(), add_rows)


def test_a_conference_shows_its_sessions_day_by_day_with_partner_city_speakers(client, city):
    from datetime import datetime

    from events.models import Session, Speaker
    from stakeholders.models import PartnerCity

    start = datetime.fromisoformat("2026-12-10T09:00:00-06:00")
    event = EventFactory(
        kind="conference", starts_at=start, ends_at=start + timedelta(days=1, hours=9)
    )
    medellin = PartnerCity.objects.create(
        name="Medellín", country="Colombia", scope="international", agreement="twinning",
        since="2022-05-10",
    )  # fmt: skip
    carolina = Speaker.objects.create(name="Carolina Mejía", partner_city=medellin)
    for day, title in [(1, "Mesas de trabajo"), (0, "Panel de ciudades")]:
        session = Session.objects.create(
            event=event,
            title=title,
            starts_at=start + timedelta(days=day, hours=1),
            ends_at=start + timedelta(days=day, hours=2),
            room="Sala 2",
        )
        session.speakers.add(carolina)

    response = client.get(event.get_absolute_url())

    days = response.context["schedule"]
    assert [(day.isoformat(), [s.title for s in sessions]) for day, sessions in days] == [
        ("2026-12-10", ["Panel de ciudades"]),
        ("2026-12-11", ["Mesas de trabajo"]),
    ]
    page = response.content.decode()
    assert "Carolina Mejía" in page
    assert "Medellín" in page


def test_a_session_outside_the_events_dates_is_refused():
    from django.core.exceptions import ValidationError

    from events.models import Session

    event = EventFactory()
    session = Session(
        event=event,
        title="Tarde",
        starts_at=event.ends_at,
        ends_at=event.ends_at + timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        session.full_clean()


def test_the_event_page_keeps_its_query_count_with_many_sessions(client):
    from events.models import Session, Speaker

    event = EventFactory(ends_at=TODAY + timedelta(days=11))
    speaker = Speaker.objects.create(name="Ana")

    def add_rows(count):
        titles = []
        for number in range(count):
            session = Session.objects.create(
                event=event,
                title=f"Sesión {Session.objects.count()}-{number}",
                starts_at=event.starts_at,
                ends_at=event.starts_at + timedelta(hours=1),
            )
            session.speakers.add(speaker)
            titles.append(session.title)
        return titles

    assert_constant_queries(client, event.get_absolute_url(), add_rows)


def test_the_event_page_lists_its_media_coverage(client):
    from datetime import date

    from events.models import MediaCoverage

    event = EventFactory(starts_at=TODAY - timedelta(days=10))
    MediaCoverage.objects.create(
        event=event,
        outlet="El Diario",
        title="La ciudad aprende",
        published_on=date(2026, 11, 16),
        url="https://example.org/nota",
    )

    page = client.get(event.get_absolute_url()).content.decode()

    assert "La ciudad aprende" in page
    assert 'href="https://example.org/nota"' in page


def test_the_event_page_names_invited_partner_cities_and_the_actions_in_force_it_serves(client):
    from stakeholders.models import PartnerCity
    from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory

    old = ActionFactory(
        objective=ObjectiveFactory(plan=ActionPlanFactory(status="superseded")),
        title="Bibliotecas abiertas (versión anterior)",
    )
    in_force = ActionFactory(
        objective=ObjectiveFactory(plan=ActionPlanFactory(status="adopted")),
        title="Bibliotecas abiertas",
        lineage_key=old.lineage_key,
    )
    medellin = PartnerCity.objects.create(
        name="Medellín", country="Colombia", scope="international", agreement="twinning",
        since="2022-05-10",
    )  # fmt: skip
    event = EventFactory()
    event.plan_actions.add(old)
    event.invited_cities.add(medellin)

    response = client.get(event.get_absolute_url())

    assert response.context["plan_actions"] == [in_force]
    page = response.content.decode()
    assert in_force.get_absolute_url() in page
    assert "Medellín (Colombia)" in page


def calendar_reads(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured if "events_event" in q["sql"]], response


@pytest.mark.parametrize("url", [CALENDAR, "/events/past/", CALENDAR + "?price=free&page=1"])
def test_a_calendar_asked_again_is_answered_from_the_cache(client, url):
    EventFactory(title="Pronto", starts_at=TODAY + timedelta(days=2))
    EventFactory(title="Ya pasó", starts_at=TODAY - timedelta(days=2))

    first, response = calendar_reads(client, url)
    again, response_again = calendar_reads(client, url)

    assert first and not again
    assert titles(response) == titles(response_again) != []


def test_the_kept_calendar_is_kept_per_language(client):
    EventFactory(title_es="Pronto", title_en="Soon", starts_at=TODAY + timedelta(days=2))

    assert titles(client.get(CALENDAR)) == ["Pronto"]
    assert titles(client.get("/en" + CALENDAR)) == ["Soon"]
    assert titles(client.get(CALENDAR)) == ["Pronto"]
    assert "Filter events" in client.get("/en" + CALENDAR).content.decode()


def test_an_event_leaves_the_kept_calendar_when_it_ends(client):
    EventFactory(title="Pronto", starts_at=TODAY + timedelta(hours=1))  # ends in 3 hours
    EventFactory(title="Mañana", starts_at=TODAY + timedelta(days=1))
    assert titles(client.get(CALENDAR)) == ["Pronto", "Mañana"]
    assert titles(client.get(CALENDAR)) == ["Pronto", "Mañana"]  # from the cache

    with time_machine.travel(TODAY + timedelta(hours=3, seconds=1)):
        assert titles(client.get(CALENDAR)) == ["Mañana"]
        assert titles(client.get("/events/past/"))[0] == "Pronto"


def test_a_change_made_through_the_services_shows_in_the_kept_calendar(
    client, sam, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Pronto", starts_at=TODAY + timedelta(days=2))
    assert titles(client.get(CALENDAR)) == ["Pronto"]

    # A row changed behind the services' back: the kept calendar does not know.
    Event.objects.filter(pk=event.pk).update(title="Pronto, cambiado")
    assert titles(client.get(CALENDAR)) == ["Pronto"]
    with django_capture_on_commit_callbacks(execute=True):
        services.events_data_changed()
    assert titles(client.get(CALENDAR)) == ["Pronto, cambiado"]


@pytest.mark.parametrize("query", [{"kind": "party"}, {"colour": "blue"}, {"page": "99"}])
def test_junk_calendars_are_rendered_but_not_kept(client, query):
    EventFactory(title="Pronto")

    first, _response = calendar_reads(client, CALENDAR + "?" + urlencode(query))
    again, _response = calendar_reads(client, CALENDAR + "?" + urlencode(query))

    assert first and again
