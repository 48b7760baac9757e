"""Contact persons keep an action up to date: staff or the organisation's admin choose them, they
post progress updates, and staff review those updates when the plan asks for it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learningcity.inbox import inbox_for
from learningcity.models import Notification
from learningcity.personal_data import account_delete, personal_data_export
from planning import services
from planning.models import Action, ActionContact, ActionPlan, ActionRole, ProgressUpdate
from tests.learningcity.test_emails import check
from tests.planning.factories import (
    ActionContactFactory,
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    ObjectiveFactory,
    ProgressUpdateFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

PENDING = ProgressUpdate.Status.PENDING
PUBLISHED = ProgressUpdate.Status.PUBLISHED
RETURNED = ProgressUpdate.Status.RETURNED
UPDATE = {
    "reported_on": "2026-11-20",
    "done": "Abrimos dos espacios más.",
    "next_steps": "El tercero en enero.",
    "obstacles": "",
}


def adopted_action(**plan):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED, **plan)
    return ActionFactory(objective=ObjectiveFactory(plan=plan))


@pytest.fixture
def action(organisation):
    """An action of the adopted plan, led by the Biblioteca Central."""
    item = adopted_action()
    item.lead_organisation = organisation
    item.save()
    ActionRoleFactory(action=item, organisation=organisation, role=ActionRole.Role.LEAD)
    return item


@pytest.fixture
def dora(action):
    """Dora, a member of the Biblioteca Central and contact person of the action."""
    return ActionContactFactory(action=action, person=UserFactory(full_name="Dora Contacto")).person


def _actor(name, action, sam, bob, dora):
    if name == "citizen":
        return UserFactory()
    if name == "lead admin, not a contact person":
        return bob
    if name == "partner member, not a contact person":
        partner = ActionRoleFactory(action=action).organisation
        return MembershipFactory(organisation=partner).user
    if name == "contact person of another action":
        return ActionContactFactory().person
    if name == "contact person who left the organisation":
        dora.memberships.all().delete()
        return dora
    return {"contact person": dora, "staff": sam}[name]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("citizen", 403),
        ("lead admin, not a contact person", 403),
        ("partner member, not a contact person", 403),
        ("contact person of another action", 403),
        ("contact person who left the organisation", 403),
        ("contact person", 302),
        ("staff", 302),
    ],
)
def test_who_may_post_a_progress_update(client_for, action, sam, bob, dora, name, expected):
    user = _actor(name, action, sam, bob, dora)
    client = client_for(user)
    url = reverse("planning:update-new", args=[action.pk])
    assert client.get(url).status_code == (200 if expected == 302 else expected)
    assert client.post(url, UPDATE).status_code == expected
    assert ProgressUpdate.objects.filter(action=action).exists() == (expected == 302)
    edit = client.get(reverse("planning:action-edit", args=[action.pk]))
    assert edit.status_code == (200 if expected == 302 else expected)


def test_anonymous_people_are_sent_to_log_in(client, action):
    response = client.post(reverse("planning:update-new", args=[action.pk]), UPDATE)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_update_waits_for_review_then_staff_approve_it_and_the_public_reads_it(
    client, client_for, action, dora, sam
):
    response = client_for(dora).post(reverse("planning:update-new", args=[action.pk]), UPDATE)
    update = ProgressUpdate.objects.get(action=action)
    assert response["Location"] == update.get_absolute_url()
    assert (update.status, update.organisation, update.author) == (
        PENDING,
        action.lead_organisation,
        dora,
    )
    # Dora's organisation sees it pending review; the public does not see it.
    page = client_for(dora).get(action.get_absolute_url()).content.decode()
    assert "Abrimos dos espacios más." in page and "status-pending" in page
    client.logout()
    assert "Abrimos dos espacios más." not in client.get(action.get_absolute_url()).content.decode()
    # It waits in staff's inbox, and staff approve it.
    [(_provider, entry)] = [s for s in inbox_for(sam) if s[0].key == "progress_updates_to_review"]
    assert entry.count == 1
    response = client_for(sam).post(
        reverse("planning:update-review", args=[update.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == PUBLISHED and update.published_at is not None
    assert Notification.objects.filter(recipient=dora, kind="planning.update_reviewed").exists()
    client.logout()
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Abrimos dos espacios más." in page
    assert "Biblioteca Central" in page
    assert "Dora Contacto" not in page


def test_without_review_the_update_is_public_at_once(client, client_for, dora):
    action = dora.action_contacts.get().action
    plan = action.objective.plan
    services.plan_settings_update(plan=plan, by=None, updates_need_review=False)
    client_for(dora).post(reverse("planning:update-new", args=[action.pk]), UPDATE)
    assert ProgressUpdate.objects.get(action=action).status == PUBLISHED


def test_staff_settings_page_turns_review_off(client_for, sam, action):
    plan = action.objective.plan
    url = reverse("planning:plan-settings", args=[plan.pk])
    assert client_for(sam).get(url).status_code == 200
    response = client_for(sam).post(url, {"quiet_after_days": "90"})
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    assert plan.updates_need_review is False


def test_returning_needs_a_comment_and_the_organisation_corrects_and_sends_again(
    client_for, action, dora, sam
):
    update = services.progress_update_submit(
        update=ProgressUpdate(action=action, done="Algo."),
        by=dora,
        organisation=action.lead_organisation,
    )
    review = reverse("planning:update-review", args=[update.pk])
    response = client_for(sam).post(review, {"decision": "return", "comment": " "})
    assert response.status_code == 400
    update.refresh_from_db()
    assert update.status == PENDING
    client_for(sam).post(review, {"decision": "return", "comment": "Diga cuántas personas."})
    update.refresh_from_db()
    assert (update.status, update.review_message) == (RETURNED, "Diga cuántas personas.")
    [(_provider, entry)] = [s for s in inbox_for(dora) if s[0].key == "progress_updates_returned"]
    assert entry.count == 1
    edit = reverse("planning:update-edit", args=[action.pk, update.pk])
    assert "Diga cuántas personas." in client_for(dora).get(edit).content.decode()
    client_for(dora).post(edit, {**UPDATE, "done": "Algo, con 40 personas."})
    update.refresh_from_db()
    assert (update.status, update.done) == (PENDING, "Algo, con 40 personas.")
    # Sent again, it is no longer open for correction.
    assert client_for(dora).get(edit).status_code == 404


def test_a_reviewed_update_cannot_be_reviewed_again(action, dora, sam):
    update = ProgressUpdateFactory(action=action, status=PUBLISHED)
    with pytest.raises(ValidationError):
        services.progress_update_review(update=update, by=sam, approve=False, comment="No.")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"done": "   "}, "done"),
        ({"reported_on": "2027-01-01"}, "reported_on"),
        ({"reported_on": "no es fecha"}, "reported_on"),
        ({"done": "x" * 10_001}, "done"),
    ],
)
def test_bad_input_is_refused_with_the_reason(client_for, action, dora, change, field):
    response = client_for(dora).post(
        reverse("planning:update-new", args=[action.pk]), {**UPDATE, **change}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


def test_an_update_to_a_superseded_plan_is_refused(client_for, action, dora, sam):
    plan = action.objective.plan
    plan.status = ActionPlan.Status.SUPERSEDED
    plan.save()
    for user in (dora, sam):
        response = client_for(user).post(reverse("planning:update-new", args=[action.pk]), UPDATE)
        assert response.status_code == 409
    with pytest.raises(services.PlanLocked):
        services.progress_update_submit(
            update=ProgressUpdate(action=action, done="x"), by=dora, organisation=None
        )
    assert not ProgressUpdate.objects.exists()


def test_an_update_to_a_draft_is_refused(dora):
    action = dora.action_contacts.get().action
    ActionPlan.objects.filter(pk=action.objective.plan_id).update(status="draft")
    with pytest.raises(services.PlanLocked):
        services.progress_update_submit(
            update=ProgressUpdate(action=action, done="x"), by=dora, organisation=None
        )


def test_a_contact_person_updates_the_phase_but_not_the_structure(client_for, action, dora):
    url = reverse("planning:action-edit", args=[action.pk])
    form = client_for(dora).get(url).context["form"]
    assert form.tracking_only
    data = {
        "version": action.version,
        "title_es": "Otro título",
        "start": "2026-02-01",
        "end": "2029-12-31",
        "phase": Action.Phase.IMPLEMENTATION,
        "weight": "1",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    assert client_for(dora).post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.phase, action.title) == (
        Action.Phase.IMPLEMENTATION,
        "Acción " + action.title.split()[-1],
    )
    # Two contact persons saving at once: the second, from the old version, gets the 409.
    response = client_for(dora).post(url, {**data, "phase": Action.Phase.COMPLETED})
    assert response.status_code == 409
    action.refresh_from_db()
    assert action.phase == Action.Phase.IMPLEMENTATION


def test_the_organisations_admin_chooses_contact_persons_among_its_members(client_for, action, bob):
    carmen = MembershipFactory(organisation=action.lead_organisation).user
    outsider = MembershipFactory().user
    url = reverse("planning:action-contacts", args=[action.pk])
    page = client_for(bob).get(url)
    choices = page.context["form"].fields["membership"].queryset
    assert {m.user for m in choices} == {bob, carmen}
    membership = carmen.memberships.get()
    assert client_for(bob).post(url, {"add": "1", "membership": membership.pk}).status_code == 302
    contact = ActionContact.objects.get(action=action)
    assert (contact.person, contact.chosen_by) == (carmen, bob)
    assert Notification.objects.filter(recipient=carmen, kind="planning.contact_chosen").exists()
    # A member of another organisation cannot be posted in.
    response = client_for(bob).post(url, {"add": "1", "membership": outsider.memberships.get().pk})
    assert response.status_code == 200 and "membership" in response.context["form"].errors
    assert client_for(bob).post(url, {"remove": contact.pk}).status_code == 302
    assert not ActionContact.objects.exists()


@pytest.mark.parametrize(
    "name", ["citizen", "partner member, not a contact person", "contact person"]
)
def test_others_cannot_choose_contact_persons(client_for, action, sam, bob, dora, name):
    user = _actor(name, action, sam, bob, dora)
    url = reverse("planning:action-contacts", args=[action.pk])
    assert client_for(user).get(url).status_code == 403


def test_a_contact_person_must_be_a_member_of_one_of_the_actions_organisations(action, sam):
    stranger = OrganisationFactory()
    person = MembershipFactory(organisation=stranger).user
    with pytest.raises(ValidationError):
        services.action_contact_add(action=action, person=person, organisation=stranger, by=sam)
    with pytest.raises(ValidationError):
        services.action_contact_add(
            action=action, person=UserFactory(), organisation=action.lead_organisation, by=sam
        )


def test_a_new_version_of_the_plan_keeps_the_contact_persons(dora, carol):
    plan = dora.action_contacts.get().action.objective.plan
    draft = services.plan_create_version(plan=plan, by=carol)
    copied = ActionContact.objects.get(action__objective__plan=draft)
    assert copied.person == dora


def test_the_review_queue_makes_as_many_queries_whatever_it_lists(client_for, sam, action):
    def add(count):
        updates = [
            ProgressUpdateFactory(
                action=ActionFactory(objective=action.objective),
                organisation=OrganisationFactory(),
                status=PENDING,
                published_at=None,
            )
            for _ in range(count)
        ]
        return [update.done for update in updates]

    assert_constant_queries(client_for(sam), reverse("planning:updates-review"), add)


def test_the_action_page_shows_updates_in_as_many_queries_whatever_their_number(client, action):
    def add(count):
        return [ProgressUpdateFactory(action=action).done for _ in range(count)]

    assert_constant_queries(client, action.get_absolute_url(), add)


def test_the_public_never_reads_who_set_a_status_by_hand(client, action, dora):
    action.status_override = Action.Status.AT_RISK
    action.status_override_reason = "Falta presupuesto."
    action.status_override_by = dora
    action.save()
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Falta presupuesto." in page and "Dora Contacto" not in page


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_contact_and_review_emails_are_complete_in_the_recipients_language(
    strict_templates, send, city, action, sam, language
):
    carmen = MembershipFactory(
        organisation=action.lead_organisation,
        user=UserFactory(preferred_language=language),
    ).user
    emails = send(
        lambda: services.action_contact_add(
            action=action, person=carmen, organisation=action.lead_organisation, by=sam
        )
    )
    for approve, comment in [(True, ""), (False, "Diga cuántas personas vinieron.")]:
        update = ProgressUpdateFactory(action=action, author=carmen, status=PENDING)
        emails += send(
            lambda update=update, approve=approve, comment=comment: services.progress_update_review(
                update=update, by=sam, approve=approve, comment=comment
            )
        )
    assert len(emails) == 3
    for email in emails:
        check(email, language, city)
    assert "Diga cuántas personas vinieron." in emails[-1].body


def test_a_persons_contacts_and_updates_are_in_their_data_and_go_with_the_account(
    action, dora, sam
):
    ProgressUpdateFactory(action=action, author=dora, done="Abrimos la sala.")
    data = personal_data_export(user=dora)
    assert data["action_contacts"][0]["organisation"] == action.lead_organisation.name
    assert data["progress_updates_written"][0]["done"] == "Abrimos la sala."
    account_delete(user=dora, by=dora)
    assert not ActionContact.objects.exists()
    assert ProgressUpdate.objects.get().organisation == action.lead_organisation
