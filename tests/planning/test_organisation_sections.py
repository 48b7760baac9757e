"""The organisation's page tells what it does: its actions in the plan (what the reader may
see), its signature of the charter and its accepted stock-taking activities — sections planning
registers, since stakeholders never imports planning — in a constant number of queries."""

from datetime import date

import pytest
from django.utils import timezone

from planning.models import ActionPlan, CharterSignature, StocktakeEntry
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    CharterFactory,
    ObjectiveFactory,
    StocktakeEntryFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import CommitteeTermFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def objective(db):
    return ObjectiveFactory(plan=ActionPlanFactory(status=ActionPlan.Status.ADOPTED))


def page_of(client, organisation):
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_the_actions_it_leads_and_takes_part_in_with_their_status(
    client, organisation, objective
):
    ActionFactory(objective=objective, lead_organisation=organisation, title="Feria del libro")
    ActionRoleFactory(
        action=ActionFactory(objective=objective, title="Lectura en parques", end=date(2026, 3, 1)),
        organisation=organisation,
        responsibilities="Presta los libros.",
    )
    ActionFactory(objective=objective, title="Acción de otros")
    page = page_of(client, organisation)
    assert "Feria del libro" in page
    assert "Lectura en parques" in page
    assert "Presta los libros." in page
    assert "Acción de otros" not in page
    assert 'class="status status-late"' in page  # Lectura en parques ended in March
    assert 'class="status status-on_time"' in page


def test_draft_actions_are_for_staff_only(client, client_for, sam, organisation):
    draft = ObjectiveFactory(plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT))
    ActionFactory(objective=draft, lead_organisation=organisation, title="Acción en borrador")
    assert "Acción en borrador" not in page_of(client, organisation)
    assert "Acción en borrador" in page_of(client_for(sam), organisation)


def test_superseded_copies_of_its_actions_are_left_out(client, organisation, objective):
    old = ObjectiveFactory(plan=ActionPlanFactory(status=ActionPlan.Status.SUPERSEDED))
    ActionFactory(objective=old, lead_organisation=organisation, title="Versión anterior")
    ActionFactory(objective=objective, lead_organisation=organisation, title="Versión vigente")
    page = page_of(client, organisation)
    assert "Versión vigente" in page
    assert "Versión anterior" not in page


def test_the_page_shows_its_signature_of_the_charter_until_withdrawn(client, organisation):
    charter = CharterFactory(title="Carta de Villa Prueba")
    signature = CharterSignature.objects.create(charter=charter, organisation=organisation)
    assert "Carta de Villa Prueba" in page_of(client, organisation)
    signature.withdrawn_at = timezone.now()
    signature.save(update_fields=["withdrawn_at"])
    assert "Carta de Villa Prueba" not in page_of(client, organisation)


def test_only_accepted_stocktake_entries_are_shown(client, organisation):
    StocktakeEntryFactory(organisation=organisation, title="Taller aceptado")
    StocktakeEntryFactory(
        organisation=organisation, title="Taller pendiente", status=StocktakeEntry.Status.PENDING
    )
    page = page_of(client, organisation)
    assert "Taller aceptado" in page
    assert "Taller pendiente" not in page


def test_an_organisation_without_any_of_it_shows_no_empty_sections(client, organisation):
    page = page_of(client, organisation)
    for heading in ("section-plan_actions", "section-charter", "section-stocktake"):
        assert heading not in page


@pytest.mark.parametrize("viewer", ["anonymous", "staff"])
def test_the_organisation_page_makes_a_constant_number_of_queries(
    client, client_for, sam, organisation, objective, viewer
):
    if viewer == "staff":
        client = client_for(sam)
    numbers = iter(range(1000))

    def add(n):
        texts = []
        for _ in range(n):
            number = next(numbers)
            texts.append(
                ActionFactory(
                    objective=objective, lead_organisation=organisation, title=f"Dirige {number}"
                ).title
            )
            role = ActionRoleFactory(
                action__objective=objective,
                action__title=f"Colabora {number}",
                organisation=organisation,
                responsibilities=f"Responsabilidad {number}",
            )
            texts += [role.action.title, role.responsibilities]
            charter = CharterFactory(title=f"Carta {number}")
            CharterSignature.objects.create(charter=charter, organisation=organisation)
            texts.append(charter.title)
            texts.append(
                StocktakeEntryFactory(organisation=organisation, title=f"Actividad {number}").title
            )
            texts.append(
                CommitteeTermFactory(
                    organisation=organisation, seat__title=f"Asiento {number}"
                ).seat.title
            )
        return texts

    assert_constant_queries(client, organisation.get_absolute_url(), add)


def test_a_title_not_yet_in_english_is_marked_as_spanish(client, organisation, objective):
    ActionFactory(objective=objective, lead_organisation=organisation, title="Feria del libro")
    charter = CharterFactory(title="Carta de Villa Prueba")
    CharterSignature.objects.create(charter=charter, organisation=organisation)
    page = client.get("/en" + organisation.get_absolute_url()).content.decode()
    assert '<span lang="es">Feria del libro</span>' in page
    assert '<span lang="es">Carta de Villa Prueba</span>' in page
