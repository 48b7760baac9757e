"""One rule for what may change, in the services: a superseded version never changes; the
adopted plan changes only in its implementation tracking; the structure changes in a draft."""

from datetime import date

import pytest
from django.urls import reverse

from planning.models import ActionPlan, Theme
from planning.services import PlanLocked, action_update, move, theme_save
from tests.planning.factories import ActionFactory, ActionPlanFactory, MilestoneFactory
from tests.planning.test_views import edit_data

pytestmark = pytest.mark.django_db


def plan_with_an_action(status, **kwargs):
    plan = ActionPlanFactory(status=status, attractive_title="Ciudad que aprende", **kwargs)
    return ActionFactory(objective__plan=plan, title="Club de lectura")


def structure_posts(action):
    plan, objective = action.objective.plan, action.objective
    theme = objective.theme
    return {
        reverse("planning:plan-edit", args=[plan.pk]): {
            "title_es": "Plan",
            "attractive_title_es": "Cambiado",
            "start": "2026-01-01",
            "end": "2030-12-31",
        },
        reverse("planning:theme-new", args=[plan.pk]): {"title_es": "Tema nuevo"},
        reverse("planning:theme-edit", args=[plan.pk, theme.pk]): {"title_es": "Tema cambiado"},
        reverse("planning:objective-edit", args=[plan.pk, objective.pk]): {
            "title_es": "Objetivo cambiado",
            "term": "medium",
        },
        reverse("planning:action-new", args=[plan.pk, objective.pk]): {
            "title_es": "Acción nueva",
            "start": "2026-02-01",
            "end": "2027-02-01",
        },
        reverse("planning:reorder", args=[plan.pk]): {"kind": "theme", "id": theme.pk},
    }


def test_nothing_changes_in_a_superseded_version_and_staff_are_told_why(client_for, sam):
    action = plan_with_an_action(ActionPlan.Status.SUPERSEDED)
    client = client_for(sam)
    posts = structure_posts(action)
    posts[reverse("planning:action-edit", args=[action.pk])] = edit_data(action, title="Nuevo")
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert "ha sido sustituida" in response.content.decode(), url
    action.refresh_from_db()
    assert action.title == "Club de lectura"
    assert action.objective.plan.attractive_title == "Ciudad que aprende"
    assert Theme.objects.filter(plan=action.objective.plan).count() == 1


def test_the_adopted_plans_structure_changes_only_through_a_draft(client_for, sam):
    action = plan_with_an_action(ActionPlan.Status.ADOPTED)
    client = client_for(sam)
    for url, data in structure_posts(action).items():
        response = client.post(url, data)
        assert response.status_code == 409, url
        assert "borrador" in response.content.decode(), url
    assert Theme.objects.filter(plan=action.objective.plan).count() == 1


def test_on_the_adopted_plan_staff_update_the_implementation_not_the_texts(client_for, sam):
    action = plan_with_an_action(ActionPlan.Status.ADOPTED)
    form = client_for(sam).get(reverse("planning:action-edit", args=[action.pk])).context["form"]
    assert form.fields["title_es"].disabled
    assert not form.fields["phase"].disabled
    response = client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title="Otro título", phase="implementation", manual_progress="30"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.phase, action.manual_progress) == (
        "Club de lectura",
        "implementation",
        30,
    )


def test_the_services_refuse_a_structural_change_to_the_adopted_plan(sam):
    action = plan_with_an_action(ActionPlan.Status.ADOPTED)
    action.title = "Cambiado desde una importación"
    with pytest.raises(PlanLocked):
        action_update(action=action, version=action.version, by=sam)
    with pytest.raises(PlanLocked):
        theme_save(theme=Theme(plan=action.objective.plan, title="Nuevo"), by=sam)
    theme = action.objective.theme
    with pytest.raises(PlanLocked):
        move(item=theme, siblings=Theme.objects.filter(plan=theme.plan), up=False, by=sam)


def test_the_services_refuse_any_change_to_a_superseded_version(sam):
    action = plan_with_an_action(ActionPlan.Status.SUPERSEDED)
    action.phase = "completed"
    with pytest.raises(PlanLocked):
        action_update(action=action, version=action.version, by=sam)
    action.refresh_from_db()
    assert action.phase == "not_started"


def test_the_plan_page_says_the_structure_changes_through_a_draft(client_for, sam):
    action = plan_with_an_action(ActionPlan.Status.ADOPTED)
    plan = action.objective.plan
    content = client_for(sam).get(reverse("planning:index")).content.decode()
    assert reverse("planning:plan-edit", args=[plan.pk]) not in content
    assert reverse("planning:theme-new", args=[plan.pk]) not in content
    assert "haga un borrador" in content
    draft_page = client_for(sam).get(
        reverse("planning:plan-version", args=[ActionPlanFactory().pk])
    )
    assert "Editar el plan" in draft_page.content.decode()


def test_the_admin_shows_adopted_and_superseded_versions_read_only(client_for, sam):
    client = client_for(sam)
    for status in (ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED):
        action = plan_with_an_action(status)
        plan = action.objective.plan
        url = reverse("admin:planning_actionplan_change", args=[plan.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"attractive_title_es": "Cambiado", "title_es": "Plan"})
        assert response.status_code == 403
        plan.refresh_from_db()
        assert plan.attractive_title == "Ciudad que aprende"
    adopted_action = ActionPlan.objects.adopted().get().objectives.get().actions.get()
    page = client.get(reverse("admin:planning_action_change", args=[adopted_action.pk]))
    fields = page.context["adminform"].form.fields
    assert "phase" in fields
    assert "title_es" not in fields


def test_manual_progress_on_an_action_with_milestones_is_refused_with_the_reason(client_for, sam):
    action = plan_with_an_action(ActionPlan.Status.ADOPTED)
    MilestoneFactory(action=action, completed_on=date(2026, 3, 1))
    MilestoneFactory.create_batch(3, action=action)
    url = reverse("planning:action-edit", args=[action.pk])
    form = client_for(sam).get(url).content.decode()
    assert "Solo para una acción sin hitos" in form
    response = client_for(sam).post(url, edit_data(action, manual_progress="55"))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["manual_progress"]
    assert "se cuenta a partir de ellos (25 %)" in error
    action.refresh_from_db()
    assert action.manual_progress is None
