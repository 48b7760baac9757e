"""Places in capacity-building workshops: organisation members ask for one, a full workshop keeps
a waiting list, and a freed place goes to whoever asked first (learningcity.capacity)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learningcity import capacity
from learningcity.models import AuditEntry, Notification, OutgoingEmail
from planning import services
from planning.models import WorkshopParticipation
from tests.admin_forms import change_form_data
from tests.planning.factories import WorkshopFactory, WorkshopParticipationFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, SectorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

CONFIRMED = WorkshopParticipation.Status.CONFIRMED
WAITLISTED = WorkshopParticipation.Status.WAITLISTED
CANCELLED = WorkshopParticipation.Status.CANCELLED


def upcoming(**kwargs):
    return WorkshopFactory(starts_at=timezone.now() + timedelta(days=10), **kwargs)


def ask(workshop, organisation, by=None):
    return services.workshop_request_place(workshop=workshop, organisation=organisation, by=by)


def test_two_claims_for_the_last_place_one_is_confirmed_the_other_waits(monkeypatch):
    """Two admins press the button at the same moment for the last place. The lock on the
    workshop's row serialises them: whoever gets it second waits until the first has confirmed
    its place and committed, and only then counts. The test makes the first claim finish
    exactly while the second waits for the lock; a helper counting before it locks would see
    the place free and confirm both."""
    workshop = upcoming(capacity=2)
    WorkshopParticipationFactory(workshop=workshop, attended=False)
    first, second = OrganisationFactory(), OrganisationFactory()
    participations = WorkshopParticipation.objects.filter(workshop=workshop)
    real_lock = capacity.lock
    early = WorkshopParticipation(workshop=workshop, organisation=first)
    waiting_for_the_lock = []

    def lock_granted_after_the_first_claim(parent):
        if not waiting_for_the_lock:
            waiting_for_the_lock.append(True)
            capacity.claim(parent=workshop, participations=participations, participation=early)
        return real_lock(parent)

    monkeypatch.setattr(capacity, "lock", lock_granted_after_the_first_claim)
    late = capacity.claim(
        parent=workshop,
        participations=participations,
        participation=WorkshopParticipation(workshop=workshop, organisation=second),
    )
    assert early.status == CONFIRMED
    assert late.status == WAITLISTED
    assert participations.filter(status=CONFIRMED).count() == 2


def test_a_freed_place_goes_to_the_waiting_list_in_the_order_it_asked(bob, organisation):
    workshop = upcoming(capacity=1)
    ask(workshop, organisation, by=bob)
    later, earlier, earliest = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for offset, waiting in ((3, later), (2, earlier), (1, earliest)):
        participation = ask(workshop, waiting)
        assert participation.status == WAITLISTED
        participation.requested_at = timezone.now() - timedelta(hours=offset * 10)
        participation.save(update_fields=["requested_at"])
    # earliest asked first although it was saved last.
    WorkshopParticipation.objects.filter(organisation=earliest).update(
        requested_at=timezone.now() - timedelta(days=5)
    )

    promoted = services.workshop_cancel_place(workshop=workshop, organisation=organisation, by=bob)

    assert [p.organisation for p in promoted] == [earliest]
    statuses = dict(workshop.participations.values_list("organisation__name", "status"))
    assert statuses == {
        organisation.name: CANCELLED,
        earliest.name: CONFIRMED,
        later.name: WAITLISTED,
        earlier.name: WAITLISTED,
    }
    assert AuditEntry.objects.filter(action="planning.workshop_fill_places").exists()


def test_raising_the_number_of_places_promotes_the_waiting_list(sam):
    workshop = upcoming(capacity=1)
    first, second, third = (OrganisationFactory() for _ in range(3))
    for organisation in (first, second, third):
        ask(workshop, organisation)
    workshop.capacity = 2
    workshop.save()
    promoted = services.workshop_fill_places(workshop=workshop, by=sam)
    assert [p.organisation for p in promoted] == [second]
    assert workshop.participations.get(organisation=third).status == WAITLISTED


def test_an_empty_number_of_places_means_no_limit():
    workshop = upcoming(capacity=None)
    statuses = {ask(workshop, OrganisationFactory()).status for _ in range(30)}
    assert statuses == {CONFIRMED}


def test_invited_organisations_hold_confirmed_places():
    """Staff's invitations (added in the administration) count as confirmed places."""
    workshop = upcoming(capacity=1)
    WorkshopParticipationFactory(workshop=workshop, attended=False)
    assert ask(workshop, OrganisationFactory()).status == WAITLISTED


def test_an_organisation_admin_asks_for_a_place_and_gives_it_up(client_for, bob, organisation):
    workshop = upcoming(capacity=3, topic="Ciudades que aprenden")
    client = client_for(bob)
    page = client.get(reverse("planning:workshops")).content.decode()
    assert "Pedir plaza para Biblioteca Central" in page
    url = reverse("planning:workshop-place", args=[workshop.pk])

    response = client.post(url, {"organisation": organisation.pk}, follow=True)
    assert workshop.participations.get().status == CONFIRMED
    assert "Biblioteca Central tiene plaza en" in response.content.decode()
    client.post(url, {"organisation": organisation.pk})
    assert workshop.participations.count() == 1

    client.post(url, {"organisation": organisation.pk, "cancel": "1"})
    assert workshop.participations.get().status == CANCELLED
    client.post(url, {"organisation": organisation.pk})
    assert workshop.participations.get().status == CONFIRMED
    actions = AuditEntry.objects.filter(actor=bob).values_list("action", flat=True)
    assert set(actions) == {"planning.workshop_request_place", "planning.workshop_cancel_place"}


def test_a_member_registers_the_organisation_and_is_told_when_a_place_frees(
    client_for, bob, organisation
):
    workshop = upcoming(capacity=1, topic="Aprender en familia")
    ask(workshop, OrganisationFactory(), by=bob)
    waiting = OrganisationFactory(name="Museo del Agua")
    member = MembershipFactory(organisation=waiting, role="member").user
    client = client_for(member)
    assert (
        "Pedir plaza para Museo del Agua"
        in client.get(reverse("planning:workshops")).content.decode()
    )
    url = reverse("planning:workshop-place", args=[workshop.pk])
    assert client.post(url, {"organisation": waiting.pk}).status_code == 302
    participation = workshop.participations.get(organisation=waiting)
    assert (participation.status, participation.requested_by) == (WAITLISTED, member)
    first = workshop.participations.exclude(organisation=waiting).get().organisation
    services.workshop_cancel_place(workshop=workshop, organisation=first, by=bob)
    assert Notification.objects.filter(kind="planning.workshop_place", recipient=member).exists()


def test_a_person_cannot_register_an_organisation_they_do_not_belong_to(client_for, alice):
    workshop = upcoming(capacity=3)
    other = OrganisationFactory()
    MembershipFactory(organisation=OrganisationFactory(), user=alice)
    url = reverse("planning:workshop-place", args=[workshop.pk])
    assert client_for(alice).post(url, {"organisation": other.pk}).status_code == 403
    assert not workshop.participations.exists()


def test_anonymous_people_are_sent_to_log_in(client, organisation):
    workshop = upcoming(capacity=3)
    url = reverse("planning:workshop-place", args=[workshop.pk])
    response = client.post(url, {"organisation": organisation.pk})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not workshop.participations.exists()


def test_no_place_is_taken_in_a_workshop_that_has_taken_place(client_for, bob, organisation):
    past = WorkshopFactory(starts_at=timezone.now() - timedelta(days=1), capacity=5)
    url = reverse("planning:workshop-place", args=[past.pk])
    response = client_for(bob).post(url, {"organisation": organisation.pk}, follow=True)
    assert "ya se realizó" in response.content.decode()
    assert not past.participations.exists()


def test_staff_see_confirmed_places_and_the_waiting_list(client_for, sam):
    workshop = upcoming(capacity=1)
    ask(workshop, OrganisationFactory(name="Museo de la Ciudad"))
    ask(workshop, OrganisationFactory(name="Escuela Norte"))
    page = client_for(sam).get(reverse("planning:workshops")).content.decode()
    assert "Confirmadas: 1 · en lista de espera: 1" in page
    assert "<li>Escuela Norte</li>" in page
    assert "Quedan 0 plazas de 1." in page


def test_workshops_page_queries_stay_constant_for_an_organisation_admin(client_for, bob):
    def add(n):
        workshops = [upcoming(capacity=1) for _ in range(n)]
        for workshop in workshops:
            for _ in range(2):
                ask(workshop, OrganisationFactory())
        return [workshop.topic for workshop in workshops]

    assert_constant_queries(client_for(bob), reverse("planning:workshops"), add)


def test_staff_raising_the_places_in_the_administration_promote_the_waiting_list(client_for, sam):
    workshop = upcoming(capacity=1)
    workshop.audience_sectors.set([SectorFactory()])
    first, second, third = (OrganisationFactory() for _ in range(3))
    for organisation in (first, second, third):
        ask(workshop, organisation)
    client = client_for(sam)
    url = reverse("admin:planning_workshop_change", args=[workshop.pk])
    response = client.post(url, change_form_data(client.get(url), capacity="2"))
    assert response.status_code == 302
    statuses = dict(workshop.participations.values_list("organisation", "status"))
    assert statuses == {first.pk: CONFIRMED, second.pk: CONFIRMED, third.pk: WAITLISTED}
    assert AuditEntry.objects.filter(action="planning.workshop_fill_places", actor=sam).exists()


def test_the_admins_of_a_promoted_organisation_are_told(bob, organisation):
    workshop = upcoming(capacity=1, topic="Aprender en familia")
    ask(workshop, organisation, by=bob)
    waiting = OrganisationFactory(name="Museo del Agua")
    admin = MembershipFactory(organisation=waiting, role="admin").user
    MembershipFactory(organisation=waiting, role="member")
    ask(workshop, waiting, by=admin)

    services.workshop_cancel_place(workshop=workshop, organisation=organisation, by=bob)

    told = Notification.objects.get(kind="planning.workshop_place")
    assert told.recipient == admin
    assert told.subject == "Museo del Agua tiene plaza en “Aprender en familia”"
    assert told.link.endswith(f"/plan/workshops/#workshop-{workshop.pk}")
    email = OutgoingEmail.objects.get(to=admin.email)
    assert "era la primera en la lista de espera" in email.body
