"""The plan's public pages kept rendered (learningcity.kept). An action's page: a second reading
loads the action alone, not its roles, milestones and updates; an update published, a milestone
done or the next day shows at once; signed-in staff and contact persons get their tools on a page
rendered for them. The KFLC coverage: kept until an objective or a city's feature changes."""

from datetime import timedelta

import pytest
import time_machine

from planning import services
from planning.models import ActionPlan, KflcFeature, KflcFocus, ProgressUpdate
from tests.conftest import TODAY
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from tests.queries import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def action(kept):
    def make():
        plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
        action = ActionFactory(objective__plan=plan, title="Bibliotecas abiertas en domingo")
        ActionRoleFactory(action=action, organisation__name="Museo del Agua")
        return action

    return kept(make)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def tables_read(client, url):
    return {
        table
        for query in count_queries(client, url)
        for table in ("planning_milestone", "planning_actionrole", "planning_progressupdate")
        if f'"{table}"' in query["sql"]
    }


def test_a_second_public_reading_loads_the_action_alone(client, action):
    url = action.get_absolute_url()
    first = page(client, url)
    assert "Museo del Agua" in first
    assert tables_read(client, url) == set()
    assert "Museo del Agua" in page(client, url)


def test_an_update_published_and_a_milestone_due_show_at_once_and_late_with_the_day(
    client, kept, sam, action
):
    url = action.get_absolute_url()
    assert "Todavía no hay informes de avance." in page(client, url)

    update = kept(
        lambda: ProgressUpdateFactory(
            action=action, done="Abrimos tres salas.", status=ProgressUpdate.Status.PENDING
        )
    )
    assert "Abrimos tres salas." not in page(client, url)
    kept(lambda: services.progress_update_review(update=update, by=sam, approve=True))
    assert "Abrimos tres salas." in page(client, url)

    kept(lambda: MilestoneFactory(action=action, title="Sala infantil", due=TODAY.date()))
    content = page(client, url)
    assert "Sala infantil" in content and "status-on_time" in content
    with time_machine.travel(TODAY + timedelta(days=2)):
        assert "status-late" in page(client, url)


def test_staff_get_their_tools_after_the_public_copy_is_kept(client, client_for, sam, action):
    url = action.get_absolute_url()
    assert "Editar la acción" not in page(client, url)
    assert "Editar la acción" in page(client_for(sam), url)


def test_an_action_of_a_draft_is_not_found_by_the_public_kept_or_not(client, kept):
    draft = kept(lambda: ActionFactory(objective__plan__status=ActionPlan.Status.DRAFT))
    for _time in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


# The KFLC coverage page.


def test_the_kflc_page_is_kept_until_an_objective_or_a_feature_changes(client, kept, action):
    focus = KflcFocus.objects.get(code="2.2")
    objective = action.objective
    assert "Not covered" in page(client, "/en/plan/kflc/")
    assert [q for q in count_queries(client, "/en/plan/kflc/") if "planning_" in q["sql"]] == []

    kept(lambda: objective.kflc_focuses.add(focus))
    covered = page(client, "/en/plan/kflc/")
    assert (
        f'<a href="/en/plan/objectives/{objective.pk}/">' in covered or objective.title in covered
    )

    kept(lambda: KflcFeature.objects.create(focus=focus, code="2.2.9", title="Huertos escolares"))
    assert "Huertos escolares" in page(client, "/en/plan/kflc/")
