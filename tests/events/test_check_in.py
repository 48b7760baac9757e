"""Organisers check people in at the door: tap a name, or type the code of the e-mail."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events import services
from learningcity.models import AuditEntry
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]


@pytest.fixture
def event(organisation):
    # Today, in the city: the door is open.
    event = EventFactory(title="Club", slug="club", starts_at=TODAY + timedelta(hours=2))
    event.organisers.add(organisation)
    return event


def url(event):
    return reverse("events:check-in", args=[event.slug])


def test_bob_checks_ana_in_with_a_tap_and_the_audit_says_who(client_for, bob, event):
    ana = RegistrationFactory(event=event, name="Ana")
    client = client_for(bob)

    response = client.post(url(event) + "?q=an", {"registration": ana.pk})

    assert response.status_code == 302
    assert response.url == url(event) + "?q=an"
    ana.refresh_from_db()
    assert ana.checked_in_at is not None
    assert AuditEntry.objects.get(action="events.registration_check_in").actor == bob
    page = client.get(url(event)).content.decode()
    assert "1 of 1" in page or "1 de 1" in page


def test_with_htmx_a_tap_answers_with_the_desk_and_the_news_for_the_live_region(
    client_for, bob, event
):
    ana = RegistrationFactory(event=event, name="Ana")
    RegistrationFactory(event=event, name="Andrés")
    client = client_for(bob)

    response = client.post(
        "/en" + url(event) + "?q=an", {"registration": ana.pk}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="check-in-desk">')
    assert '<div id="check-in-news" hx-swap-oob="innerHTML">' in page
    assert "Ana is checked in." in page
    assert "1 of 2 confirmed people checked in." in page
    assert 'name="q" value="an" autofocus' in page
    ana.refresh_from_db()
    assert ana.checked_in_at is not None


def test_with_htmx_a_wrong_code_says_why_and_keeps_the_code_box_in_focus(client_for, sam, event):
    response = client_for(sam).post(
        "/en" + url(event), {"code": "NOPE"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="message message-error">No registration for this event' in page
    assert 'maxlength="12" required autofocus' in page


def test_the_code_checks_in_however_it_is_typed_and_only_once(client_for, sam, event):
    ana = RegistrationFactory(event=event, name="Ana")
    client = client_for(sam)

    client.post(url(event), {"code": f" {ana.code[:3].lower()} {ana.code[3:]} "})
    first = ana.__class__.objects.get(pk=ana.pk).checked_in_at
    response = client.post(url(event), {"code": ana.code}, follow=True)

    assert first is not None
    assert ana.__class__.objects.get(pk=ana.pk).checked_in_at == first
    assert "La entrada de Ana ya estaba registrada." in response.content.decode()


def test_a_wrong_code_or_a_waiting_person_is_refused_with_a_message(client_for, sam, event):
    waiting = RegistrationFactory(event=event, name="Eva", status="waitlisted")
    client = client_for(sam)

    response = client.post(url(event), {"code": "ZZZZZZ"}, follow=True)
    assert "ZZZZZZ" in response.content.decode()
    response = client.post(url(event), {"code": waiting.code}, follow=True)
    assert "Eva no tiene un lugar confirmado" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_a_code_no_code_can_be_is_unknown_even_with_a_nul_in_it(client_for, sam, event):
    # PostgreSQL refuses a NUL in a query: the code is judged before it is looked up.
    client = client_for(sam)
    for code in ["AB\x00C", "A-B!", "x" * 500]:
        response = client.post(url(event), {"code": code}, follow=True)
        assert response.status_code == 200
        assert "Ninguna inscripción" in response.content.decode()


def test_check_in_opens_on_the_day_of_the_event(sam):
    tomorrow = EventFactory(starts_at=TODAY + timedelta(days=1))
    ana = RegistrationFactory(event=tomorrow)

    with pytest.raises(Exception, match="día del evento"):
        services.registration_check_in(registration=ana, by=sam)


def test_the_search_finds_by_name_address_or_code(client_for, sam, event):
    ana = RegistrationFactory(event=event, name="Ana Torres", email="ana@example.org")
    RegistrationFactory(event=event, name="Luis Pérez", email="luis@example.org")
    client = client_for(sam)

    def names(query):
        return [r.name for r in client.get(url(event), {"q": query}).context["places"]]

    assert names("torr") == ["Ana Torres"]
    assert names("luis@") == ["Luis Pérez"]
    assert names(ana.code.lower()) == ["Ana Torres"]


def test_only_organisers_open_the_check_in(client, client_for, alice, event, organisation):
    from tests.stakeholders.factories import MembershipFactory, UserFactory

    member = UserFactory()
    MembershipFactory(user=member, organisation=organisation, role="member")
    ana = RegistrationFactory(event=event)
    for person in (alice, member):
        assert client_for(person).get(url(event)).status_code == 403
        assert client_for(person).post(url(event), {"registration": ana.pk}).status_code == 403
    client.logout()
    assert client.get(url(event)).status_code == 302
    ana.refresh_from_db()
    assert ana.checked_in_at is None


def test_a_made_up_registration_id_is_not_found(client_for, sam, event):
    other = RegistrationFactory()
    client = client_for(sam)
    assert client.post(url(event), {"registration": other.pk}).status_code == 404
    assert client.post(url(event), {"registration": "1 OR 1"}).status_code == 404


def test_the_check_in_page_keeps_its_query_count(client_for, sam, event):
    def add_rows(count):
        return [RegistrationFactory(event=event).name for _ in range(count)]

    assert_constant_queries(client_for(sam), url(event), add_rows)
