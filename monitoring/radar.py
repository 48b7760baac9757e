"""The KFLC self-assessment as a radar chart drawn on the server as SVG (as monitoring.charts
draws the indicators' lines): one axis per area of focus, rings for the levels 1 to 5, this
year's polygon and, dashed, the previous one. `monitoring/_radar_chart.html` renders it with
its numbers as a table."""

import math
from dataclasses import dataclass

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 150
LEVELS = 5
# Colours with at least 3:1 contrast on white (WCAG 1.4.11), as in monitoring.charts.
CURRENT_COLOUR = "#1d4ed8"
PREVIOUS_COLOUR = "#7a4b00"


@dataclass(frozen=True)
class Axis:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    code: str
    name: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Ring:
    points: str
    label_y: float
    level: int


@dataclass(frozen=True)
class RadarChart:
    id: str
    title: str
    year: str
    previous_year: str
    axes: tuple
    rings: tuple
    current: str
    current_points: tuple
    previous: str
    previous_points: tuple
    rows: tuple  # the selectors' FocusRating rows, for the table
    size: int = SIZE
    centre: float = CENTRE


def _at(index, count, radius):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(CENTRE + radius * math.cos(angle), 1), round(CENTRE + radius * math.sin(angle), 1)


def _polygon(levels):
    count = len(levels)
    points = [_at(i, count, RADIUS * (level or 0) / LEVELS) for i, level in enumerate(levels)]
    return " ".join(f"{x},{y}" for x, y in points), points


def radar_chart(id, *, title, rows, year, previous_year=None):
    """`rows` are monitoring.selectors.kflc_comparison's, one per area of focus."""
    count = len(rows)
    axes = []
    for index, row in enumerate(rows):
        x, y = _at(index, count, RADIUS)
        label_x, label_y = _at(index, count, RADIUS + 22)
        anchor = "middle" if abs(label_x - CENTRE) < 5 else ("start" if label_x > CENTRE else "end")
        axes.append(Axis(x, y, label_x, label_y, anchor, row.focus.code, str(row.focus.name)))
    rings = tuple(
        Ring(_polygon([level] * count)[0], round(CENTRE - RADIUS * level / LEVELS, 1), level)
        for level in range(1, LEVELS + 1)
    )
    current, current_xy = _polygon([row.level for row in rows])
    has_previous = any(row.previous_level for row in rows)
    previous, previous_xy = _polygon([row.previous_level for row in rows])
    return RadarChart(
        id=id,
        title=str(title),
        year=str(year),
        previous_year=str(previous_year or ""),
        axes=tuple(axes),
        rings=rings,
        current=current,
        current_points=tuple(
            Point(x, y, f"{row.focus.code}: {row.level}")
            for (x, y), row in zip(current_xy, rows, strict=True)
            if row.level
        ),
        previous=previous if has_previous else "",
        previous_points=tuple(
            Point(x, y, f"{row.focus.code}: {row.previous_level}")
            for (x, y), row in zip(previous_xy, rows, strict=True)
            if row.previous_level and has_previous
        ),
        rows=tuple(rows),
    )
