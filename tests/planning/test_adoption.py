"""Adopting a version loses nothing silently: what would be dropped is shown, implementation
updates made meanwhile on the plan in force are carried forward, and an out-of-date draft is
adopted only once the coordinator says they have seen what will be dropped."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from planning.models import ActionPlan, Theme
from planning.services import action_update, plan_adopt, plan_create_version
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CITY = ZoneInfo("America/Bogota")


def at(day, hour=10):
    return time_machine.travel(datetime(2026, 3, day, hour, tzinfo=CITY), tick=False)


@pytest.fixture
def v1(carol):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED, adopted_at=date(2026, 1, 15))
    objective = ObjectiveFactory(plan=plan, title="Leer en familia")
    ActionFactory(objective=objective, title="Club de lectura")
    return plan


@pytest.fixture
def v2_and_v3(v1, sam, carol):
    """v2 and v3 are both copied from v1; v3 gets a theme from the consultation and is adopted."""
    with at(2):
        v2 = plan_create_version(plan=v1, by=sam)
    with at(3):
        v3 = plan_create_version(plan=v1, by=sam)
        ThemeFactory(plan=v3, title="Jóvenes sin empleo")
        plan_adopt(plan=v3, by=carol, decision="Acuerdo 1/2026")
    return v2, v3


def test_the_adopt_page_shows_what_the_plan_in_force_has_that_the_draft_lacks(
    client_for, carol, v2_and_v3
):
    v2, _v3 = v2_and_v3
    page = client_for(carol).get(reverse("planning:version-adopt", args=[v2.pk]))
    content = page.content.decode()
    assert "Jóvenes sin empleo" in content
    assert "He visto lo que se descartará" in content


def test_an_out_of_date_draft_is_refused_until_the_coordinator_has_seen_what_is_dropped(
    client_for, carol, v2_and_v3
):
    v2, v3 = v2_and_v3
    url = reverse("planning:version-adopt", args=[v2.pk])
    refused = client_for(carol).post(url, {"decision": "Acuerdo 2/2026"})
    assert refused.status_code == 200
    assert "no se copió del plan vigente" in refused.content.decode()
    v2.refresh_from_db()
    v3.refresh_from_db()
    assert (v2.status, v3.status) == ("draft", "adopted")

    adopted = client_for(carol).post(url, {"decision": "Acuerdo 2/2026", "drop_acknowledged": "on"})
    assert adopted.status_code == 302
    v2.refresh_from_db()
    assert v2.status == "adopted"
    assert not Theme.objects.filter(plan=v2, title="Jóvenes sin empleo").exists()


def test_a_draft_copied_from_the_plan_in_force_is_adopted_without_the_tick(
    client_for, sam, carol, v1
):
    draft = plan_create_version(plan=v1, by=sam)
    draft.themes.all().delete()
    response = client_for(carol).post(
        reverse("planning:version-adopt", args=[draft.pk]), {"decision": "Acuerdo 3/2026"}
    )
    assert response.status_code == 302


def test_implementation_updates_made_on_the_plan_in_force_after_the_copy_are_carried_forward(
    sam, carol, v1
):
    reading = v1.objectives.get().actions.get()
    fair = ActionFactory(objective=reading.objective, title="Feria del libro")
    opening = MilestoneFactory(action=fair, title="Abrir la sala", due=date(2026, 6, 1))
    MilestoneFactory(action=fair, title="Primera feria", due=date(2026, 9, 1))
    with at(2):
        draft = plan_create_version(plan=v1, by=sam)
    with at(5):
        reading.phase = "implementation"
        reading.manual_progress = 40
        reading.status_override = "at_risk"
        reading.status_override_reason = "Falta personal."
        action_update(action=reading, version=reading.version, by=sam)
        opening.completed_on = date(2026, 3, 5)
        opening.save()
    with at(9):
        plan_adopt(plan=draft, by=carol, decision="Acuerdo 4/2026")

    carried = draft.objectives.get().actions.get(lineage_key=reading.lineage_key)
    assert (carried.phase, carried.manual_progress) == ("implementation", 40)
    assert (carried.status_override, carried.status_override_by) == ("at_risk", sam)
    carried_fair = draft.objectives.get().actions.get(lineage_key=fair.lineage_key)
    done = {m.title: m.completed_on for m in carried_fair.milestones.all()}
    assert done == {"Abrir la sala": date(2026, 3, 5), "Primera feria": None}


def test_a_change_made_in_the_draft_is_kept_when_the_plan_in_force_did_not_change_it(
    sam, carol, v1
):
    with at(2):
        draft = plan_create_version(plan=v1, by=sam)
    action = draft.objectives.get().actions.get()
    with at(4):
        action.phase = "planning"
        action_update(action=action, version=action.version, by=sam)
    with at(9):
        plan_adopt(plan=draft, by=carol)
    action.refresh_from_db()
    assert action.phase == "planning"
