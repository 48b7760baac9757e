"""Signing the city charter on an organisation's behalf: what it commits to, confirmed, and
withdrawn when the organisation no longer stands behind it."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from planning import services
from planning.models import CharterSignature
from tests.planning.factories import ActionFactory, CharterFactory
from tests.stakeholders.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charter():
    charter = CharterFactory(
        title="Carta de Villa Esperanza",
        version=3,
        national_strategy="Estrategia Nacional de Educación a lo Largo de la Vida",
        alignment="<p>Cada compromiso corresponde a un eje de la estrategia.</p>",
    )
    charter.actions.add(ActionFactory(title="Clubes de lectura en familia"))
    return charter


def sign_url(organisation):
    return f"{reverse('planning:charter-sign')}?organisation={organisation.pk}"


def signatories(client):
    page = client.get(reverse("planning:charter")).content.decode()
    return page[page.index('id="signatories-heading"') :]


def test_signing_shows_what_the_organisation_commits_to_and_needs_a_confirmation(
    client_for, bob, organisation, charter
):
    client = client_for(bob)
    page = client.get(reverse("planning:charter")).content.decode()
    assert f'href="{sign_url(organisation)}"' in page.replace("&amp;", "&")
    summary = client.get(sign_url(organisation)).content.decode()
    assert "Carta de Villa Esperanza" in summary
    assert "versión 3" in summary
    assert "Clubes de lectura en familia" in summary
    assert "Cada compromiso corresponde a un eje de la estrategia." in summary
    assert "Firmo en nombre de Biblioteca Central" in summary
    with time_machine.travel(date(2026, 4, 2)):
        response = client.post(
            reverse("planning:charter-sign"),
            {"organisation": organisation.pk, "confirm": "on"},
            follow=True,
        )
    signature = CharterSignature.objects.get()
    assert (signature.organisation, signature.signed_by) == (organisation, bob)
    assert signature.signed_on == date(2026, 4, 2)
    assert "Biblioteca Central firmó la carta de la ciudad." in response.content.decode()
    assert "Biblioteca Central" in signatories(Client())


def test_signing_without_the_confirmation_re_renders_with_a_message(
    client_for, bob, organisation, charter
):
    response = client_for(bob).post(
        reverse("planning:charter-sign"), {"organisation": organisation.pk}
    )
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    assert "Clubes de lectura en familia" in response.content.decode()
    assert not CharterSignature.objects.exists()


def test_a_member_who_is_not_an_admin_can_neither_sign_nor_withdraw(
    client_for, organisation, charter, bob
):
    services.charter_sign(charter=charter, organisation=organisation, by=bob)
    member = MembershipFactory(organisation=organisation, role="member").user
    client = client_for(member)
    assert client.get(sign_url(organisation)).status_code == 403
    signing = client.post(
        reverse("planning:charter-sign"), {"organisation": organisation.pk, "confirm": "on"}
    )
    assert signing.status_code == 403
    withdrawing = client.post(
        reverse("planning:charter-withdraw"), {"organisation": organisation.pk}
    )
    assert withdrawing.status_code == 403
    assert CharterSignature.objects.get().withdrawn_at is None


def test_an_admin_withdraws_the_signature_and_signs_again_later(
    client_for, bob, organisation, charter
):
    client = client_for(bob)
    client.post(
        reverse("planning:charter-sign"), {"organisation": organisation.pk, "confirm": "on"}
    )
    response = client.post(
        reverse("planning:charter-withdraw"),
        {"organisation": organisation.pk, "reason": "Cambió la dirección de la biblioteca."},
        follow=True,
    )
    assert "Biblioteca Central retiró su firma de la carta." in response.content.decode()
    withdrawn = CharterSignature.objects.get()
    assert withdrawn.withdrawn_by == bob
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawal_reason == "Cambió la dirección de la biblioteca."
    assert "Biblioteca Central" not in signatories(Client())
    assert "0 firmantes" in signatories(Client())

    client.post(
        reverse("planning:charter-sign"), {"organisation": organisation.pk, "confirm": "on"}
    )
    assert CharterSignature.objects.count() == 2
    assert CharterSignature.objects.get(withdrawn_at__isnull=True).signed_by == bob
    assert "Biblioteca Central" in signatories(Client())


def test_the_services_refuse_signing_twice_and_withdrawing_what_was_not_signed(
    bob, organisation, charter
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.charter_withdraw(charter=charter, organisation=organisation, by=bob)
    services.charter_sign(charter=charter, organisation=organisation, by=bob)
    with pytest.raises(ValidationError):
        services.charter_sign(charter=charter, organisation=organisation, by=bob)
    services.charter_withdraw(charter=charter, organisation=organisation, by=bob, reason="")
    with pytest.raises(ValidationError):
        services.charter_withdraw(charter=charter, organisation=organisation, by=bob)


def test_signing_and_withdrawing_are_in_the_audit_trail(bob, organisation, charter):
    from learningcity.models import AuditEntry

    services.charter_sign(charter=charter, organisation=organisation, by=bob)
    services.charter_withdraw(charter=charter, organisation=organisation, by=bob, reason="Cierre")
    entries = AuditEntry.objects.order_by("pk")
    assert [(entry.actor, entry.action) for entry in entries] == [
        (bob, "planning.charter_sign"),
        (bob, "planning.charter_withdraw"),
    ]
    assert entries.last().changes == {"withdrawal_reason": [None, "Cierre"]}
