"""Changing language answers in the language chosen, not the one left behind."""

import pytest
from django.urls import reverse

from tests.stakeholders.factories import UserFactory

pytestmark = pytest.mark.django_db


def messages_on(response):
    return [str(message) for message in response.context["messages"]]


def test_switching_from_spanish_to_english_confirms_in_english(client_for, alice):
    client = client_for(alice)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/plan/"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/en/plan/"
    assert messages_on(response) == ["English is now your language on the portal and in e-mails."]


def test_switching_from_english_to_spanish_confirms_in_spanish(client_for):
    dora = UserFactory(preferred_language="en")
    client = client_for(dora)
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "/en/plan/"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/plan/"
    assert messages_on(response) == [
        "Español es ahora su idioma en el portal y en los correos electrónicos."
    ]


def test_a_visitor_switches_language_without_a_message(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/plan/"}, follow=True
    )
    assert response.request["PATH_INFO"] == "/en/plan/"
    assert messages_on(response) == []


def test_saving_the_profile_in_another_language_confirms_in_that_language(client_for, alice):
    client = client_for(alice)
    response = client.post(
        reverse("account_profile"),
        {"full_name": "Alice Ciudadana", "preferred_language": "en"},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/en/accounts/profile/"
    assert messages_on(response) == ["Your profile was saved."]


def test_saving_the_profile_back_in_spanish_confirms_in_spanish(client_for):
    dora = UserFactory(preferred_language="en")
    response = client_for(dora).post(
        "/en/accounts/profile/",
        {"full_name": "Dora Doe", "preferred_language": "es"},
        follow=True,
    )
    assert response.request["PATH_INFO"] == "/accounts/profile/"
    assert messages_on(response) == ["Se guardó su perfil."]
