import pytest

from tests.stakeholders.factories import OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_dashboard_counts_verified_organisations_by_sector(client):
    arts = SectorFactory(slug="arts", name_es="Artes", name_en="Arts")
    OrganisationFactory.create_batch(2, sector=arts)
    OrganisationFactory(sector=arts, verified=False)
    response = client.get("/en/dashboard/")
    sectors = {sector.slug: sector.organisation_count for sector in response.context["sectors"]}
    assert sectors["arts"] == 2
    assert response.context["organisation_total"] == 2
    assert response.context["sectors_represented"] == 1


def test_dashboard_shows_the_adopted_plan_progress(client):
    from planning.models import Action
    from tests.planning.factories import ActionFactory, ActionPlanFactory

    plan = ActionPlanFactory(status="adopted", attractive_title="Ciudad que aprende")
    ActionFactory(objective__plan=plan, manual_progress=50)
    ActionFactory(objective__plan=plan, phase=Action.Phase.COMPLETED)
    response = client.get("/en/dashboard/")
    progress = response.context["progress"]
    assert progress["action_total"] == 2
    assert {key: count for _label, key, count in progress["by_status"]}["done"] == 1
    assert round(progress["overall"]) == 75
    assert "Ciudad que aprende" in response.content.decode()


def test_dashboard_makes_a_constant_number_of_queries(client):
    from tests.planning.factories import ActionFactory, ActionPlanFactory, MilestoneFactory
    from tests.queries import assert_constant_queries

    plan = ActionPlanFactory(status="adopted")

    def add(n):
        actions = ActionFactory.create_batch(n, objective__plan=plan)
        for action in actions:
            MilestoneFactory(action=action)
        OrganisationFactory.create_batch(n)
        # The dashboard lists each action's objective; the actions it counts by status.
        return [action.objective.title for action in actions]

    assert_constant_queries(client, "/dashboard/", add)
