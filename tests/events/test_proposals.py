"""Organisations propose events of their own; city staff publish them or send them back."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Event
from learningcity.models import Notification
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]
PROPOSE = "/events/propose/"


def proposal(**changes):
    start = TODAY + timedelta(days=12)
    data = {
        "title_es": "Puertas abiertas de la biblioteca",
        "summary_es": "Visitas guiadas y talleres.",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "venue_name": "Biblioteca Central",
        "is_free": "on",
    }
    return {**data, **changes}


def test_bob_proposes_an_event_that_waits_for_staff(client_for, bob, organisation):
    response = client_for(bob).post(PROPOSE, proposal(organisation=organisation.pk))

    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.status, event.created_by) == ("proposed", bob)
    assert list(event.organisers.all()) == [organisation]
    assert event not in Event.objects.public()
    assert client_for(bob).get(event.get_absolute_url()).status_code == 200


def test_a_proposal_with_an_end_before_its_start_comes_back_with_what_was_typed(
    client_for, bob, organisation
):
    data = proposal(organisation=organisation.pk, ends_at=(TODAY).strftime("%Y-%m-%dT%H:%M"))

    response = client_for(bob).post(PROPOSE, data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Puertas abiertas de la biblioteca" in response.content.decode()
    assert not Event.objects.exists()


def test_only_admins_of_verified_organisations_propose_and_for_their_own(
    client, client_for, alice, bob, organisation
):
    member = UserFactory()
    MembershipFactory(user=member, organisation=organisation, role="member")
    other = OrganisationFactory()
    assert client_for(alice).get(PROPOSE).status_code == 403
    assert client_for(member).get(PROPOSE).status_code == 403
    client.logout()
    assert client.get(PROPOSE).status_code == 302
    response = client_for(bob).post(PROPOSE, proposal(organisation=other.pk))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Event.objects.exists()


def test_staff_publish_a_proposal_and_its_proposer_hears_of_it(client_for, sam, bob):
    event = EventFactory(status="proposed", created_by=bob, title="Puertas abiertas")
    client = client_for(sam)
    assert "Puertas abiertas" in client.get(reverse("events:proposals")).content.decode()

    client.post(reverse("events:review", args=[event.slug]), {"decision": "publish"})

    event.refresh_from_db()
    assert event.status == "published"
    assert Notification.objects.get(recipient=bob).kind == "events.proposal_reviewed"


def test_sending_back_needs_a_message_and_makes_a_draft(client_for, sam, bob):
    event = EventFactory(status="proposed", created_by=bob)
    client = client_for(sam)
    url = reverse("events:review", args=[event.slug])

    client.post(url, {"decision": "return", "message": " "})
    event.refresh_from_db()
    assert event.status == "proposed"

    client.post(url, {"decision": "return", "message": "Falta la dirección."})
    event.refresh_from_db()
    assert event.status == "draft"
    assert "Falta la dirección." in Notification.objects.get(recipient=bob).text


def test_bob_revises_a_proposal_sent_back_and_it_waits_for_staff_again(
    client_for, sam, bob, organisation
):
    client_for(bob).post(PROPOSE, proposal(organisation=organisation.pk))
    event = Event.objects.get()
    client_for(sam).post(
        reverse("events:review", args=[event.slug]),
        {"decision": "return", "message": "Falta la dirección."},
    )
    client = client_for(bob)
    revise = reverse("events:revise", args=[event.slug])
    assert "Falta la dirección." in client.get(event.get_absolute_url()).content.decode()
    assert revise in client.get(event.get_absolute_url()).content.decode()
    assert "Falta la dirección." in client.get(revise).content.decode()

    response = client.post(revise, proposal(address="Calle Hidalgo 12", is_free="", price="50.00"))

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.address, event.is_free) == ("proposed", "Calle Hidalgo 12", False)
    assert event.review_message == ""
    assert list(event.organisers.all()) == [organisation]
    assert "Puertas abiertas" in client_for(sam).get(reverse("events:proposals")).content.decode()


def test_a_revision_with_an_end_before_its_start_changes_nothing(client_for, bob, organisation):
    event = EventFactory(
        status="draft", proposed_at=TODAY, organisers=[organisation], title="Puertas abiertas"
    )
    before = event.ends_at
    data = proposal(title_es="Otro título", ends_at=TODAY.strftime("%Y-%m-%dT%H:%M"))

    response = client_for(bob).post(reverse("events:revise", args=[event.slug]), data)

    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors
    assert "Otro título" in response.content.decode()
    event.refresh_from_db()
    assert (event.title, event.status, event.ends_at) == ("Puertas abiertas", "draft", before)


def test_only_the_proposing_organisation_revises_and_only_an_open_proposal(
    client, client_for, bob, organisation
):
    member = UserFactory()
    MembershipFactory(user=member, organisation=organisation, role="member")
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=OrganisationFactory(), role="admin")
    sent_back = EventFactory(status="draft", proposed_at=TODAY, organisers=[organisation])
    url = reverse("events:revise", args=[sent_back.slug])
    assert client_for(member).get(url).status_code == 403
    assert client_for(stranger).post(url, proposal()).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    # Published, or a draft of staff's own that the organisation co-organises: not its proposal.
    for event in [
        EventFactory(status="published", proposed_at=TODAY, organisers=[organisation]),
        EventFactory(status="draft", organisers=[organisation]),
    ]:
        response = client_for(bob).post(reverse("events:revise", args=[event.slug]), proposal())
        assert response.status_code == 403
    sent_back.refresh_from_db()
    assert sent_back.status == "draft"


def test_only_staff_review_proposals(client_for, bob, organisation):
    event = EventFactory(status="proposed", organisers=[organisation])
    client = client_for(bob)

    assert client.get(reverse("events:proposals")).status_code == 403
    response = client.post(reverse("events:review", args=[event.slug]), {"decision": "publish"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == "proposed"


def test_staff_find_the_proposals_in_their_inbox(client_for, sam):
    EventFactory(status="proposed", title="Puertas abiertas")

    page = client_for(sam).get(reverse("inbox")).content.decode()

    assert "Puertas abiertas" in page
    assert reverse("events:proposals") in page


def test_an_event_cannot_take_the_address_of_a_calendar_page(sam):
    from events import services

    event = services.event_save(
        event=Event(
            title_es="Propose",
            starts_at=TODAY + timedelta(days=1),
            ends_at=TODAY + timedelta(days=2),
        ),
        by=sam,
    )
    assert event.slug == "propose-evento"
