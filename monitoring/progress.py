"""Whether an indicator is on track, and which way it moves: plain arithmetic on numbers, no
database, so the rule the public page states is the rule tested.

*On track*: the latest approved value is at or beyond the straight line drawn from the baseline
(value at the end of the baseline year) to the next goal (value at the end of its year), in the
indicator's direction, allowing the indicator's tolerance. "Next goal" is the first goal whose
year is not before the latest value's; once every goal's year has passed, the last goal."""

from dataclasses import dataclass
from decimal import Decimal

ON_TRACK = "on_track"
OFF_TRACK = "off_track"
NO_DATA = "no_data"


@dataclass(frozen=True)
class Judgement:
    status: str
    expected: Decimal | None = None
    goal_year: int | None = None
    goal_value: Decimal | None = None


def expected_value(*, baseline_value, baseline_year, goal_value, goal_year, at):
    """The value on the straight line from the baseline to the goal at `at` (a year, possibly
    with a fraction for quarters and months)."""
    span = Decimal(goal_year - baseline_year)
    elapsed = Decimal(str(at)) - Decimal(baseline_year)
    return baseline_value + (goal_value - baseline_value) * elapsed / span


def next_goal(goals, at):
    """(year, value) of the first goal at or after `at`, else the last goal, else None."""
    ordered = sorted(goals)
    for year, value in ordered:
        if year >= at:
            return year, value
    return ordered[-1] if ordered else None


def judge(*, baseline_value, baseline_year, goals, latest_value, latest_at, higher_is_better,
          tolerance=Decimal(0)):  # fmt: skip
    """ON_TRACK or OFF_TRACK for the latest value at `latest_at`, with the expected value and
    the goal it was measured against; NO_DATA without a value or a goal after the baseline."""
    goals = [(year, value) for year, value in goals if year > baseline_year]
    if latest_value is None or not goals:
        return Judgement(NO_DATA)
    goal_year, goal_value = next_goal(goals, latest_at)
    expected = expected_value(
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        goal_value=goal_value,
        goal_year=goal_year,
        at=min(latest_at, goal_year),
    )
    if higher_is_better:
        ahead = latest_value >= expected - tolerance
    else:
        ahead = latest_value <= expected + tolerance
    return Judgement(ON_TRACK if ahead else OFF_TRACK, expected, goal_year, goal_value)


UP = "up"
DOWN = "down"
FLAT = "flat"


def trend(values):
    """UP, DOWN or FLAT from the last two values (oldest first); None with fewer than two."""
    if len(values) < 2:
        return None
    before, latest = values[-2], values[-1]
    if latest > before:
        return UP
    if latest < before:
        return DOWN
    return FLAT


def improving(direction_trend, higher_is_better):
    """Whether the trend goes the way the indicator wants; None when flat or unknown."""
    if direction_trend in (None, FLAT):
        return None
    return (direction_trend == UP) == higher_is_better
