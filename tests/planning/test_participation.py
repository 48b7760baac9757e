"""Stakeholders in planning: signing the charter, stock-taking and workshops."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from learningcity.models import Sector
from planning.models import CharterSignature, StocktakeEntry
from tests.planning.factories import (
    CharterFactory,
    StocktakeEntryFactory,
    WorkshopFactory,
    WorkshopParticipationFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_charter_text_is_sanitised_and_shown_with_its_signatories(client):
    charter = CharterFactory(
        text='<p onclick="x()">Hola <script>alert(1)</script><a href="javascript:x">y</a></p>'
    )
    CharterSignature.objects.create(charter=charter, organisation=OrganisationFactory(name="Museo"))
    charter.refresh_from_db()
    assert "script" not in charter.text
    assert "onclick" not in charter.text
    assert "javascript" not in charter.text
    content = client.get(reverse("planning:charter")).content.decode()
    assert "Hola" in content
    assert "Museo" in content


def test_an_organisation_admin_signs_the_charter_once(client_for, bob, organisation):
    CharterFactory()
    client = client_for(bob)
    page = client.get(reverse("planning:charter")).content.decode()
    assert f"?organisation={organisation.pk}" in page
    signing = {"organisation": organisation.pk, "confirm": "on"}
    client.post(reverse("planning:charter-sign"), signing)
    client.post(reverse("planning:charter-sign"), signing)
    signature = CharterSignature.objects.get()
    assert (signature.organisation, signature.signed_by) == (organisation, bob)


def test_nobody_signs_for_an_organisation_they_do_not_administer(client_for, bob, alice):
    CharterFactory()
    other = OrganisationFactory()
    member = MembershipFactory(organisation=other, role="member").user
    for person in (bob, alice, member):
        client = Client()
        client.force_login(person)
        response = client.post(reverse("planning:charter-sign"), {"organisation": other.pk})
        assert response.status_code == 403
    assert not CharterSignature.objects.exists()


def test_an_unpublished_charter_is_not_shown_or_signed(client_for, bob, organisation):
    CharterFactory(published_on=None, title="Borrador de carta")
    assert "Borrador de carta" not in Client().get(reverse("planning:charter")).content.decode()
    client_for(bob).post(reverse("planning:charter-sign"), {"organisation": organisation.pk})
    assert not CharterSignature.objects.exists()


def test_charter_page_makes_a_constant_number_of_queries(client):
    charter = CharterFactory()
    assert_constant_queries(
        client,
        reverse("planning:charter"),
        lambda n: [
            CharterSignature.objects.create(
                charter=charter, organisation=OrganisationFactory()
            ).organisation.name
            for _ in range(n)
        ],
    )


def test_a_member_submits_an_activity_and_staff_accept_it(
    client_for, bob, organisation, sam, django_capture_on_commit_callbacks
):
    client = client_for(bob)
    response = client.post(
        reverse("planning:stocktake-new"),
        {
            "organisation": organisation.pk,
            "title": "Club de lectura",
            "description": "Cada sábado.",
            "sector": organisation.sector_id,
            "reach": "120",
            "since": "2019",
        },
    )
    assert response.status_code == 302
    entry = StocktakeEntry.objects.get()
    assert entry.status == "pending"
    assert "Club de lectura" not in Client().get(reverse("planning:stocktake")).content.decode()

    staff = Client()
    staff.force_login(sam)
    assert "Club de lectura" in staff.get(reverse("planning:stocktake-review")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("planning:stocktake-decide", args=[entry.pk]),
            {"decision": "accepted", "message": "¡Gracias!"},
        )
    entry.refresh_from_db()
    assert (entry.status, entry.reviewed_by) == ("accepted", sam)
    assert mail.outbox[0].to == [bob.email]
    assert "Club de lectura" in Client().get(reverse("planning:stocktake")).content.decode()


def test_nobody_submits_for_an_organisation_they_do_not_belong_to(client_for, alice):
    other = OrganisationFactory()
    response = client_for(alice).post(
        reverse("planning:stocktake-new"),
        {"organisation": other.pk, "title": "X", "description": "Y", "sector": other.sector_id},
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not StocktakeEntry.objects.exists()


def test_bad_stocktake_input_keeps_what_was_typed(client_for, bob, organisation):
    response = client_for(bob).post(
        reverse("planning:stocktake-new"),
        {
            "organisation": organisation.pk,
            "title": "Club",
            "description": "",
            "since": "1492",
            "sector": organisation.sector_id,
        },
    )
    assert response.status_code == 200
    assert {"description", "since"} <= set(response.context["form"].errors)
    assert 'value="Club"' in response.content.decode()


def test_a_rejection_needs_a_message_and_merging_needs_a_target(client_for, sam):
    entry = StocktakeEntryFactory(status="pending")
    client = client_for(sam)
    client.post(reverse("planning:stocktake-decide", args=[entry.pk]), {"decision": "rejected"})
    client.post(reverse("planning:stocktake-decide", args=[entry.pk]), {"decision": "merged"})
    entry.refresh_from_db()
    assert entry.status == "pending"
    target = StocktakeEntryFactory()
    client.post(
        reverse("planning:stocktake-decide", args=[entry.pk]),
        {"decision": "merged", "merge_into": target.pk},
    )
    entry.refresh_from_db()
    assert (entry.status, entry.merged_into) == ("merged", target)


def test_only_staff_review_the_stocktake(client_for, bob):
    entry = StocktakeEntryFactory(status="pending", organisation=bob.memberships.get().organisation)
    client = client_for(bob)
    assert client.get(reverse("planning:stocktake-review")).status_code == 403
    response = client.post(
        reverse("planning:stocktake-decide", args=[entry.pk]), {"decision": "accepted"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == "pending"


def test_the_inventory_filters_by_sector_and_kflc_focus(client):
    from planning.models import KflcFocus

    arts = Sector.objects.get(slug="culture")
    focus = KflcFocus.objects.get(code="2.2")
    mine = StocktakeEntryFactory(title="Cuentacuentos", organisation__sector=arts)
    mine.kflc_focuses.add(focus)
    StocktakeEntryFactory(title="Feria de empleo")
    content = client.get(reverse("planning:stocktake"), {"sector": arts.pk, "kflc": focus.pk})
    assert "Cuentacuentos" in content.content.decode()
    assert "Feria de empleo" not in content.content.decode()


def test_inventory_makes_a_constant_number_of_queries(client):
    assert_constant_queries(
        client,
        reverse("planning:stocktake"),
        lambda n: [entry.title for entry in StocktakeEntryFactory.create_batch(n)],
    )


def test_workshops_show_which_sectors_were_reached(client):
    culture = Sector.objects.get(slug="culture")
    WorkshopParticipationFactory(organisation__sector=culture)
    WorkshopParticipationFactory(
        organisation__sector=Sector.objects.get(slug="health"), attended=False
    )
    response = client.get(reverse("planning:workshops"))
    assert response.context["sectors_reached"] == [culture]
    assert Sector.objects.get(slug="health") in response.context["sectors_not_reached"]


def test_workshops_page_makes_a_constant_number_of_queries(client):
    def add(n):
        workshops = WorkshopFactory.create_batch(n)
        for workshop in workshops:
            workshop.audience_sectors.set(Sector.objects.all()[:3])
            WorkshopParticipationFactory.create_batch(2, workshop=workshop)
        return [workshop.topic for workshop in workshops]

    assert_constant_queries(client, reverse("planning:workshops"), add)


def test_a_member_of_an_attending_organisation_evaluates_the_workshop(
    client_for, bob, organisation
):
    participation = WorkshopParticipationFactory(organisation=organisation)
    url = reverse("planning:workshop-evaluate", args=[participation.pk])
    client = client_for(bob)
    bad = client.post(url, {"rating": "9", "comment": "Muy útil"})
    assert bad.status_code == 200
    assert "rating" in bad.context["form"].errors
    assert client.post(url, {"rating": "5", "comment": "Muy útil"}).status_code == 302
    participation.refresh_from_db()
    assert (participation.rating, participation.comment) == (5, "Muy útil")


def test_others_cannot_evaluate_a_workshop(client_for, alice, bob):
    participation = WorkshopParticipationFactory()
    url = reverse("planning:workshop-evaluate", args=[participation.pk])
    assert client_for(alice).post(url, {"rating": "1"}).status_code == 403
    absent = WorkshopParticipationFactory(
        organisation=bob.memberships.get().organisation, attended=False
    )
    client = Client()
    client.force_login(bob)
    url = reverse("planning:workshop-evaluate", args=[absent.pk])
    assert client.post(url, {"rating": "1"}).status_code == 403


def test_staff_invite_the_organisations_of_a_workshop_once(
    client_for, sam, bob, organisation, django_capture_on_commit_callbacks
):
    participation = WorkshopParticipationFactory(organisation=organisation, attended=False)
    url = reverse("admin:planning_workshop_changelist")
    data = {"action": "send_invitations", "_selected_action": [participation.workshop_id]}
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(sam).post(url, data).status_code == 302
    assert [message.to for message in mail.outbox] == [[bob.email]]
    assert participation.workshop.topic in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        client_for(sam).post(url, data)
    assert len(mail.outbox) == 1
