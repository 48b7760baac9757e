"""Staff edit the plan's structure with forms: the plan, themes, objectives, actions, order."""

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import Action, KflcFocus, Objective, Theme
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ObjectiveFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return ActionPlanFactory()


def test_staff_edit_the_plan_and_a_bad_period_is_refused(client_for, sam, plan):
    url = reverse("planning:plan-edit", args=[plan.pk])
    data = {
        "title_es": "Plan",
        "attractive_title_es": "Aprende",
        "vision_es": "",
        "start": "2026-01-01",
        "end": "2025-01-01",
        "national_alignment_es": "",
    }
    response = client_for(sam).post(url, data)
    assert response.status_code == 200
    assert "end" in response.context["form"].errors
    assert client_for(sam).post(url, {**data, "end": "2031-12-31"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.attractive_title, plan.end.year) == ("Aprende", 2031)


def test_staff_add_a_theme_an_objective_and_an_action(client_for, sam, plan):
    client = client_for(sam)
    client.post(
        reverse("planning:theme-new", args=[plan.pk]),
        {"title_es": "Aprender en familia", "challenge_es": "", "named_by": "Bibliotecas"},
    )
    theme = Theme.objects.get(plan=plan)
    focus = KflcFocus.objects.get(code="2.2")
    client.post(
        reverse("planning:objective-new", args=[plan.pk]),
        {
            "theme": theme.pk,
            "title_es": "Lectura en familia",
            "term": "long",
            "kflc_focuses": [focus.pk],
            "description_es": "",
            "means_of_evaluation_es": "Préstamos",
        },
    )
    objective = Objective.objects.get(plan=plan)
    assert list(objective.kflc_focuses.all()) == [focus]
    response = client.post(
        reverse("planning:action-new", args=[plan.pk, objective.pk]),
        {
            "title_es": "Club de lectura",
            "description_es": "",
            "start": "2026-02-01",
            "end": "2027-02-01",
        },
    )
    action = Action.objects.get(objective=objective)
    assert response["Location"] == action.get_absolute_url()


def test_an_objective_cannot_use_another_plans_theme(client_for, sam, plan):
    foreign = ThemeFactory()
    response = client_for(sam).post(
        reverse("planning:objective-new", args=[plan.pk]),
        {"theme": foreign.pk, "title_es": "X", "term": "medium"},
    )
    assert response.status_code == 200
    assert "theme" in response.context["form"].errors


def test_a_new_action_outside_the_period_is_refused(client_for, sam, plan):
    objective = ObjectiveFactory(plan=plan)
    response = client_for(sam).post(
        reverse("planning:action-new", args=[plan.pk, objective.pk]),
        {"title_es": "Tarde", "start": "2035-01-01", "end": "2036-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Action.objects.exists()


def test_staff_move_objectives_and_actions(client_for, sam, plan):
    first, second = ObjectiveFactory.create_batch(2, plan=plan, theme=None)
    url = reverse("planning:reorder", args=[plan.pk])
    client_for(sam).post(url, {"kind": "objective", "id": second.pk, "up": ""})
    assert list(Objective.objects.filter(plan=plan).order_by("order")) == [second, first]
    a, b, c = ActionFactory.create_batch(3, objective=first)
    client_for(sam).post(url, {"kind": "action", "id": a.pk, "down": ""})
    assert list(first.actions.order_by("order")) == [b, a, c]
    client_for(sam).post(url, {"kind": "action", "id": b.pk, "up": ""})
    assert list(first.actions.order_by("order")) == [b, a, c]


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_only_staff_edit_the_structure(request, plan, who):
    objective = ObjectiveFactory(plan=plan)
    client = Client()
    client.force_login(request.getfixturevalue(who))
    urls = [
        reverse("planning:plan-edit", args=[plan.pk]),
        reverse("planning:theme-new", args=[plan.pk]),
        reverse("planning:objective-edit", args=[plan.pk, objective.pk]),
        reverse("planning:action-new", args=[plan.pk, objective.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, {"title_es": "X"}).status_code == 403
    reorder = client.post(
        reverse("planning:reorder", args=[plan.pk]), {"kind": "objective", "id": objective.pk}
    )
    assert reorder.status_code == 403
