import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from learningcity.csv_export import safe_cell
from planning.exports import headers
from planning.models import Action, ActionPlan, ActionRole, KflcFocus, Objective
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def plan():
    return ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED,
        attractive_title="Ciudad que aprende",
        vision="Una ciudad donde todos aprenden.",
        national_alignment="Responde a la estrategia nacional.",
    )


@pytest.fixture
def festival(plan):
    """An action with a lead, two other organisations, and one of two milestones done."""
    objective = ObjectiveFactory(
        plan=plan, theme__title="Lectura", title="Más lectores", term=Objective.Term.LONG
    )
    objective.kflc_focuses.add(*KflcFocus.objects.filter(code__in=["1.1", "2.2"]))
    action = ActionFactory(
        objective=objective,
        title="Festival del libro",
        lead_organisation=OrganisationFactory(name="Biblioteca Central"),
        start=date(2026, 3, 1),
        end=date(2029, 11, 30),
        phase=Action.Phase.IMPLEMENTATION,
    )
    # The lead's own lead role is the lead column already, not an "other" organisation.
    ActionRoleFactory(
        action=action, organisation=action.lead_organisation, role=ActionRole.Role.LEAD
    )
    ActionRoleFactory(
        action=action,
        organisation=OrganisationFactory(name="Museo"),
        role=ActionRole.Role.PARTNER,
        responsibilities="Presta la sala",
    )
    ActionRoleFactory(
        action=action, organisation=OrganisationFactory(name="Radio"), role=ActionRole.Role.FUNDER
    )
    MilestoneFactory(
        action=action, title="Programa listo", due=date(2026, 5, 1), completed_on=date(2026, 4, 20)
    )
    MilestoneFactory(action=action, title="Primera edición", due=date(2029, 10, 1))
    return action


def add_actions(plan):
    def add(n):
        objective = ObjectiveFactory(plan=plan)
        objective.kflc_focuses.add(*KflcFocus.objects.filter(code__in=["1.1", "3.2"]))
        shown = [objective.title]
        for _number in range(n):
            action = ActionFactory(objective=objective)
            MilestoneFactory.create_batch(2, action=action)
            role = ActionRoleFactory(action=action)
            shown += [action.title, role.organisation.name]
        return shown

    return add


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def in_language(language, texts):
    with translation.override(language):
        return [str(text) for text in texts]


def test_the_csv_has_a_header_and_one_row_per_action_with_its_values(client, plan, festival):
    ActionFactory(
        objective=festival.objective,
        title="Talleres de escritura",
        lead_organisation=None,
        end=date(2026, 6, 30),
        manual_progress=33,
    )
    on_hold = ActionFactory(
        objective=ObjectiveFactory(plan=plan, theme=None, title="Sin tema"),
        title="Bibliobús",
        status_override=Action.Status.ON_HOLD,
        status_override_reason="Sin vehículo.",
    )
    MilestoneFactory.create_batch(2, action=on_hold, due=date(2029, 1, 1))
    MilestoneFactory(action=on_hold, due=date(2028, 1, 1), completed_on=date(2027, 1, 1))
    ActionFactory(objective__plan=ActionPlanFactory(), title="Acción de otro plan")

    response = client.get(reverse("planning:plan-csv"))
    rows = read_csv(response)

    assert response["Content-Disposition"] == 'attachment; filename="plan-2026-2030.csv"'
    assert rows[0] == headers()
    assert [row[4] for row in rows[1:]] == [
        "Festival del libro",
        "Talleres de escritura",
        "Bibliobús",
    ]
    with translation.override("es"):
        expected = [
            "Lectura",
            "Más lectores",
            str(Objective.Term.LONG.label),
            "1.1; 2.2",
            "Festival del libro",
            "Biblioteca Central",
            # In the action page's order: by role, then name.
            f"Radio ({ActionRole.Role.FUNDER.label}); Museo ({ActionRole.Role.PARTNER.label})",
            "2026-03-01",
            "2029-11-30",
            str(Action.Phase.IMPLEMENTATION.label),
            str(Action.Status.ON_TIME.label),
            "50",
            "1",
            "2",
            "",
        ]
        assert rows[1] == expected
        assert rows[2][5:7] == ["", ""]
        assert rows[2][10:14] == [str(Action.Status.LATE.label), "33", "0", "0"]
        assert rows[3][:2] == ["", "Sin tema"]
        assert rows[3][10:] == [str(Action.Status.ON_HOLD.label), "33", "1", "3", "Sin vehículo."]


def test_the_csv_opens_in_excel_with_accents_and_windows_line_ends(client, festival):
    content = client.get(reverse("planning:plan-csv")).content
    assert content.startswith(BOM)
    assert content.count(BOM) == 1
    assert content.count(b"\r\n") == 2
    assert b"\n" not in content.replace(b"\r\n", b"")
    assert "Más lectores".encode() in content


def test_a_cell_that_looks_like_a_formula_is_neutralised(client, festival):
    festival.title = '=HYPERLINK("http://evil.example","Clic")'
    festival.save()
    rows = read_csv(client.get(reverse("planning:plan-csv")))
    assert rows[1][4] == '\'=HYPERLINK("http://evil.example","Clic")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_gets_an_apostrophe(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Museo", "2026-03-01", "", "'ya citado", "a=b", 50])
def test_ordinary_cells_are_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    ("url", "language"), [("/plan/export.csv", "es"), ("/en/plan/export.csv", "en")]
)
def test_the_headers_are_in_the_language_of_the_url(client, festival, url, language):
    response = client.get(url)
    assert response["Content-Language"] == language
    with translation.override(language):
        expected = headers()
        role = str(ActionRole.Role.PARTNER.label)
    rows = read_csv(response)
    assert rows[0] == expected
    assert f"Museo ({role})" in rows[1][6]


def test_without_an_adopted_plan_the_exports_are_not_found(client):
    ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    assert client.get(reverse("planning:plan-csv")).status_code == 404
    assert client.get(reverse("planning:plan-print")).status_code == 404


def test_draft_exports_are_hidden_from_the_public_and_shown_to_staff(alice, sam):
    draft_action = ActionFactory(title="Acción en borrador")
    draft = draft_action.objective.plan
    anonymous, citizen, staff = Client(), Client(), Client()
    citizen.force_login(alice)
    staff.force_login(sam)
    for name in ["planning:version-csv", "planning:version-print"]:
        url = reverse(name, args=[draft.pk])
        assert anonymous.get(url).status_code == 404
        assert citizen.get(url).status_code == 404
        response = staff.get(url)
        assert response.status_code == 200
        assert "Acción en borrador" in response.content.decode("utf-8-sig")
    filename = f'attachment; filename="plan-2026-2030-draft-{draft.pk}.csv"'
    assert (
        staff.get(reverse("planning:version-csv", args=[draft.pk]))["Content-Disposition"]
        == filename
    )


def test_an_adopted_version_is_public_at_its_own_address(client, plan, festival):
    for name in ["planning:version-csv", "planning:version-print"]:
        assert client.get(reverse(name, args=[plan.pk])).status_code == 200


def test_the_csv_makes_a_constant_number_of_queries(client, plan):
    assert_constant_queries(client, reverse("planning:plan-csv"), add_actions(plan))


def test_the_print_page_makes_a_constant_number_of_queries(client, plan):
    assert_constant_queries(client, reverse("planning:plan-print"), add_actions(plan))


def test_the_print_page_has_the_whole_plan(client, plan, festival, settings):
    others = ActionFactory.create_batch(3, objective=festival.objective)
    unthemed = ActionFactory(
        objective=ObjectiveFactory(
            plan=plan, theme=None, title="Objetivo sin tema", means_of_evaluation="Encuestas"
        ),
        title="Bibliobús",
        status_override=Action.Status.AT_RISK,
        status_override_reason="Falta un chofer.",
    )
    response = client.get("/en/plan/print/")
    content = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Ciudad que aprende",
        "Una ciudad donde todos aprenden.",
        "Responde a la estrategia nacional.",
        "Lectura",
        "Más lectores",
        "Long term",
        "1.1",
        "2.2",
        "Biblioteca Central",
        "Presta la sala",
        "Radio",
        "Programa listo",
        "Primera edición",
        "Other objectives",
        "Objetivo sin tema",
        "Encuestas",
        "Falta un chofer.",
        "At risk",
        "Implementation",
        "50 % done",
        "/static/css/print-plan.css",
    ]:
        assert text in content, text
    stylesheet = (settings.BASE_DIR / "static" / "css" / "print-plan.css").read_text()
    assert "@media print" in stylesheet
    assert "break-inside: avoid" in stylesheet
    for action in [festival, *others, unthemed]:
        assert action.title in content
    assert content.index("Festival del libro") < content.index("Bibliobús")
