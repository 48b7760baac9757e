"""Edits in the administration count as edits: the site's forms notice them."""

import pytest
from django.urls import reverse

from planning.models import ActionPlan
from planning.selectors import plan_data_version
from tests.admin_forms import change_form_data
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.planning.test_views import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    # A draft: the adopted plan's titles change only through a draft (test_plan_rule.py).
    plan = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    return ActionFactory(objective=ObjectiveFactory(plan=plan), title="Bibliotecas abiertas")


def admin_url(action):
    return reverse("admin:planning_action_change", args=[action.pk])


def test_a_site_form_opened_before_an_admin_edit_cannot_overwrite_it(client_for, sam, action):
    """Sam opens the site's edit form, changes the title in the administration, then saves the
    form he had open: the site answers 409 and the administration's title stays."""
    client = client_for(sam)
    site_form = client.get(reverse("planning:action-edit", args=[action.pk]))
    version_seen = site_form.context["form"]["version"].value()

    page = client.get(admin_url(action))
    response = client.post(admin_url(action), change_form_data(page, title_es="Título del admin"))
    assert response.status_code == 302

    stale = edit_data(action, version=version_seen, title="Título del sitio")
    response = client.post(reverse("planning:action-edit", args=[action.pk]), stale)
    assert response.status_code == 409
    action.refresh_from_db()
    assert action.title == "Título del admin"


def test_an_admin_form_opened_before_a_site_edit_cannot_overwrite_it(client_for, sam, action):
    client = client_for(sam)
    page = client.get(admin_url(action))
    response = client.post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title="Título del sitio"),
    )
    assert response.status_code == 302
    response = client.post(admin_url(action), change_form_data(page, title_es="Título del admin"))
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.title == "Título del sitio"


def test_an_admin_edit_records_who_set_the_status_by_hand(client_for, sam, action):
    client = client_for(sam)
    page = client.get(admin_url(action))
    data = change_form_data(
        page, status_override="on_hold", status_override_reason="Sin presupuesto."
    )
    assert client.post(admin_url(action), data).status_code == 302
    action.refresh_from_db()
    assert action.status_override_by == sam
    assert action.version == 2


def test_deleting_an_action_in_the_admin_renews_the_cached_plan_pages(
    client_for, sam, action, django_capture_on_commit_callbacks
):
    """Deleting goes around planning.services: the admin tells the plan pages' cache itself."""
    before = plan_data_version()
    url = reverse("admin:planning_action_delete", args=[action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(sam).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert plan_data_version() != before
