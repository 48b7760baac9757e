"""The on/off-track rule the indicator pages state, on plain numbers."""

from decimal import Decimal as D

import pytest

from monitoring.progress import (
    DOWN,
    FLAT,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    UP,
    expected_value,
    improving,
    judge,
    next_goal,
    trend,
)


def _judge(latest, at, *, higher=True, tolerance=D(0), goals=((2030, D(160)),)):
    return judge(
        baseline_value=D(100),
        baseline_year=2024,
        goals=list(goals),
        latest_value=latest,
        latest_at=at,
        higher_is_better=higher,
        tolerance=tolerance,
    )


def test_expected_value_is_on_the_straight_line_from_baseline_to_goal():
    assert expected_value(
        baseline_value=D(100), baseline_year=2024, goal_value=D(160), goal_year=2030, at=2027
    ) == D(130)


def test_value_on_the_line_is_on_track():
    judgement = _judge(D(130), 2027)
    assert judgement.status == ON_TRACK
    assert judgement.expected == D(130)
    assert judgement.goal_year == 2030


def test_value_below_the_line_is_off_track_when_higher_is_better():
    assert _judge(D("129.9"), 2027).status == OFF_TRACK


def test_tolerance_keeps_a_value_slightly_behind_on_track():
    assert _judge(D(128), 2027, tolerance=D(2)).status == ON_TRACK
    assert _judge(D("127.9"), 2027, tolerance=D(2)).status == OFF_TRACK


def test_lower_is_better_reads_the_line_the_other_way():
    goals = ((2030, D(40)),)
    # The line falls from 100 (2024) to 40 (2030): 70 expected in 2027.
    assert _judge(D(70), 2027, higher=False, goals=goals).status == ON_TRACK
    assert _judge(D(69), 2027, higher=False, goals=goals).status == ON_TRACK
    assert _judge(D(71), 2027, higher=False, goals=goals).status == OFF_TRACK
    assert _judge(D(72), 2027, higher=False, goals=goals, tolerance=D(2)).status == ON_TRACK


def test_the_next_goal_is_the_first_not_before_the_latest_value():
    goals = ((2026, D(120)), (2030, D(200)))
    # 2025 measures against the 2026 goal: line 100 → 120, 110 expected.
    assert _judge(D(110), 2025, goals=goals).expected == D(110)
    # 2027 measures against the 2030 goal, from the baseline: 100 + 100 * 3/6 = 150.
    judgement = _judge(D(140), 2027, goals=goals)
    assert (judgement.goal_year, judgement.expected, judgement.status) == (2030, D(150), OFF_TRACK)


def test_after_the_last_goal_the_value_must_reach_it():
    judgement = _judge(D(159), 2032)
    assert (judgement.expected, judgement.status) == (D(160), OFF_TRACK)
    assert _judge(D(161), 2032).status == ON_TRACK


def test_quarters_sit_between_years():
    # The second quarter of 2027 ends at 2026.5 on the years' scale: 100 + 60 * 2.5/6 = 125.
    assert _judge(D(125), 2026.5).expected == D(125)


@pytest.mark.parametrize(
    "latest,goals", [(None, ((2030, D(1)),)), (D(5), ()), (D(5), ((2024, D(9)), (2020, D(9))))]
)
def test_no_value_or_no_goal_after_the_baseline_gives_no_judgement(latest, goals):
    assert _judge(latest, 2027, goals=goals).status == NO_DATA


def test_next_goal_without_goals_is_none():
    assert next_goal([], 2027) is None


def test_trend_compares_the_last_two_values():
    assert trend([D(1)]) is None
    assert trend([D(1), D(3), D(2)]) == DOWN
    assert trend([D(1), D(2)]) == UP
    assert trend([D(2), D(2)]) == FLAT
    assert improving(DOWN, higher_is_better=False) is True
    assert improving(UP, higher_is_better=False) is False
    assert improving(FLAT, higher_is_better=True) is None
