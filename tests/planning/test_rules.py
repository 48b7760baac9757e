"""The plan's rules: periods, progress roll-up, computed status and its override."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from planning.models import Action, ActionPlan
from planning.selectors import with_status
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    MilestoneFactory,
    ObjectiveFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2027, 1, 1)


def test_a_plan_cannot_end_before_it_starts():
    plan = ActionPlanFactory.build(start=date(2030, 1, 1), end=date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "end" in error.value.message_dict


def test_an_action_must_fall_within_the_plan_period():
    objective = ObjectiveFactory()
    action = ActionFactory.build(objective=objective, start=date(2025, 6, 1))
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "start" in error.value.message_dict


def test_a_status_set_by_hand_needs_a_reason():
    action = ActionFactory(status_override=Action.Status.AT_RISK)
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "status_override_reason" in error.value.message_dict
    action.status_override_reason = "Sin presupuesto."
    action.full_clean()


def test_action_progress_is_completed_milestones_over_all():
    action = ActionFactory()
    MilestoneFactory(action=action, completed_on=date(2026, 5, 1))
    MilestoneFactory.create_batch(3, action=action)
    assert action.progress == Decimal(25)


def test_without_milestones_progress_is_the_manual_figure_or_100_when_completed():
    assert ActionFactory(manual_progress=60).progress == 60
    assert ActionFactory(manual_progress=None).progress == 0
    assert ActionFactory(phase=Action.Phase.COMPLETED).progress == 100


def test_objective_progress_is_the_weighted_mean_of_its_actions():
    objective = ObjectiveFactory()
    ActionFactory(objective=objective, manual_progress=100, weight=3)
    ActionFactory(objective=objective, manual_progress=20, weight=1)
    assert objective.progress == Decimal(80)


def test_equal_weights_by_default_and_zero_weights_fall_back_to_the_plain_mean():
    objective = ObjectiveFactory()
    ActionFactory(objective=objective, manual_progress=100)
    ActionFactory(objective=objective, manual_progress=50)
    assert objective.progress == Decimal(75)
    objective.actions.update(weight=0)
    assert objective.progress == Decimal(75)
    assert ObjectiveFactory().progress is None


def test_an_action_is_late_when_a_milestone_is_overdue_or_its_end_has_passed():
    on_time = ActionFactory()
    MilestoneFactory(action=on_time, due=TODAY + timedelta(days=1))
    overdue = ActionFactory()
    MilestoneFactory(action=overdue, due=TODAY - timedelta(days=1))
    ended = ActionFactory(end=TODAY - timedelta(days=1), start=date(2026, 1, 2))
    completed = ActionFactory(end=TODAY - timedelta(days=1), phase=Action.Phase.COMPLETED)
    assert on_time.computed_status(TODAY) == Action.Status.ON_TIME
    assert overdue.computed_status(TODAY) == Action.Status.LATE
    assert ended.computed_status(TODAY) == Action.Status.LATE
    assert completed.computed_status(TODAY) == Action.Status.DONE


def test_the_status_set_by_hand_wins_over_the_computed_one():
    action = ActionFactory(
        status_override=Action.Status.CANCELLED, status_override_reason="Fusionada."
    )
    assert action.status == Action.Status.CANCELLED


class StatusRuleAgreesInSqlAndPython(TestCase):
    """The page filters by status in SQL and shows it from Python: both must say the same."""

    @given(
        phase=st.sampled_from(Action.Phase.values),
        override=st.sampled_from(["", *Action.Status.values]),
        end_offset=st.integers(-400, 400),
        milestones=st.lists(st.tuples(st.integers(-300, 300), st.booleans()), max_size=4),
    )
    def test_status(self, phase, override, end_offset, milestones):
        plan = ActionPlan.objects.create(
            title="P", attractive_title="P", start=date(2020, 1, 1), end=date(2035, 1, 1)
        )
        objective = plan.objectives.create(title="O")
        action = objective.actions.create(
            title="A",
            start=date(2021, 1, 1),
            end=TODAY + timedelta(days=end_offset),
            phase=phase,
            status_override=override,
            status_override_reason="r" if override else "",
        )
        for offset, done in milestones:
            action.milestones.create(
                title="M", due=TODAY + timedelta(days=offset), completed_on=TODAY if done else None
            )
        in_sql = with_status(Action.objects.filter(pk=action.pk), today=TODAY).get()
        in_python = override or action.computed_status(TODAY)
        assert in_sql.current_status == in_python
