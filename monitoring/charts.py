"""An indicator's approved values against its goals, drawn on the server as SVG (the same in the
browser and in a PDF), with its numbers as a table for those who cannot see it:
`monitoring/_line_chart.html` renders both. The dashboard draws its own bar charts; this module
is monitoring's, below it in the layers."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 400
HEIGHT = 220
LEFT = 56
RIGHT = 12
TOP = 12
BOTTOM = 28
# Colours with at least 3:1 contrast on white (WCAG 1.4.11).
VALUE_COLOUR = "#1d4ed8"
GOAL_COLOUR = "#7a4b00"


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    values: tuple
    goals: tuple
    line: str
    path_to_goals: str
    x_ticks: tuple
    y_ticks: tuple
    rows: tuple  # (period label, value text, goal text) for the table
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT


def number(value):
    """A Decimal without trailing zeros, as people write it."""
    text = f"{Decimal(value).normalize():f}"
    return text


def _nice_step(span):
    raw = span / 4 if span else 1
    magnitude = Decimal(10) ** (Decimal(raw).adjusted())
    for factor in (1, 2, 5, 10):
        step = magnitude * factor
        if step >= raw:
            return step
    return magnitude * 10


def line_chart(id, *, title, baseline, goals, points):
    """`baseline` (year, value); `goals` [(year, value)]; `points` [(position, value, label)]
    with the position in years (monitoring.models.Period.position)."""
    baseline_year, baseline_value = baseline
    xs = [baseline_year] + [year for year, _v in goals] + [p[0] for p in points]
    ys = [baseline_value] + [v for _y, v in goals] + [p[1] for p in points]
    x_low, x_high = min(xs), max(xs)
    if x_high == x_low:
        x_high = x_low + 1
    step = _nice_step(Decimal(max(ys) - min(ys)) or Decimal(abs(max(ys)) or 1))
    y_low = (Decimal(min(ys)) / step).to_integral_value(rounding="ROUND_FLOOR") * step
    y_high = (Decimal(max(ys)) / step).to_integral_value(rounding="ROUND_CEILING") * step
    if y_high == y_low:
        y_high = y_low + step

    def x_of(x):
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (float(x) - x_low) / (x_high - x_low), 1)

    def y_of(y):
        usable = HEIGHT - TOP - BOTTOM
        return round(HEIGHT - BOTTOM - usable * float((Decimal(y) - y_low) / (y_high - y_low)), 1)

    values = tuple(Mark(x_of(x), y_of(y), f"{label}: {number(y)}") for x, y, label in points)
    goal_marks = tuple(
        Mark(x_of(year), y_of(value), f"{year}: {number(value)}") for year, value in sorted(goals)
    )
    path = [(x_of(baseline_year), y_of(baseline_value))] + [(m.x, m.y) for m in goal_marks]
    years = range(int(x_low), int(x_high) + 1)
    every = max(1, len(years) // 6 + (1 if len(years) % 6 else 0))
    x_ticks = tuple(Tick(x_of(year), str(year)) for year in years[::every])
    y_ticks = []
    tick = y_low
    while tick <= y_high:
        y_ticks.append(Tick(y_of(tick), number(tick)))
        tick += step
    goal_by_year = dict(goals)
    rows = [(str(baseline_year), number(baseline_value), "")]
    for _x, value, label in points:
        goal = goal_by_year.get(int(label)) if label.isdigit() else None
        rows.append((label, number(value), number(goal) if goal is not None else ""))
    shown = {label for label, _v, _g in rows}
    rows += [
        (str(year), "", number(value)) for year, value in sorted(goals) if str(year) not in shown
    ]
    return LineChart(
        id=id,
        title=str(title),
        values=values,
        goals=goal_marks,
        line=" ".join(f"{m.x},{m.y}" for m in values),
        path_to_goals=" ".join(f"{x},{y}" for x, y in path),
        x_ticks=x_ticks,
        y_ticks=tuple(y_ticks),
        rows=tuple(sorted(rows, key=lambda row: row[0])),
    )
