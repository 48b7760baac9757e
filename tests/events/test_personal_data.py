"""A person's registrations in "download my data", and what "delete my account" leaves."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from events import services
from events.models import Registration
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory
from tests.learningcity.test_personal_data import tables_holding
from tests.stakeholders.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]


def test_the_download_holds_registrations_with_the_account_and_as_a_guest(client_for, alice):
    services.registration_create(event=EventFactory(title="Club"), user=alice, language="es")
    RegistrationFactory(
        event=EventFactory(title="Festival"), name="Alicia", email="alice@example.org"
    )

    response = client_for(alice).get(reverse("account_personal_data"))

    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = json.dumps(data, ensure_ascii=False)
    assert '"event": "Club"' in text
    assert '"event": "Festival"' in text


def test_deleting_the_account_gives_up_coming_places_and_leaves_no_address(client_for, alice):
    event = EventFactory(title="Club", capacity=1)
    mine = services.registration_create(event=event, user=alice, language="es")
    waiting = RegistrationFactory(event=event, status="waitlisted")
    services.registration_create(
        event=EventFactory(title="Festival"),
        name="Alicia",
        email="ALICE@example.org",
        language="es",
    )
    came = RegistrationFactory(
        event=EventFactory(starts_at=TODAY - timedelta(days=30)),
        name="Alicia",
        email="alice@example.org",
    )

    response = client_for(alice).post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert tables_holding("alice@example.org") == []
    assert tables_holding("Alicia") == []
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    kept = Registration.objects.get(pk=mine.pk)
    assert (kept.status, kept.user) == ("cancelled", None)
    assert Registration.objects.get(pk=came.pk).status == "confirmed"
    assert not Registration.objects.filter(event__title="Festival").holding().exists()
