from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from planning.models import KflcFeature, KflcFocus
from planning.selectors import plan_compare
from planning.services import plan_create_version
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    ConsultationFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from tests.queries import assert_constant_queries

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


def test_the_public_compare_versions_but_not_drafts_and_not_a_version_with_itself(
    client_for, sam, alice
):
    plan = ActionPlanFactory()
    adopted = ActionPlanFactory(status="adopted")
    superseded = ActionPlanFactory(status="superseded")
    url = reverse("planning:versions-compare")
    citizen = Client()
    citizen.force_login(alice)
    response = citizen.get(url, {"older": superseded.pk, "newer": adopted.pk})
    assert response.status_code == 200 and response.context["comparison"] is not None
    response = citizen.get(url, {"older": adopted.pk, "newer": plan.pk})
    assert "newer" in response.context["form"].errors
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


def test_each_copy_takes_the_next_number_of_its_lineage(sam):
    first = ActionPlanFactory(status="adopted")
    second = plan_create_version(plan=first, by=sam)
    third = plan_create_version(plan=first, by=sam)
    fourth = plan_create_version(plan=third, by=sam)
    assert [p.number for p in (first, second, third, fourth)] == [1, 2, 3, 4]
    assert ActionPlanFactory().number == 1


def test_versions_are_labelled_with_number_status_and_dates_wherever_one_is_picked(client_for, sam):
    with time_machine.travel(datetime(2026, 3, 12, 15, tzinfo=UTC), tick=False):
        first = ActionPlanFactory(status="adopted", attractive_title="Ciudad que aprende")
        draft = plan_create_version(plan=first, by=sam)
    assert draft.version_label == "v2 · borrador · creada el 12/03/2026"
    with translation.override("en"):
        assert draft.version_label == "v2 · draft · created 12 Mar 2026"
    client = client_for(sam)
    versions = client.get(reverse("planning:versions")).content.decode()
    compare = client.get(reverse("planning:versions-compare")).content.decode()
    consultation = client.get(
        reverse("planning:consultation", args=[ConsultationFactory(created_by=sam).pk])
    ).content.decode()
    for page in (versions, compare, consultation):
        assert "v2 · borrador · creada el 12/03/2026" in page
    assert compare.count("v2 · borrador") == 2


def test_the_comparison_shows_the_plans_own_fields(sam):
    plan = ActionPlanFactory(status="adopted", vision="Aprender toda la vida.")
    draft = plan_create_version(plan=plan, by=sam)
    draft.vision = "Aprender en cada barrio."
    draft.national_alignment = "Estrategia nacional 2030."
    draft.end = date(2031, 12, 31)
    draft.save()
    differences = {
        str(label): (before, after) for label, before, after in plan_compare(plan, draft)["plan"]
    }
    assert differences == {
        "visión": ("Aprender toda la vida.", "Aprender en cada barrio."),
        "alineación con la estrategia nacional": ("", "Estrategia nacional 2030."),
        "fin del periodo": (date(2030, 12, 31), date(2031, 12, 31)),
    }


def test_the_compare_page_shows_field_changes_inside_themes_and_objectives(client_for, sam):
    objective = ObjectiveFactory(
        plan=ActionPlanFactory(status="adopted"), theme__title="Familias", title="Leer"
    )
    draft = plan_create_version(plan=objective.plan, by=sam)
    theme = draft.themes.get()
    theme.challenge = "Pocas bibliotecas abren por la tarde."
    theme.save()
    copied = draft.objectives.get()
    copied.description = "Más préstamos en los barrios."
    copied.means_of_evaluation = "Préstamos al año"
    copied.save()
    copied.kflc_features.add(
        KflcFeature.objects.create(
            focus=KflcFocus.objects.get(code="2.2"), code="2.2.1", title="Espacios"
        )
    )
    page = (
        client_for(sam)
        .get(reverse("planning:versions-compare"), {"older": objective.plan.pk, "newer": draft.pk})
        .content.decode()
    )
    for text in (
        "Pocas bibliotecas abren por la tarde.",
        "Más préstamos en los barrios.",
        "Préstamos al año",
        "2.2.1 Espacios",
    ):
        assert text in page


def test_the_compare_page_makes_a_constant_number_of_queries(client_for, sam):
    older = ActionPlanFactory(status="superseded")
    newer = ActionPlanFactory(status="adopted")
    older_objective = ObjectiveFactory(plan=older)
    newer_objective = ObjectiveFactory(plan=newer, lineage_key=older_objective.lineage_key)

    def add_rows(count):
        titles = []
        for _n in range(count):
            before = ActionFactory(objective=older_objective)
            MilestoneFactory(action=before)
            after = ActionFactory(
                objective=newer_objective,
                lineage_key=before.lineage_key,
                title=f"{before.title} (cambiada)",
            )
            MilestoneFactory(action=after, completed_on=date(2026, 5, 1))
            ActionRoleFactory(action=after)
            added = ActionFactory(objective=newer_objective)
            titles += [after.title, added.title]
        return titles

    url = reverse("planning:versions-compare") + f"?older={older.pk}&newer={newer.pk}"
    assert_constant_queries(client_for(sam), url, add_rows)
