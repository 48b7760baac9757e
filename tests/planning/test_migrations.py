"""The migration that numbers the versions gives the plans already stored their numbers."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("planning", "0003_text_lengths")]
AFTER = [("planning", "0004_plan_version_numbers")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_versions_already_stored_are_numbered_in_their_lineage():
    apps = _migrate(BEFORE)
    try:
        plans = apps.get_model("planning", "ActionPlan")
        period = {"title": "Plan", "start": date(2026, 1, 1), "end": date(2030, 12, 31)}
        first = plans.objects.create(attractive_title="A", status="superseded", **period)
        second = plans.objects.create(
            attractive_title="B", status="adopted", based_on=first, **period
        )
        plans.objects.create(attractive_title="C", based_on=second, **period)
        plans.objects.create(attractive_title="D", based_on=first, **period)
        plans.objects.create(attractive_title="E", **period)

        plans = _migrate(AFTER).get_model("planning", "ActionPlan")
        numbered = {plan.attractive_title: plan for plan in plans.objects.all()}
        assert {title: plan.number for title, plan in numbered.items()} == {
            "A": 1,
            "B": 2,
            "C": 3,
            "D": 4,
            "E": 1,
        }
        lineages = {plan.lineage_key for title, plan in numbered.items() if title != "E"}
        assert len(lineages) == 1
        assert numbered["E"].lineage_key not in lineages
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
