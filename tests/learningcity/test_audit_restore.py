"""Staff put a field's earlier value back from the activity page: through the app's service,
recorded as a new entry, never over a later change, and only where the app allows the edit."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from funding import services as funding_services
from learningcity.models import AuditEntry
from monitoring import services as monitoring_services
from monitoring.models import Goal, Measurement
from planning import services as planning_services
from planning.models import ActionPlan
from tests.funding.factories import BudgetLineFactory
from tests.monitoring.factories import DimensionValueFactory, IndicatorFactory, approved_value
from tests.planning.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db


def _restore(client, entry, key, **extra):
    return client.post(
        reverse("activity_restore", args=[entry.pk]), {"key": key, **extra}, follow=True
    )


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _edit_action_title(action, title, by):
    action.title_es = title
    return planning_services.action_update(action=action, version=action.version, by=by)


def test_staff_put_back_an_actions_earlier_title(client_for, sam, carol):
    action = ActionFactory(title_es="Clubes de lectura")
    _edit_action_title(action, "Clubes de lectura en barrios", carol)
    entry = AuditEntry.objects.get(action="planning.action_update")
    assert entry.changes["title_es"] == ["Clubes de lectura", "Clubes de lectura en barrios"]

    response = _restore(client_for(sam), entry, "title_es")

    action.refresh_from_db()
    assert action.title_es == "Clubes de lectura"
    assert _messages(response) == [
        "Ha vuelto el valor anterior de «title_es», registrado como una nueva entrada."
    ]
    latest = AuditEntry.objects.latest("pk")
    assert (latest.actor, latest.action) == (sam, "planning.action_update")
    assert latest.changes["title_es"] == ["Clubes de lectura en barrios", "Clubes de lectura"]


def test_the_activity_offers_to_restore_only_what_can_be_put_back(client_for, sam, carol):
    action = ActionFactory(title_es="Clubes de lectura")
    _edit_action_title(action, "Clubes de lectura en barrios", carol)
    plan = action.objective.plan
    planning_services.plan_update(plan=plan, by=carol)  # nothing changed: nothing to offer

    page = client_for(sam).get(reverse("activity")).content.decode()

    assert page.count('name="key" value="title_es"') == 1
    assert 'name="key" value="version"' not in page


def test_a_value_changed_again_since_is_not_overwritten(client_for, sam, carol):
    action = ActionFactory(title_es="Uno")
    _edit_action_title(action, "Dos", carol)
    entry = AuditEntry.objects.get()
    _edit_action_title(action, "Tres", carol)

    response = _restore(client_for(sam), entry, "title_es")

    action.refresh_from_db()
    assert action.title_es == "Tres"
    assert "ha vuelto a cambiar" in _messages(response)[0]
    assert AuditEntry.objects.count() == 2


def test_the_adopted_plans_structure_is_not_restored_outside_a_draft(client_for, sam, carol):
    action = ActionFactory(title_es="Uno")
    _edit_action_title(action, "Dos", carol)
    entry = AuditEntry.objects.get()
    ActionPlan.objects.filter(pk=action.objective.plan_id).update(status=ActionPlan.Status.ADOPTED)

    response = _restore(client_for(sam), entry, "title_es")

    action.refresh_from_db()
    assert action.title_es == "Dos"
    assert "borrador" in _messages(response)[0]


def test_a_plans_own_field_is_restored_but_never_its_status(client_for, sam, carol):
    plan = ActionPlanFactory(vision_es="Aprender juntos")
    plan.vision_es = "Aprender toda la vida"
    planning_services.plan_update(plan=plan, by=carol)
    edit = AuditEntry.objects.get()
    adopted = AuditEntry.objects.create(
        action="planning.plan_adopt",
        summary="",
        target_type=edit.target_type,
        target_id=edit.target_id,
        changes={"status": ["draft", "adopted"]},
    )
    client = client_for(sam)

    _restore(client, edit, "vision_es")
    response = _restore(client, adopted, "status")

    plan.refresh_from_db()
    assert (plan.vision_es, plan.status) == ("Aprender juntos", ActionPlan.Status.DRAFT)
    assert _messages(response) == ["Este cambio no se puede deshacer aquí."]


def test_an_indicators_field_goal_and_approved_value_are_put_back(client_for, sam, carol):
    centro = DimensionValueFactory(slug="centro", dimension__slug="distrito")
    indicator = IndicatorFactory(unit_es="personas", goals={2027: 500})
    indicator.dimensions.add(centro.dimension)
    period = approved_value(indicator, 2026, 300, by={centro: 120})
    indicator.unit_es = "personas adultas"
    monitoring_services.indicator_save(indicator=indicator, by=carol)
    monitoring_services.goal_set(indicator=indicator, year=2027, value=Decimal(650), by=carol)
    monitoring_services.period_values_save(
        indicator=indicator,
        start=date(2026, 1, 1),
        values={None: Decimal(310), centro: Decimal(125)},
        by=carol,
        staff=True,
    )
    values_entry = AuditEntry.objects.get(action="monitoring.values_save")
    assert values_entry.changes == {
        "2026-01-01": ["300.0000", "310"],
        "2026-01-01/distrito/centro": ["120.0000", "125"],
    }
    client = client_for(sam)

    _restore(client, AuditEntry.objects.get(action="monitoring.indicator_save"), "unit_es")
    _restore(client, AuditEntry.objects.get(action="monitoring.goal_set"), "2027")
    _restore(client, values_entry, "2026-01-01/distrito/centro")

    indicator.refresh_from_db()
    assert indicator.unit_es == "personas"
    assert Goal.objects.get(indicator=indicator, year=2027).value == 500
    values = {m.dimension_value_id: m.value for m in Measurement.objects.filter(period=period)}
    assert values == {None: Decimal(310), centro.pk: Decimal(120)}
    period.refresh_from_db()
    assert period.status == period.Status.APPROVED


def test_a_budget_lines_amount_is_put_back(client_for, sam, carol):
    line = BudgetLineFactory(amount=Decimal("500.00"))
    line.amount = Decimal("800.00")
    funding_services.budget_line_save(line=line, by=carol)
    entry = AuditEntry.objects.get(action="funding.budget_line_save")
    assert entry.changes == {"amount": ["500.00", "800.00"]}

    _restore(client_for(sam), entry, "amount")

    line.refresh_from_db()
    assert line.amount == Decimal("500.00")


def test_a_deleted_object_is_said_to_be_gone(client_for, sam, carol):
    line = BudgetLineFactory(item_es="Sillas", amount=Decimal("500.00"))
    line.amount = Decimal("800.00")
    funding_services.budget_line_save(line=line, by=carol)
    entry = AuditEntry.objects.get()
    line.delete()

    response = _restore(client_for(sam), entry, "amount")

    assert _messages(response) == [f"{entry.target_repr} ya no existe."]


def test_only_staff_restore_and_only_by_post(client, client_for, alice, bob, sam, carol):
    line = BudgetLineFactory(amount=Decimal("500.00"))
    line.amount = Decimal("800.00")
    funding_services.budget_line_save(line=line, by=carol)
    url = reverse("activity_restore", args=[AuditEntry.objects.get().pk])

    assert client.post(url, {"key": "amount"}).status_code == 302
    assert "login" in client.post(url, {"key": "amount"})["Location"]
    for person in (alice, bob):
        assert client_for(person).post(url, {"key": "amount"}).status_code == 403
    assert client_for(sam).get(url).status_code == 405
    line.refresh_from_db()
    assert line.amount == Decimal("800.00")


def test_the_way_back_stays_on_this_site(client_for, sam, carol):
    line = BudgetLineFactory(amount=Decimal("500.00"))
    line.amount = Decimal("800.00")
    funding_services.budget_line_save(line=line, by=carol)
    entry = AuditEntry.objects.get()
    client = client_for(sam)
    url = reverse("activity_restore", args=[entry.pk])

    away = client.post(url, {"key": "amount", "next": "https://evil.example.com/"})
    filtered = client.post(url, {"key": "amount", "next": "/activity/?actor=1"})

    assert away["Location"] == reverse("activity")
    assert filtered["Location"] == "/activity/?actor=1"
