"""The plan in both languages: English readers read what is translated and see the Spanish,
marked as such, where it is not; staff write both side by side."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from learningcity.content_languages import missing_translations
from planning import services
from planning.models import Action, ActionPlan, Charter, Milestone, Theme
from planning.selectors import plan_compare as plan_compare
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    CharterFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ThemeFactory,
)
from tests.planning.test_views import edit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def plan():
    plan = ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED, attractive_title="Ciudad que aprende"
    )
    plan.attractive_title_en = "A city that learns"
    plan.save()
    return plan


def main(response):
    """The page's <main>: the header's language switch names Spanish in Spanish, on purpose."""
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group()


def test_the_english_plan_shows_english_texts_and_marks_the_spanish_ones(client, plan):
    theme = ThemeFactory(plan=plan, title="Aprender en familia")
    objective = ObjectiveFactory(plan=plan, theme=theme, title="Leer en casa")
    objective.title_en = "Reading at home"
    objective.save()
    ActionFactory(objective=objective, title="Club de lectura")
    page = main(client.get("/en/plan/"))
    assert "<h1>A city that learns</h1>" in page
    assert f'<h2 id="theme-{theme.pk}" lang="es">Aprender en familia</h2>' in page
    assert "<h3>Reading at home</h3>" in page
    assert 'lang="es">Club de lectura</a>' in page


def test_the_spanish_plan_shows_the_spanish_texts_unmarked(client, plan):
    page = main(client.get("/plan/"))
    assert "<h1>Ciudad que aprende</h1>" in page
    assert 'lang="' not in page


def test_the_cached_plan_body_is_kept_apart_per_language(client, plan):
    objective = ObjectiveFactory(plan=plan, title="Leer en casa")
    objective.title_en = "Reading at home"
    objective.save()
    ActionFactory(objective=objective)
    for _ in range(2):
        assert "Leer en casa" in main(client.get("/plan/"))
        english = main(client.get("/en/plan/"))
        assert "Reading at home" in english
        assert "Leer en casa" not in english


def test_the_english_plan_finds_actions_by_english_or_spanish_words(client, plan):
    objective = ObjectiveFactory(plan=plan)
    reading = ActionFactory(objective=objective, title="Club de lectura")
    reading.title_en = "Reading club"
    reading.save()
    ActionFactory(objective=objective, title="Huertos escolares")
    page = main(client.get("/en/plan/", {"q": "reading"}))
    assert "Reading club" in page
    assert "Huertos escolares" not in page
    assert "Huertos escolares" in main(client.get("/en/plan/", {"q": "huertos"}))


def test_staff_write_a_theme_in_both_languages_side_by_side(client_for, sam):
    draft = ActionPlanFactory()
    url = reverse("planning:theme-new", args=[draft.pk])
    form = client_for(sam).get(url).content.decode()
    assert re.search(
        r'<input[^>]*name="title_es"[^>]*lang="es"|lang="es"[^>]*name="title_es"', form
    )
    assert re.search(
        r'<input[^>]*name="title_en"[^>]*lang="en"|lang="en"[^>]*name="title_en"', form
    )
    response = client_for(sam).post(
        url,
        {
            "title_es": "Aprender en familia",
            "title_en": "Learning as families",
            "challenge_es": "Pocas bibliotecas.",
            "challenge_en": "",
        },
    )
    assert response.status_code == 302
    theme = Theme.objects.get(plan=draft)
    assert (theme.title_es, theme.title_en) == ("Aprender en familia", "Learning as families")
    assert theme.challenge_es == "Pocas bibliotecas."
    assert not theme.challenge_en


def test_the_spanish_text_is_required_and_the_english_is_not(client_for, sam):
    draft = ActionPlanFactory()
    response = client_for(sam).post(
        reverse("planning:theme-new", args=[draft.pk]), {"title_en": "Only English"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title_es"]
    assert not Theme.objects.exists()


def test_a_too_long_translation_is_a_form_error_never_a_server_error(client_for, sam):
    action = ActionFactory(objective__plan=ActionPlanFactory(), title="Club de lectura")
    response = client_for(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title_en="x" * 300, description_en="x" * 100_000),
    )
    assert response.status_code == 200
    assert {"title_en", "description_en"} <= set(response.context["form"].errors)
    action.refresh_from_db()
    assert action.title_en is None


def test_the_edit_page_marks_a_spanish_only_title_in_its_heading(client_for, sam):
    sam.preferred_language = "en"
    sam.save()
    action = ActionFactory(objective__plan=ActionPlanFactory(), title="Club de lectura")
    page = main(client_for(sam).get("/en" + reverse("planning:action-edit", args=[action.pk])))
    assert '<h1>Edit “<span lang="es">Club de lectura</span>”</h1>' in page
    assert 'lang="es">Club de lectura</span></a></li>' in page


def test_a_draft_copy_keeps_every_language_of_its_texts(sam, plan):
    objective = ObjectiveFactory(plan=plan)
    action = ActionFactory(objective=objective, title="Club de lectura")
    action.title_en = "Reading club"
    action.save()
    milestone = MilestoneFactory(action=action, title="Primera sesión")
    milestone.title_en = "First session"
    milestone.save()
    draft = services.plan_create_version(plan=plan, by=sam)
    copy = Action.objects.get(objective__plan=draft)
    assert (copy.title_es, copy.title_en) == ("Club de lectura", "Reading club")
    assert (copy.milestones.get().title_es, copy.milestones.get().title_en) == (
        "Primera sesión",
        "First session",
    )
    assert draft.attractive_title_en == "A city that learns"
    assert Milestone.objects.count() == 2


def test_the_history_keeps_both_languages_and_the_spanish_as_the_text(client_for, sam):
    action = ActionFactory(objective__plan=ActionPlanFactory(), title="Club de lectura")
    client_for(sam).post(
        "/en" + reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title_en="Reading club"),
    )
    record = action.history.latest("history_date")
    assert (record.title, record.title_es, record.title_en) == (
        "Club de lectura",
        "Club de lectura",
        "Reading club",
    )


def test_the_charter_is_sanitised_in_each_language():
    charter = CharterFactory(text="<p>Texto</p>")
    charter.text_en = '<p onclick="x()">Text</p><script>alert(1)</script>'
    charter.save()
    charter.refresh_from_db()
    assert "script" not in charter.text_en and "onclick" not in charter.text_en
    assert Charter.objects.get().text_es == "<p>Texto</p>"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    with time_machine.travel(datetime(2027, 3, 15, 12, tzinfo=UTC), tick=False):
        call_command("seed_demo", stdout=None)
        yield ActionPlan.objects.adopted().get()


def test_the_demo_plan_reads_in_english(client, demo):
    page = main(client.get("/en/plan/"))
    assert "A city that learns" in page
    assert "Learning as families and communities" in page
    assert "Map of places to learn in every district" in page
    assert 'lang="es"' not in page
    assert "Ciudad que aprende" in main(client.get("/plan/"))
    action = Action.objects.filter(objective__plan=demo, milestones__isnull=False).first()
    detail = main(client.get("/en" + action.get_absolute_url()))
    assert 'lang="es"' not in detail
    assert escape(action.description_en) in detail
    assert not Action.objects.filter(description_en__isnull=True).exists()
    assert not Milestone.objects.filter(title_en__isnull=True).exists()
    # Every demo text, of every app, has its English: a new one needs its line in demo_english.
    assert missing_translations() == []


def test_comparing_versions_shows_a_changed_translation_in_its_language(sam, plan):
    objective = ObjectiveFactory(plan=plan, title="Leer en casa")
    draft = services.plan_create_version(plan=plan, by=sam)
    draft.attractive_title_en = "A learning city"
    draft.save()
    copied = draft.objectives.get()
    copied.title_en = "Reading at home"
    copied.save()
    result = plan_compare(plan, draft)
    assert [(str(label), before, after) for label, before, after in result["plan"]] == [
        ("título atractivo (en inglés)", "A city that learns", "A learning city")
    ]
    (entry,) = result["objectives"]["changed"]
    assert [(str(label), before, after) for label, before, after in entry["differences"]] == [
        ("título (en inglés)", "", "Reading at home")
    ]
    assert objective.title_en is None
