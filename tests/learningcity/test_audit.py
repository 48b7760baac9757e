"""The audit trail: services record who changed what from which page; staff read it."""

import pytest
from django.test import Client
from django.urls import reverse

from learningcity import audit
from learningcity.models import AuditEntry
from tests.planning.factories import ActionPlanFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_entry_keeps_who_what_the_target_and_the_changed_fields(sam):
    plan = ActionPlanFactory(attractive_title="Aprende")
    entry = audit.record(
        actor=sam, action="planning.plan_update", target=plan, changes={"vision": ("", "Nueva")}
    )
    assert (entry.actor, entry.target_repr, entry.target_id) == (sam, str(plan), str(plan.pk))
    assert entry.target_type.model_class() is type(plan)
    assert entry.changes == {"vision": ["", "Nueva"]}


def test_an_entry_made_during_a_request_remembers_its_page(client_for, carol, sam):
    plan = ActionPlanFactory()
    theme_url = reverse("planning:theme-new", args=[plan.pk])
    client_for(sam).post(theme_url, {"title_es": "Leer en familia"})
    entry = AuditEntry.objects.get()
    assert entry.source == theme_url
    assert entry.actor == sam


def test_only_staff_read_the_activity(alice, bob):
    url = reverse("activity")
    for person in (alice, bob):
        client = Client()
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_staff_filter_the_activity_by_who_and_kind(client_for, sam, carol):
    plan = ActionPlanFactory(attractive_title="Plan visible")
    organisation = OrganisationFactory(name="Biblioteca Norte")
    audit.record(actor=carol, action="planning.plan_adopt", target=plan)
    audit.record(actor=sam, action="stakeholders.organisation_verify", target=organisation)
    client = client_for(sam)
    page = client.get(reverse("activity"), {"actor": carol.pk}).content.decode()
    assert "Plan visible" in page
    assert "Biblioteca Norte" not in page
    kind = audit.AuditEntry.objects.get(actor=sam).target_type_id
    page = client.get(reverse("activity"), {"target_type": kind}).content.decode()
    assert "Biblioteca Norte" in page
    assert "Plan visible" not in page


def test_the_activity_page_makes_a_constant_number_of_queries(client_for, sam):
    def add_rows(count):
        plans = ActionPlanFactory.create_batch(count)
        for plan in plans:
            audit.record(actor=sam, action="planning.plan_update", target=plan)
        return [plan.attractive_title for plan in plans]

    assert_constant_queries(client_for(sam), reverse("activity"), add_rows)


def test_the_activity_is_read_only_in_the_admin(client_for, sam):
    entry = audit.record(actor=sam, action="planning.plan_update", target=ActionPlanFactory())
    client = client_for(sam)
    assert client.get(reverse("admin:learningcity_auditentry_changelist")).status_code == 200
    change = client.post(reverse("admin:learningcity_auditentry_change", args=[entry.pk]), {})
    assert change.status_code == 403
