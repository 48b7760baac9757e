"""The public change log of the adopted plan (/plan/changes/) and its Atom feed: what changed and
when, under the name of the organisation that changed it, never a person's."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from planning import services
from planning.models import Action, ActionPlan, PlanChange, ProgressUpdate
from tests.planning.factories import (
    ActionContactFactory,
    ActionFactory,
    ActionPlanFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ThemeFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def plan():
    return ActionPlanFactory(status=ActionPlan.Status.ADOPTED)


@pytest.fixture
def action(plan):
    return ActionFactory(
        objective=ObjectiveFactory(plan=plan),
        lead_organisation=OrganisationFactory(name="Biblioteca Central"),
    )


@pytest.fixture
def dora(action):
    """Dora, the library's contact person for the action."""
    return ActionContactFactory(action=action, person=UserFactory(full_name="Dora Contacto")).person


def save_tracking(action, by, **fields):
    """What the action's edit page does: the service with the version read before."""
    for name, value in fields.items():
        setattr(action, name, value)
    return services.action_update(action=action, version=action.version, by=by)


def publish_update(action, by, done="Abrimos la sala de lectura."):
    services.plan_settings_update(plan=action.objective.plan, by=None, updates_need_review=False)
    organisation = action.contacts.get(person=by).organisation if by else None
    return services.progress_update_submit(
        update=ProgressUpdate(action=action, done=done), by=by, organisation=organisation
    )


def test_a_contact_persons_phase_change_and_milestone_are_logged_under_the_organisation(
    client_for, action, dora
):
    milestone = MilestoneFactory(action=action, title="Sala abierta", due=date(2027, 6, 30))
    data = {
        "version": action.version,
        "phase": Action.Phase.IMPLEMENTATION,
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "1",
        "milestones-0-id": milestone.pk,
        "milestones-0-action": action.pk,
        "milestones-0-title_es": "Sala abierta",
        "milestones-0-due": "2027-06-30",
        "milestones-0-completed_on": "2026-11-01",
    }
    response = client_for(dora).post(reverse("planning:action-edit", args=[action.pk]), data)
    assert response.status_code == 302
    changes = PlanChange.objects.order_by("pk")
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("phase", "not_started", "implementation"),
        ("milestone", "", ""),
    ]
    assert changes[1].milestone == milestone
    assert {change.organisation.name for change in changes} == {"Biblioteca Central"}
    assert "Sala abierta" in changes[1].title


def test_staff_changes_are_logged_as_the_citys_and_drafts_are_not_logged(action, sam):
    save_tracking(
        action, sam, status_override=Action.Status.AT_RISK, status_override_reason="Sin sede."
    )
    change = PlanChange.objects.get()
    assert (change.kind, change.after, change.organisation) == ("status", "at_risk", None)
    draft = ActionFactory(objective=ObjectiveFactory(plan=ActionPlanFactory()))
    save_tracking(draft, sam, phase=Action.Phase.PLANNING)
    assert PlanChange.objects.count() == 1


def test_a_progress_update_is_logged_when_it_is_public_not_while_it_waits(action, dora, sam):
    update = services.progress_update_submit(
        update=ProgressUpdate(action=action, done="Primera sesión."),
        by=dora,
        organisation=action.lead_organisation,
    )
    assert not PlanChange.objects.exists()
    services.progress_update_review(update=update, by=sam, approve=True)
    change = PlanChange.objects.get()
    assert (change.kind, change.update, change.organisation) == (
        "update",
        update,
        action.lead_organisation,
    )


def test_adopting_a_version_is_logged_with_a_public_link_to_the_comparison(
    client, plan, action, carol
):
    draft = services.plan_create_version(plan=plan, by=carol)
    services.plan_adopt(plan=draft, by=carol, decision="Cabildo 1/2027")
    change = PlanChange.objects.get(kind="adoption")
    assert (change.plan, change.previous_plan) == (draft, plan)
    page = client.get(reverse("planning:changes")).content.decode()
    link = change.get_absolute_url()
    assert link.replace("&", "&amp;") in page
    comparison = client.get(link)
    assert comparison.status_code == 200 and comparison.context["comparison"] is not None


def test_the_log_names_the_organisation_never_the_person(client, action, dora):
    publish_update(action, dora)
    save_tracking(action, dora, phase=Action.Phase.PLANNING)
    page = client.get(reverse("planning:changes")).content.decode()
    assert "Abrimos la sala de lectura." in page
    assert "Biblioteca Central" in page
    assert "Dora Contacto" not in page and dora.email not in page


def test_the_log_filters_by_theme_in_every_version_organisation_and_kind(
    client, plan, action, dora, sam, carol
):
    other = ActionFactory(
        objective=ObjectiveFactory(plan=plan, theme=ThemeFactory(plan=plan)),
        title="Huertos escolares",
    )
    publish_update(action, dora, done="Hecho en la biblioteca.")
    save_tracking(other, sam, phase=Action.Phase.PLANNING)
    # After a new version is adopted, the theme of the new version finds the old changes.
    draft = services.plan_create_version(plan=plan, by=carol)
    services.plan_adopt(plan=draft, by=carol)
    theme = draft.themes.get(lineage_key=action.objective.theme.lineage_key)
    url = reverse("planning:changes")

    def shown(**query):
        return {change.kind for change in client.get(url, query).context["page"].object_list}

    assert shown() == {"update", "phase", "adoption"}
    assert shown(theme=theme.pk) == {"update"}
    assert shown(organisation=action.lead_organisation.pk) == {"update"}
    assert shown(kind="phase") == {"phase"}
    response = client.get(url, {"kind": "nonsense", "theme": "x"})
    assert response.status_code == 200 and response.context["filter"].errors


def test_the_log_is_paginated(client, plan):
    PlanChange.objects.bulk_create(
        PlanChange(plan=plan, kind=PlanChange.Kind.ADOPTION) for _ in range(30)
    )
    url = reverse("planning:changes")
    assert len(client.get(url).context["page"].object_list) == 25
    assert len(client.get(url, {"page": 2}).context["page"].object_list) == 5
    assert client.get(url, {"page": "zz"}).status_code == 200


def test_the_log_makes_as_many_queries_whatever_it_lists(client, plan, action, dora, sam):
    def add(count):
        shown = []
        for _ in range(count):
            number = PlanChange.objects.count()
            shown.append(publish_update(action, dora, done=f"Sesión número {number}.").done)
            other = ActionFactory(
                objective=action.objective, lead_organisation=OrganisationFactory()
            )
            save_tracking(other, sam, phase=Action.Phase.PLANNING)
            shown.append(other.title)
        return shown

    assert_constant_queries(client, reverse("planning:changes"), add)


def test_the_atom_feed_parses_back_with_the_changes_and_follows_the_filters(
    client, action, dora, sam
):
    publish_update(action, dora)
    save_tracking(action, sam, phase=Action.Phase.PLANNING)
    response = client.get(reverse("planning:changes-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[0].startswith(action.title) and "fase" in titles[0]
    authors = [entry.find(f"{ATOM}author").findtext(f"{ATOM}name") for entry in entries]
    assert authors == ["Personal municipal", "Biblioteca Central"]
    assert "Abrimos la sala de lectura." in entries[1].findtext(f"{ATOM}summary")
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link.endswith(f"{action.get_absolute_url()}#update-{ProgressUpdate.objects.get().pk}")
    assert "Dora" not in response.content.decode()
    filtered = client.get(reverse("planning:changes-feed"), {"kind": "update"})
    only_updates = ET.fromstring(filtered.content)
    assert len(only_updates.findall(f"{ATOM}entry")) == 1


@pytest.mark.slow
def test_the_new_public_pages_are_valid_html(client, settings, tmp_path, action, dora, carol):
    """The change log, its comparison link and an action page with updates, in both languages,
    through the same Nu HTML checker as tests/test_valid_html.py."""
    from django.utils.translation import override

    from tests.test_valid_html import nu_errors, vnu_command

    command = vnu_command()
    publish_update(action, dora)
    save_tracking(action, dora, phase=Action.Phase.PLANNING)
    draft = services.plan_create_version(plan=action.objective.plan, by=carol)
    services.plan_adopt(plan=draft, by=carol)
    files = {}
    for language in ["es", "en"]:
        with override(language):
            paths = {
                "changes": reverse("planning:changes"),
                "action": action.get_absolute_url(),
                "compare": PlanChange.objects.get(kind="adoption").get_absolute_url(),
            }
        for name, path in paths.items():
            response = client.get(path)
            assert response.status_code == 200, path
            file = tmp_path / f"{language}-{name}.html"
            file.write_bytes(response.content)
            files[file.name] = path
    errors = nu_errors(command, tmp_path, files)
    assert not errors, "\n".join(errors)
