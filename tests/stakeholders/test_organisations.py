from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stakeholders.models import Membership, Organisation, OrganisationInvitation
from stakeholders.services import invitation_send
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    from learningcity.models import CityProfile

    profile = CityProfile.objects.current()
    profile.bbox_south, profile.bbox_north = 19, 20
    profile.bbox_west, profile.bbox_east = -102, -101
    profile.map_center_lat, profile.map_center_lon = 19.5, -101.5
    profile.save()
    return profile


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def registration(sector, **changes):
    data = {
        "name": "Casa de la Cultura del Sur",
        "sector": sector.pk,
        "kind": "museum",
        "description_es": "Talleres de música y pintura.",
        "website": "https://casa.example.org",
        "email": "casa@example.org",
        "latitude": "19.5",
        "longitude": "-101.5",
    }
    data.update(changes)
    return data


def test_a_signed_up_person_registers_an_organisation_and_becomes_its_admin(
    client_for, alice, sam, city, on_commit
):
    from learningcity.models import Sector

    sector = Sector.objects.get(slug="culture")
    with on_commit():
        response = client_for(alice).post(reverse("stakeholders:register"), registration(sector))
    organisation = Organisation.objects.get(name="Casa de la Cultura del Sur")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert not organisation.verified
    assert organisation.created_by == alice
    assert Membership.objects.get(organisation=organisation).user == alice
    assert [message.to for message in mail.outbox] == [[sam.email]]
    assert "/stakeholders/verification/" in mail.outbox[0].body


def test_registering_needs_an_account(client):
    response = client.get(reverse("stakeholders:register"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "name",
    ["MUSEO DE LA CIUDAD", "Museo de la Ciudád", "museo  de la ciudad.", "Muséo de la ciudad"],
)
def test_a_duplicate_name_is_refused_with_a_pointer_to_the_existing_one(client_for, alice, name):
    existing = OrganisationFactory(name="Museo de la Ciudad", slug="museo")
    response = client_for(alice).post(
        reverse("stakeholders:register"), registration(existing.sector, name=name, latitude="")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "is already registered" in content or "ya" in content
    assert existing.get_absolute_url() in content
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"website": "not a website"}, "website"),
        ({"email": "casa@"}, "email"),
        ({"latitude": "40.4", "longitude": "-3.7"}, "latitude"),
        ({"latitude": "19.5", "longitude": ""}, "latitude"),
        ({"latitude": "95", "longitude": "-101.5"}, "latitude"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_input_re_renders_the_form_with_errors_and_keeps_what_was_typed(
    client_for, alice, city, changes, field
):
    from learningcity.models import Sector

    data = registration(Sector.objects.get(slug="culture"), **changes)
    response = client_for(alice).post(reverse("stakeholders:register"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Talleres de música y pintura." in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_admin_edits_the_profile(client_for, bob, organisation, city):
    data = registration(organisation.sector, name="Biblioteca Central Renovada")
    response = client_for(bob).post(
        reverse("stakeholders:organisation-edit", args=[organisation.slug]), data
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Biblioteca Central Renovada"
    assert organisation.history.count() == 2


def test_a_stakeholder_cannot_edit_another_organisation(client_for, bob):
    other = OrganisationFactory()
    url = reverse("stakeholders:organisation-edit", args=[other.slug])
    assert client_for(bob).get(url).status_code == 403
    assert client_for(bob).post(url, {"name": "Hijacked"}).status_code == 403
    other.refresh_from_db()
    assert other.name != "Hijacked"


def test_a_plain_member_cannot_edit_or_manage_members(client_for, organisation):
    member = MembershipFactory(organisation=organisation).user
    client = client_for(member)
    assert (
        client.get(reverse("stakeholders:organisation-edit", args=[organisation.slug])).status_code
        == 403
    )
    assert client.get(reverse("stakeholders:members", args=[organisation.slug])).status_code == 403


def test_staff_verify_an_organisation_and_its_admins_are_told(client_for, sam, on_commit):
    pending = OrganisationFactory(verified=False)
    admin = MembershipFactory(organisation=pending, role="admin").user
    client = client_for(sam)
    assert pending.name in client.get(reverse("stakeholders:verification")).content.decode()
    with on_commit():
        response = client.post(
            reverse("stakeholders:verification-decide", args=[pending.slug]), {"verify": "1"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verified and pending.verified_by == sam
    assert mail.outbox[0].to == [admin.email]


def test_rejection_needs_a_reason_and_a_corrected_profile_returns_to_the_queue(
    client_for, sam, city, on_commit
):
    pending = OrganisationFactory(verified=False, latitude=None)
    admin = MembershipFactory(organisation=pending, role="admin").user
    url = reverse("stakeholders:verification-decide", args=[pending.slug])
    client_for(sam).post(url, {"reject": "1", "reason": ""})
    pending.refresh_from_db()
    assert pending.rejected_at is None
    with on_commit():
        client_for(sam).post(url, {"reject": "1", "reason": "No encontramos la dirección."})
    pending.refresh_from_db()
    assert pending.rejected_at is not None
    assert "No encontramos la dirección." in mail.outbox[0].body
    assert (
        pending
        not in client_for(sam).get(reverse("stakeholders:verification")).context["organisations"]
    )
    client = client_for(admin)
    data = registration(pending.sector, name=pending.name, address="Calle 5 de Mayo 12")
    client.post(reverse("stakeholders:organisation-edit", args=[pending.slug]), data)
    pending.refresh_from_db()
    assert pending.rejected_at is None


def test_only_staff_see_the_verification_queue(client_for, alice, bob):
    url = reverse("stakeholders:verification")
    assert client_for(alice).get(url).status_code == 403
    assert client_for(bob).post(url).status_code == 403


def test_a_stakeholder_cannot_verify_their_own_organisation(client_for, bob, organisation):
    organisation.verified = False
    organisation.save()
    url = reverse("stakeholders:verification-decide", args=[organisation.slug])
    assert client_for(bob).post(url, {"verify": "1"}).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.verified


def test_the_admin_invites_a_member_by_email_and_the_link_works_once(
    client_for, bob, organisation, on_commit
):
    with on_commit():
        response = client_for(bob).post(
            reverse("stakeholders:members", args=[organisation.slug]),
            {"email": "Dora@Example.org", "role": "member"},
        )
    assert response.status_code == 302
    invitation = OrganisationInvitation.objects.get()
    assert invitation.email == "dora@example.org"
    assert invitation.get_absolute_url() in mail.outbox[0].body

    dora = UserFactory(email="dora@example.org")
    client = client_for(dora)
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert Membership.objects.get(user=dora).organisation == organisation

    again = client.post(invitation.get_absolute_url(), follow=True)
    assert "already been used" in again.content.decode() or "ya" in again.content.decode()
    assert Membership.objects.filter(user=dora).count() == 1


def test_an_expired_invitation_cannot_be_used(client_for, bob, organisation):
    invitation = invitation_send(
        organisation=organisation, email="dora@example.org", role="member", by=bob
    )
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    dora = UserFactory(email="dora@example.org")
    client_for(dora).post(invitation.get_absolute_url())
    assert not Membership.objects.filter(user=dora).exists()


def test_an_invitation_is_for_the_address_it_was_sent_to(client_for, bob, organisation, alice):
    invitation = invitation_send(
        organisation=organisation, email="dora@example.org", role="admin", by=bob
    )
    client_for(alice).post(invitation.get_absolute_url())
    assert not Membership.objects.filter(user=alice).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_inviting_an_existing_member_is_refused(client_for, bob, organisation):
    response = client_for(bob).post(
        reverse("stakeholders:members", args=[organisation.slug]),
        {"email": bob.email, "role": "member"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_the_last_admin_cannot_leave_or_step_down(client_for, bob, organisation):
    membership = Membership.objects.get(user=bob)
    url = reverse("stakeholders:membership", args=[organisation.slug, membership.pk])
    client_for(bob).post(url, {"remove": "1"})
    client_for(bob).post(url, {"role": "member"})
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_the_admin_promotes_and_removes_members(client_for, bob, organisation):
    member = MembershipFactory(organisation=organisation)
    url = reverse("stakeholders:membership", args=[organisation.slug, member.pk])
    client_for(bob).post(url, {"role": "admin"})
    member.refresh_from_db()
    assert member.role == "admin"
    client_for(bob).post(url, {"remove": "1"})
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_an_admin_cannot_touch_memberships_of_another_organisation(client_for, bob):
    stranger = MembershipFactory()
    url = reverse("stakeholders:membership", args=[stranger.organisation.slug, stranger.pk])
    assert client_for(bob).post(url, {"remove": "1"}).status_code == 403
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_members_page_makes_a_constant_number_of_queries(client_for, bob, organisation):
    def add(n):
        members = MembershipFactory.create_batch(n, organisation=organisation)
        invited = [f"new{number}-{n}@example.org" for number in range(n)]
        for email in invited:
            invitation_send(organisation=organisation, email=email, role="member", by=bob)
        return [membership.user.email for membership in members] + invited

    assert_constant_queries(
        client_for(bob), reverse("stakeholders:members", args=[organisation.slug]), add
    )


def test_verification_queue_makes_a_constant_number_of_queries(client_for, sam):
    assert_constant_queries(
        client_for(sam),
        reverse("stakeholders:verification"),
        lambda n: [
            organisation.name
            for organisation in OrganisationFactory.create_batch(n, verified=False, created_by=sam)
        ],
    )


def test_the_audit_trail_says_which_admin_changed_a_members_role(client_for, bob, organisation):
    from learningcity.models import AuditEntry

    member = MembershipFactory(organisation=organisation)
    url = reverse("stakeholders:membership", args=[organisation.slug, member.pk])
    client_for(bob).post(url, {"role": "admin"})
    entry = AuditEntry.objects.get(action="stakeholders.membership_change")
    assert entry.actor == bob
