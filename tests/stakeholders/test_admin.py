"""The administration writes through the same services and rules as the site."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from learningcity.models import OutgoingEmail
from stakeholders.models import Membership
from tests.admin_forms import change_form_data
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def change_url(organisation):
    return reverse("admin:stakeholders_organisation_change", args=[organisation.pk])


# --- The outbox ---------------------------------------------------------------------------------


def test_a_coordinator_reading_the_outbox_never_sees_a_password_reset_link(
    client, client_for, alice, carol
):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    email = OutgoingEmail.objects.get(to=alice.email)
    key = re.search(r"/password/reset/key/([^/\s]+)/", email.body).group(1)
    admin = client_for(carol)
    pages = [
        admin.get(reverse("admin:learningcity_outgoingemail_changelist")),
        admin.get(reverse("admin:learningcity_outgoingemail_change", args=[email.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        content = page.content.decode()
        assert key not in content
        assert "/password/reset/key/" not in content
    assert email.subject in pages[1].content.decode()


def test_the_outbox_cannot_be_searched_by_what_the_bodies_say(client, client_for, alice, carol):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    email = OutgoingEmail.objects.get(to=alice.email)
    key = re.search(r"/password/reset/key/([^/\s]+)/", email.body).group(1)
    response = client_for(carol).get(
        reverse("admin:learningcity_outgoingemail_changelist"), {"q": key}
    )
    assert email not in response.context["cl"].result_list


# --- Verification -------------------------------------------------------------------------------


def test_verification_fields_are_read_only_in_the_organisation_admin(client_for, sam):
    pending = OrganisationFactory(verified=False)
    MembershipFactory(organisation=pending, role="admin")
    client = client_for(sam)
    data = change_form_data(client.get(change_url(pending)), verified="on")
    response = client.post(change_url(pending), data)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert not pending.verified


def test_staff_verify_organisations_from_the_admin_through_the_service(client_for, sam, on_commit):
    pending = OrganisationFactory(verified=False)
    admin = MembershipFactory(organisation=pending, role="admin").user
    with on_commit():
        response = client_for(sam).post(
            reverse("admin:stakeholders_organisation_changelist"),
            {"action": "verify_organisations", "_selected_action": [pending.pk]},
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verified and pending.verified_by == sam and pending.verified_at
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_staff_reject_organisations_from_the_admin_saying_why(client_for, sam, on_commit):
    pending = OrganisationFactory(verified=False)
    admin = MembershipFactory(organisation=pending, role="admin").user
    url = reverse("admin:stakeholders_organisation_changelist")
    chosen = {"action": "reject_organisations", "_selected_action": [pending.pk]}
    client = client_for(sam)
    asking = client.post(url, chosen)
    assert asking.status_code == 200
    assert "reason" in asking.content.decode()
    pending.refresh_from_db()
    assert pending.rejected_at is None
    with on_commit():
        response = client.post(url, {**chosen, "apply": "1", "reason": "Dirección desconocida."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.rejected_at is not None
    assert pending.rejection_reason == "Dirección desconocida."
    assert mail.outbox[0].to == [admin.email]
    assert "Dirección desconocida." in mail.outbox[0].body


def test_renaming_to_a_taken_name_in_the_admin_is_a_form_error(client_for, sam, organisation):
    OrganisationFactory(name="Museo de la Ciudad", slug="museo")
    client = client_for(sam)
    data = change_form_data(client.get(change_url(organisation)), name="museo de la ciudad")
    response = client.post(change_url(organisation), data)
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


# --- Members ------------------------------------------------------------------------------------


def inline_prefix(response):
    return next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Membership
    )


def test_the_membership_inline_cannot_remove_the_last_admin(client_for, sam, bob, organisation):
    client = client_for(sam)
    page = client.get(change_url(organisation))
    prefix = inline_prefix(page)
    response = client.post(
        change_url(organisation), change_form_data(page, **{f"{prefix}-0-DELETE": "on"})
    )
    assert response.status_code == 200
    assert (
        "administrator"
        in str(response.context["inline_admin_formsets"][0].formset.non_form_errors())
        or "administrador" in response.content.decode()
    )
    assert Membership.objects.filter(user=bob, organisation=organisation, role="admin").exists()


def test_the_membership_inline_cannot_demote_the_last_admin(client_for, sam, bob, organisation):
    client = client_for(sam)
    page = client.get(change_url(organisation))
    prefix = inline_prefix(page)
    response = client.post(
        change_url(organisation), change_form_data(page, **{f"{prefix}-0-role": "member"})
    )
    assert response.status_code == 200
    assert Membership.objects.get(user=bob, organisation=organisation).role == "admin"


def test_the_membership_inline_lets_an_admin_go_when_another_stays(
    client_for, sam, bob, organisation
):
    MembershipFactory(organisation=organisation, role="admin")
    client = client_for(sam)
    page = client.get(change_url(organisation))
    prefix = inline_prefix(page)
    position = next(
        index
        for index, form in enumerate(page.context["inline_admin_formsets"][0].formset.forms)
        if form.instance.user == bob
    )
    response = client.post(
        change_url(organisation), change_form_data(page, **{f"{prefix}-{position}-DELETE": "on"})
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=bob, organisation=organisation).exists()


def test_staff_search_people_to_add_as_members(client_for, sam, alice):
    response = client_for(sam).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "stakeholders",
            "model_name": "membership",
            "field_name": "user",
            "term": "alice",
        },
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [result["id"] for result in results] == [str(alice.pk)]
    assert "alice@example.org" in results[0]["text"]


def test_citizens_cannot_search_people(client_for, alice, bob):
    response = client_for(bob).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "stakeholders",
            "model_name": "membership",
            "field_name": "user",
            "term": "a",
        },
    )
    assert response.status_code in {302, 403}


def test_staff_still_cannot_open_the_people_admin(client_for, sam):
    response = client_for(sam).get(reverse("admin:learningcity_user_changelist"))
    assert response.status_code == 403
