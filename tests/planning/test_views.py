from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import Action, ActionPlan, Milestone
from planning.services import plan_adopt, plan_create_version
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


@pytest.fixture
def plan():
    return ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, attractive_title="Ciudad que aprende"
    )


@pytest.fixture
def draft():
    """A draft: the structure (an action's title, dates...) changes only in one."""
    return ActionPlanFactory(status=ActionPlan.Status.DRAFT, attractive_title="Ciudad que aprende")


def add_actions(plan):
    """Adds n actions with milestones and a partner; returns what the plan page shows of them."""

    def add(n):
        objective = ObjectiveFactory(plan=plan)
        shown = [objective.title]
        for _number in range(n):
            action = ActionFactory(objective=objective)
            MilestoneFactory.create_batch(2, action=action)
            role = ActionRoleFactory(action=action)
            shown += [action.title, action.lead_organisation.name, role.organisation.name]
        return shown

    return add


def edit_data(action, **changes):
    data = {
        "version": action.version,
        "title_es": action.title,
        "description_es": "",
        "lead_organisation": action.lead_organisation_id or "",
        "contact_people": "",
        "start": "2026-03-01",
        "end": "2028-12-31",
        "phase": "implementation",
        "manual_progress": "",
        "status_override": "",
        "status_override_reason": "",
        "weight": "1",
        "national_strategy": "",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-title_es": "",
        "milestones-0-due": "",
        "milestones-0-completed_on": "",
    }
    # The texts' fields are per language: `title` is the default language's.
    for text in ("title", "description"):
        if text in changes:
            changes[f"{text}_es"] = changes.pop(text)
    data.update(changes)
    return data


def test_the_public_sees_the_adopted_plan_with_themes_objectives_and_actions(client, plan):
    action = ActionFactory(objective__plan=plan, title="Festival del libro")
    content = client.get(reverse("planning:index")).content.decode()
    assert "Ciudad que aprende" in content
    assert action.objective.theme.title in content
    assert action.objective.title in content
    assert "Festival del libro" in content


def test_without_an_adopted_plan_the_area_page_explains_the_area(client):
    ActionPlanFactory(status=ActionPlan.Status.DRAFT, attractive_title="Borrador secreto")
    content = client.get(reverse("planning:index")).content.decode()
    assert "Borrador secreto" not in content
    assert 'id="guidelines-heading"' in content


def test_the_plan_filters_by_status_phase_and_organisation(client, plan):
    library = OrganisationFactory(name="Biblioteca del Sur")
    late = ActionFactory(objective__plan=plan, title="Acción atrasada", end=date(2026, 3, 1))
    done = ActionFactory(
        objective=late.objective, title="Acción terminada", phase=Action.Phase.COMPLETED
    )
    ActionRoleFactory(action=done, organisation=library)
    url = reverse("planning:index")
    by_status = client.get(url, {"status": "late"}).content.decode()
    assert "Acción atrasada" in by_status
    assert "Acción terminada" not in by_status
    by_phase = client.get(url, {"phase": "completed"}).content.decode()
    assert "Acción terminada" in by_phase
    assert "Acción atrasada" not in by_phase
    by_partner = client.get(url, {"organisation": library.pk}).content.decode()
    assert "Acción terminada" in by_partner
    assert "Acción atrasada" not in by_partner


def test_a_bad_filter_value_is_a_form_error_not_a_500(client, plan):
    response = client.get("/en/plan/", {"status": "flying", "theme": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_plan_page_makes_a_constant_number_of_queries(client, plan, settings):
    # With nothing cached: the queries of rendering the whole page, as on a cache miss.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert_constant_queries(client, reverse("planning:index"), add_actions(plan))


@pytest.mark.parametrize("who", ["anonymous", "sam"])
def test_the_action_page_makes_a_constant_number_of_queries(request, client, plan, who):
    action = ActionFactory(objective__plan=plan)
    if who == "sam":
        client.force_login(request.getfixturevalue("sam"))

    def add(n):
        milestones = MilestoneFactory.create_batch(n, action=action)
        roles = ActionRoleFactory.create_batch(n, action=action)
        for number in range(n):
            action.title = f"Cambio {number}"
            action.save()
        return [m.title for m in milestones] + [r.organisation.name for r in roles]

    assert_constant_queries(client, action.get_absolute_url(), add)


def test_the_action_page_shows_roles_and_milestones(client, plan):
    role = ActionRoleFactory(action__objective__plan=plan, responsibilities="Presta la sala")
    MilestoneFactory(action=role.action, title="Primera sesión")
    content = client.get(role.action.get_absolute_url()).content.decode()
    assert role.organisation.name in content
    assert "Presta la sala" in content
    assert "Primera sesión" in content


def test_draft_actions_and_versions_are_hidden_from_the_public(alice, sam):
    draft_action = ActionFactory()
    draft = draft_action.objective.plan
    anonymous, citizen, staff = Client(), Client(), Client()
    citizen.force_login(alice)
    staff.force_login(sam)
    for url in [draft_action.get_absolute_url(), reverse("planning:plan-version", args=[draft.pk])]:
        assert anonymous.get(url).status_code == 404
        assert citizen.get(url).status_code == 404
        assert staff.get(url).status_code == 200


def test_staff_edit_an_action_and_the_edit_is_kept_in_history(client_for, sam, draft):
    action = ActionFactory(objective__plan=draft)
    response = client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(
            action,
            title="Nuevo título",
            **{"milestones-0-title_es": "Inicio", "milestones-0-due": "2026-06-01"},
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Nuevo título"
    assert action.version == 2
    assert action.history.count() == 2
    assert Milestone.objects.get(action=action).title == "Inicio"
    sam.preferred_language = "en"
    sam.save()
    page = client_for(sam).get("/en" + action.get_absolute_url()).content.decode()
    assert "Recent changes" in page
    history = " ".join(page[page.find("Recent changes") :].split())
    assert "Sam Staff: ends, implementation phase, starts, title" in history


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "2024-01-01"}, "start"),
        ({"end": "2026-01-01"}, "end"),
        ({"status_override": "at_risk", "status_override_reason": ""}, "status_override_reason"),
        ({"manual_progress": "140"}, "manual_progress"),
    ],
)
def test_bad_input_re_renders_with_errors_and_saves_nothing(client_for, sam, draft, changes, field):
    action = ActionFactory(objective__plan=draft, title="Original")
    response = client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title="Cambiado", **changes),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Cambiado"' in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Original"


def test_a_status_set_by_hand_records_who_set_it(client_for, sam, plan):
    action = ActionFactory(objective__plan=plan)
    client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, status_override="on_hold", status_override_reason="Sin sede."),
    )
    action.refresh_from_db()
    assert (action.status, action.status_override_by) == ("on_hold", sam)


def test_the_second_of_two_concurrent_edits_is_told_and_nothing_is_lost(
    client_for, sam, carol, draft
):
    action = ActionFactory(objective__plan=draft, title="Original")
    stale = edit_data(action)
    first = client_for(carol).post(
        reverse("planning:action-edit", args=[action.pk]), {**stale, "title_es": "Edición de Carol"}
    )
    assert first.status_code == 302
    second = client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]), {**stale, "title_es": "Edición de Sam"}
    )
    assert second.status_code == 409
    content = second.content.decode()
    assert "Edición de Carol" in content
    assert 'value="Edición de Sam"' in content
    action.refresh_from_db()
    assert action.title == "Edición de Carol"
    resubmitted = second.context["form"].data.copy()
    again = client_for(sam).post(reverse("planning:action-edit", args=[action.pk]), resubmitted)
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.title == "Edición de Sam"


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_citizens_and_stakeholders_cannot_edit_the_plan(request, client_for, plan, who):
    action = ActionFactory(objective__plan=plan, title="Original")
    client = client_for(request.getfixturevalue(who))
    url = reverse("planning:action-edit", args=[action.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(action, title="Hackeado")).status_code == 403
    assert client.post(reverse("planning:version-create", args=[plan.pk])).status_code == 403
    action.refresh_from_db()
    assert action.title == "Original"


def test_a_new_version_copies_everything_and_keeps_lineage(sam, plan):
    from planning.models import KflcFocus
    from tests.stakeholders.factories import MinistryContactFactory

    action = ActionFactory(objective__plan=plan)
    action.objective.kflc_focuses.add(KflcFocus.objects.get(code="2.2"))
    contact = MinistryContactFactory()
    action.ministry_contacts.add(contact)
    MilestoneFactory(action=action)
    ActionRoleFactory(action=action)
    draft = plan_create_version(plan=plan, by=sam)
    copied = Action.objects.get(objective__plan=draft)
    assert draft.status == ActionPlan.Status.DRAFT
    assert copied.pk != action.pk
    assert copied.lineage_key == action.lineage_key
    assert copied.objective.lineage_key == action.objective.lineage_key
    assert copied.objective.theme.lineage_key == action.objective.theme.lineage_key
    assert copied.milestones.count() == 1
    assert copied.roles.count() == 1
    assert list(copied.objective.kflc_focuses.all()) == list(action.objective.kflc_focuses.all())
    assert list(copied.ministry_contacts.all()) == [contact]


def test_only_a_coordinator_adopts_and_the_old_plan_is_superseded(client_for, sam, carol, plan):
    ActionFactory(objective__plan=plan)
    draft = plan_create_version(plan=plan, by=sam)
    url = reverse("planning:version-adopt", args=[draft.pk])
    assert client_for(sam).post(url, {"decision": "Acuerdo 1"}).status_code == 403
    response = client_for(carol).post(url, {"decision": "Acuerdo 1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    plan.refresh_from_db()
    assert (draft.status, plan.status) == ("adopted", "superseded")
    assert draft.adopted_by == carol


def test_a_plan_without_objectives_cannot_be_adopted(client_for, carol):
    empty = ActionPlanFactory()
    response = client_for(carol).post(
        reverse("planning:version-adopt", args=[empty.pk]), {"decision": "Acuerdo 2"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    empty.refresh_from_db()
    assert empty.status == "draft"


def test_adopting_twice_is_refused(carol, plan):
    from django.core.exceptions import ValidationError

    ObjectiveFactory(plan=plan)
    with pytest.raises(ValidationError):
        plan_adopt(plan=plan, by=carol)


def test_kflc_page_shows_which_areas_of_focus_the_plan_covers(client, plan):
    from planning.models import KflcFocus

    objective = ObjectiveFactory(plan=plan, title="Lectura en familia")
    objective.kflc_focuses.add(KflcFocus.objects.get(code="2.2"))
    response = client.get("/en/plan/kflc/")
    content = response.content.decode()
    assert "Lectura en familia" in content
    assert content.count("Not covered") == 11


def test_versions_page_is_for_staff(client_for, alice, sam, plan):
    url = reverse("planning:versions")
    assert client_for(alice).get(url).status_code == 403
    assert client_for(sam).get(url).status_code == 200
