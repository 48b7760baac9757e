import pytest
from django.test import Client
from django.urls import reverse

from planning.models import KflcFeature, KflcFocus
from planning.selectors import plan_compare
from planning.services import plan_create_version
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def test_comparing_versions_lists_what_was_added_removed_and_changed(sam):
    plan = ActionPlanFactory(status="adopted")
    kept = ActionFactory(objective__plan=plan, title="Club de lectura", phase="planning")
    dropped = ActionFactory(objective=kept.objective, title="Feria")
    draft = plan_create_version(plan=plan, by=sam)
    draft_kept = draft.objectives.get().actions.get(lineage_key=kept.lineage_key)
    draft_kept.phase = "implementation"
    draft_kept.save()
    draft.objectives.get().actions.get(lineage_key=dropped.lineage_key).delete()
    ActionFactory(objective=draft.objectives.get(), title="Nueva acción")

    changes = plan_compare(plan, draft)["actions"]
    assert [action.title for action in changes["added"]] == ["Nueva acción"]
    assert [action.title for action in changes["removed"]] == ["Feria"]
    (entry,) = changes["changed"]
    assert entry["item"].title == "Club de lectura"
    assert [(str(label), before, after) for label, before, after in entry["differences"]] == [
        ("fase de implementación", "Planeación", "Implementación")
    ]


def test_the_compare_page_is_for_staff_and_refuses_a_version_with_itself(client_for, sam, alice):
    plan = ActionPlanFactory()
    url = reverse("planning:versions-compare")
    citizen = Client()
    citizen.force_login(alice)
    assert citizen.get(url).status_code == 403
    response = client_for(sam).get(url, {"older": plan.pk, "newer": plan.pk})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client_for(sam).get(url, {"older": "x", "newer": "999"}).status_code == 200


def test_a_copy_keeps_the_kflc_features(sam):
    focus = KflcFocus.objects.get(code="2.2")
    feature = KflcFeature.objects.create(focus=focus, code="2.2.1", title="Espacios comunitarios")
    objective = ObjectiveFactory(plan=ActionPlanFactory(status="adopted"))
    objective.kflc_focuses.add(focus)
    objective.kflc_features.add(feature)
    draft = plan_create_version(plan=objective.plan, by=sam)
    assert list(draft.objectives.get().kflc_features.all()) == [feature]


def test_features_entered_by_the_city_show_on_the_kflc_page(client):
    focus = KflcFocus.objects.get(code="2.2")
    KflcFeature.objects.create(
        focus=focus, code="2.2.1", title="Espacios comunitarios", suggested_measurements="Número"
    )
    content = client.get(reverse("planning:kflc")).content.decode()
    assert "2.2.1 Espacios comunitarios" in content


def test_an_objective_feature_must_belong_to_a_chosen_area_of_focus(client_for, sam):
    plan = ActionPlanFactory()
    feature = KflcFeature.objects.create(focus=KflcFocus.objects.get(code="2.2"), title="X")
    response = client_for(sam).post(
        reverse("planning:objective-new", args=[plan.pk]),
        {
            "title": "Objetivo",
            "term": "medium",
            "kflc_focuses": [KflcFocus.objects.get(code="1.1").pk],
            "kflc_features": [feature.pk],
        },
    )
    assert response.status_code == 200
    assert "kflc_features" in response.context["form"].errors
