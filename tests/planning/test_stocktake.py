"""Stock-taking as a member lives it: the form, duplicates and the organisation's own entries."""

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import StocktakeEntry
from tests.planning.factories import StocktakeEntryFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def activity(organisation, **changes):
    data = {
        "organisation": organisation.pk,
        "title": "Club de lectura",
        "description": "Cada sábado.",
        "sector": organisation.sector_id,
    }
    data.update(changes)
    return data


def test_the_form_preselects_the_only_organisation_and_its_sector(client_for, bob, organisation):
    form = client_for(bob).get(reverse("planning:stocktake-new")).context["form"]
    assert form["organisation"].value() == organisation.pk
    assert form["sector"].value() == organisation.sector_id


def test_the_form_preselects_nothing_for_someone_in_two_organisations(
    client_for, bob, organisation
):
    MembershipFactory(user=bob, organisation=OrganisationFactory())
    form = client_for(bob).get(reverse("planning:stocktake-new")).context["form"]
    assert form["organisation"].value() is None
    assert form["sector"].value() is None


@pytest.mark.parametrize("status", ["pending", "accepted"])
@pytest.mark.parametrize("title", ["Club de lectura", "  CLUB DE LECTURA ", "Club de Lectúra"])
def test_an_activity_already_pending_or_accepted_is_refused_with_a_link_to_it(
    client_for, bob, organisation, status, title
):
    existing = StocktakeEntryFactory(
        organisation=organisation, title="Club de lectura", status=status
    )
    response = client_for(bob).post(
        reverse("planning:stocktake-new"), activity(organisation, title=title)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["title"])
    assert "ya" in errors
    link = f'href="{reverse("planning:stocktake")}#entry-{existing.pk}"'
    assert link in errors
    assert link in response.content.decode()
    assert StocktakeEntry.objects.count() == 1


def test_a_rejected_activity_may_be_submitted_again_and_another_organisation_may_share_a_title(
    client_for, bob, organisation
):
    StocktakeEntryFactory(organisation=organisation, title="Club de lectura", status="rejected")
    StocktakeEntryFactory(title="Club de lectura", status="accepted")
    response = client_for(bob).post(reverse("planning:stocktake-new"), activity(organisation))
    assert response.status_code == 302
    assert StocktakeEntry.objects.filter(organisation=organisation, status="pending").exists()


def test_a_member_sees_their_organisations_entries_with_status_and_staff_message(
    client_for, bob, organisation
):
    StocktakeEntryFactory(organisation=organisation, title="Cuentacuentos", status="pending")
    accepted = StocktakeEntryFactory(organisation=organisation, title="Huerto", status="accepted")
    StocktakeEntryFactory(
        organisation=organisation,
        title="Huerto escolar",
        status="merged",
        merged_into=accepted,
        review_message="Es la misma actividad.",
    )
    StocktakeEntryFactory(
        organisation=organisation,
        title="Feria",
        status="rejected",
        review_message="No es una actividad de aprendizaje.",
    )
    page = client_for(bob).get(reverse("planning:stocktake")).content.decode()
    mine = page[page.index("Actividades de su organización") :]
    assert "Cuentacuentos" in mine
    assert "En espera de revisión" in mine
    assert "Huerto escolar" in mine
    assert "Es la misma actividad." in mine
    assert "Feria" in mine
    assert "No es una actividad de aprendizaje." in mine


def test_nobody_else_sees_an_organisations_pending_entries(client_for, alice, organisation):
    StocktakeEntryFactory(organisation=organisation, title="Cuentacuentos", status="pending")
    outsider = MembershipFactory(organisation=OrganisationFactory()).user
    for client in (Client(), client_for(alice)):
        assert "Cuentacuentos" not in client.get(reverse("planning:stocktake")).content.decode()
    other = Client()
    other.force_login(outsider)
    page = other.get(reverse("planning:stocktake")).content.decode()
    assert "Cuentacuentos" not in page


def test_staff_see_the_entries_of_the_organisations_they_belong_to(client_for, sam, organisation):
    MembershipFactory(user=sam, organisation=organisation)
    StocktakeEntryFactory(organisation=organisation, title="Cuentacuentos", status="pending")
    page = client_for(sam).get(reverse("planning:stocktake")).content.decode()
    assert "Cuentacuentos" in page


def test_the_members_list_of_entries_makes_a_constant_number_of_queries(
    client_for, bob, organisation
):
    target = StocktakeEntryFactory(organisation=organisation, title="Destino")

    def add(n):
        entries = StocktakeEntryFactory.create_batch(
            n, organisation=organisation, status="pending"
        ) + StocktakeEntryFactory.create_batch(
            n, organisation=organisation, status="merged", merged_into=target
        )
        return [entry.title for entry in entries]

    assert_constant_queries(client_for(bob), reverse("planning:stocktake"), add)


def test_submitting_and_reviewing_are_in_the_audit_trail(client_for, bob, organisation, sam):
    from learningcity.models import AuditEntry

    client_for(bob).post(reverse("planning:stocktake-new"), activity(organisation))
    entry = StocktakeEntry.objects.get()
    client_for(sam).post(
        reverse("planning:stocktake-decide", args=[entry.pk]), {"decision": "accepted"}
    )
    trail = [(item.actor, item.action, item.changes) for item in AuditEntry.objects.order_by("pk")]
    assert trail == [
        (bob, "planning.stocktake_submit", {}),
        (sam, "planning.stocktake_review", {"status": ["pending", "accepted"]}),
    ]
