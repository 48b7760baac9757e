"""What stakeholders puts in people's inboxes: organisations to verify (city staff), the open
invitations of an organisation (its admins) and invitations to join one (the person invited)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stakeholders.inbox import received_items, sent_items, to_verify_items
from stakeholders.models import OrganisationInvitation
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(entry):
    return [str(item.title) for item in entry.items]


def test_only_staff_are_asked_to_verify_organisations(alice, bob, sam):
    waiting = OrganisationFactory(verified=False, name="Colectivo Nuevo")
    OrganisationFactory(verified=False, rejected_at=timezone.now(), name="Rechazada")
    entry = to_verify_items(sam, 5)
    assert entry.count == 1
    assert titles(entry) == ["Colectivo Nuevo"]
    assert entry.items[0].url.endswith(f"/stakeholders/verification/#organisation-{waiting.slug}")
    assert to_verify_items(alice, 5) is None
    assert to_verify_items(bob, 5) is None


def test_admins_see_their_organisations_open_invitations_and_members_do_not(
    bob, organisation, alice
):
    OrganisationInvitation.objects.create(
        organisation=organisation, email="nueva@example.org", invited_by=bob
    )
    OrganisationInvitation.objects.create(
        organisation=OrganisationFactory(), email="otra@example.org"
    )
    entry = sent_items(bob, 5)
    assert entry.count == 1
    assert titles(entry) == ["nueva@example.org"]
    assert entry.items[0].url.endswith(
        reverse("stakeholders:members", args=[organisation.slug]) + "#invitations"
    )
    member = MembershipFactory(organisation=organisation, role="member").user
    assert sent_items(member, 5) is None
    assert sent_items(alice, 5) is None


def test_an_invitation_waits_for_whoever_confirmed_its_address(alice, organisation):
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email="Alice@Example.org", role="admin"
    )
    entry = received_items(alice, 5)
    assert entry.count == 1
    assert entry.items[0].url == invitation.get_absolute_url()
    assert received_items(UserFactory(), 5).count == 0


def test_an_invitation_to_an_unconfirmed_address_waits_for_nobody(organisation):
    carlos = UserFactory(email="carlos@example.org", verified_email=False)
    OrganisationInvitation.objects.create(organisation=organisation, email="carlos@example.org")
    assert received_items(carlos, 5).count == 0


def test_an_invitation_that_would_change_nothing_waits_for_nobody(bob, organisation):
    """Bob is already the library's admin; a member invited again as a member gains nothing,
    but a member invited as an admin does."""
    OrganisationInvitation.objects.create(organisation=organisation, email=bob.email)
    member = MembershipFactory(organisation=organisation, role="member").user
    OrganisationInvitation.objects.create(organisation=organisation, email=member.email)
    assert received_items(bob, 5).count == 0
    assert received_items(member, 5).count == 0
    OrganisationInvitation.objects.create(
        organisation=organisation, email=member.email.upper(), role="admin"
    )
    assert received_items(member, 5).count == 1


def test_expired_and_accepted_invitations_wait_for_nobody(alice, bob, organisation):
    for changes in (
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"accepted_at": timezone.now()},
    ):
        OrganisationInvitation.objects.create(
            organisation=organisation, email=alice.email, **changes
        )
    assert received_items(alice, 5).count == 0
    assert sent_items(bob, 5).count == 0


def test_the_inbox_lists_a_few_and_counts_them_all(sam):
    OrganisationFactory.create_batch(7, verified=False)
    entry = to_verify_items(sam, 5)
    assert entry.count == 7
    assert len(entry.items) == 5
