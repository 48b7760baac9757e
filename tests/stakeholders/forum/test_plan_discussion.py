"""Topics about the plan's objectives and actions: started from their pages, shown on the
action's page, never about what the person may not see (a draft's action)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from planning.models import Action, ActionPlan
from stakeholders.forum.models import Topic
from tests.planning.factories import ActionFactory, ThemeFactory
from tests.stakeholders.forum.factories import start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def action(db):
    action = ActionFactory(title="Bibliotecas abiertas de noche")
    plan = action.objective.plan
    plan.status = ActionPlan.Status.ADOPTED
    plan.save()
    return Action.objects.get(pk=action.pk)


def test_a_topic_about_an_action_is_its_pages_discussion(
    client_for, client, alice, action, category
):
    about = f"planning.action:{action.pk}"
    form = client_for(alice).get(f"/forum/new/?about={about}")
    assert "Bibliotecas abiertas de noche" in form.text
    response = client_for(alice).post(
        f"/forum/new/?about={about}",
        {
            "category": category.pk,
            "title": "¿Y los domingos?",
            "body": "Propongo abrir.",
            "language": "es",
            "about": about,
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and topic.about == action
    client.logout()
    page = client.get(action.get_absolute_url()).text
    assert "Conversación en el foro" in page and "¿Y los domingos?" in page
    assert "Bibliotecas abiertas de noche" in client.get(topic.get_absolute_url()).text


def test_the_plan_page_offers_to_discuss_each_theme_and_objective(client_for, alice, action):
    theme = ThemeFactory(plan=action.objective.plan, title="Lectura para todos")
    action.objective.theme = theme
    action.objective.save()
    page = client_for(alice).get("/plan/").text
    assert f"/forum/new/?about=planning.objective%3A{action.objective.pk}" in page
    assert f"/forum/new/?about=planning.theme%3A{theme.pk}" in page
    form = client_for(alice).get(f"/forum/new/?about=planning.theme:{theme.pk}").text
    assert f'href="/plan/#theme-{theme.pk}"' in form
    objective = client_for(alice).logout() or Client().get(
        f"/forum/new/?about=planning.objective:{action.objective.pk}"
    )
    assert objective.status_code == 302  # to log in first


def test_nobody_but_staff_discusses_an_action_of_a_draft(client_for, alice, sam, action, category):
    action.objective.plan.status = ActionPlan.Status.DRAFT
    action.objective.plan.save()
    about = f"planning.action:{action.pk}"
    assert client_for(alice).get(f"/forum/new/?about={about}").status_code == 404
    assert client_for(sam).get(f"/forum/new/?about={about}").status_code == 200
    with pytest.raises(ValidationError):
        start_topic(alice, category, about=action)
