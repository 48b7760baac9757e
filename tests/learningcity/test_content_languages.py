"""Texts kept in Spanish and English (learningcity.content_languages, the `texts` tags): a missing
translation shows the Spanish, marked with its language, and staff see what lacks English."""

from unittest import mock

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from learningcity.content_languages import missing_translations as find_missing
from tests.planning.factories import ActionFactory, ActionPlanFactory, ThemeFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADING = Template(
    '{% load texts %}<h1{{ plan|lang_attr:"attractive_title" }}>{{ plan.attractive_title }}</h1>'
)
INLINE = Template('{% load texts %}{{ plan|translated:"title" }}')
BLOCK = Template('{% load texts %}{{ plan|translated_block:"vision" }}')


def render(template, language, **context):
    with translation.override(language):
        return template.render(Context(context))


def test_a_text_without_english_shows_the_spanish_marked_as_spanish():
    plan = ActionPlanFactory(attractive_title="Ciudad que aprende", title="Plan <de> acción")
    assert render(HEADING, "en", plan=plan) == '<h1 lang="es">Ciudad que aprende</h1>'
    assert render(INLINE, "en", plan=plan) == '<span lang="es">Plan &lt;de&gt; acción</span>'


def test_a_text_with_its_english_shows_the_english_without_a_lang_attribute():
    plan = ActionPlanFactory(attractive_title="Ciudad que aprende")
    plan.attractive_title_en = "A city that learns"
    plan.title_en = "Action plan"
    assert render(HEADING, "en", plan=plan) == "<h1>A city that learns</h1>"
    assert render(INLINE, "en", plan=plan) == "Action plan"


def test_spanish_readers_never_get_a_lang_attribute():
    plan = ActionPlanFactory(attractive_title="Ciudad que aprende", vision="Aprender.")
    assert render(HEADING, "es", plan=plan) == "<h1>Ciudad que aprende</h1>"
    assert render(BLOCK, "es", plan=plan) == "<p>Aprender.</p>"


def test_paragraphs_falling_back_are_wrapped_in_one_marked_block():
    plan = ActionPlanFactory(vision="Primero.\n\nSegundo.")
    assert (
        render(BLOCK, "en", plan=plan) == '<div lang="es"><p>Primero.</p>\n\n<p>Segundo.</p></div>'
    )
    plan.vision_en = "First."
    assert render(BLOCK, "en", plan=plan) == "<p>First.</p>"


def test_staff_see_the_texts_without_english_with_a_link_to_where_they_are_edited(client_for, sam):
    plan = ActionPlanFactory(attractive_title="Ciudad que aprende")
    plan.attractive_title_en = plan.title_en = "A city that learns"
    plan.save()
    theme = ThemeFactory(plan=plan, title="Aprender en familia")
    organisation = OrganisationFactory(name="Museo del Agua", description="Visitas guiadas.")
    ActionFactory(objective__plan=plan, title="Club de lectura", description="Cada sábado.")
    page = client_for(sam).get(reverse("missing_translations")).content.decode()
    assert "Aprender en familia" in page
    assert reverse("admin:planning_actionplan_change", args=[plan.pk]) in page
    assert "Museo del Agua" in page
    assert reverse("admin:stakeholders_organisation_change", args=[organisation.pk]) in page
    assert "Ciudad que aprende" not in page
    assert ">Club de lectura</a>" in page
    theme.title_en = "Learning as families"
    theme.save()
    assert (
        "Aprender en familia"
        not in client_for(sam).get(reverse("missing_translations")).content.decode()
    )


def test_citizens_may_not_see_the_missing_translations_and_visitors_are_asked_to_log_in(
    client, client_for, alice
):
    url = reverse("missing_translations")
    assert client.get(url).status_code == 302
    assert client_for(alice).get(url).status_code == 403


def test_the_missing_translations_page_makes_a_constant_number_of_queries(client_for, sam):
    def add_rows(n):
        actions = ActionFactory.create_batch(n)
        return [action.title for action in actions]

    assert_constant_queries(client_for(sam), reverse("missing_translations"), add_rows)


def test_a_long_list_of_missing_translations_says_it_shows_only_the_first(client_for, sam):
    plan = ActionPlanFactory()
    plan.title_en = plan.attractive_title_en = "Plan"
    plan.save()
    themes = ThemeFactory.create_batch(3, plan=plan)
    with mock.patch("learningcity.content_language_views.find_missing") as find:
        find.side_effect = lambda: find_missing(limit=2)
        page = client_for(sam).get(reverse("missing_translations")).content.decode()
    assert "(2+)" in page
    assert [theme.title in page for theme in themes] == [True, True, False]
