"""Charts drawn on the server as SVG, so the same markup shows in the browser and in a report's
PDF (WeasyPrint draws SVG). Each chart comes with its numbers as a table for those who cannot see
it: `dashboard/_bar_chart.html` renders both."""

from dataclasses import dataclass

# The drawing's own units: the SVG scales to its box, and at this width a phone shows its
# 13-unit text at about 12 px.
WIDTH = 400
ROW_HEIGHT = 40
BAR_HEIGHT = 14
VALUE_SPACE = 60
# Bars in colours with at least 3:1 contrast on white (WCAG 1.4.11), by key where one is given.
COLOURS = {
    "late": "#9b1c1c",
    "cancelled": "#9b1c1c",
    "at_risk": "#7a4b00",
    "on_hold": "#7a4b00",
    "done": "#1d6b37",
    "on_time": "#1d6b37",
}
DEFAULT_COLOUR = "#1d4ed8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_label: str
    colour: str
    label_y: int
    bar_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    column: str
    bars: tuple
    height: int
    width: int = WIDTH


def bar_chart(id, *, title, column, rows, unit=""):
    """A horizontal bar chart of `rows`, each (label, value) or (label, value, key), the key
    picking the bar's colour; bars are scaled to the largest value."""
    largest = max((row[1] for row in rows), default=0) or 1
    bars = []
    for number, row in enumerate(rows):
        label, value = row[0], row[1]
        key = row[2] if len(row) > 2 else None
        top = number * ROW_HEIGHT
        width = (WIDTH - VALUE_SPACE) * value / largest
        bars.append(
            Bar(
                label=str(label),
                value=value,
                value_label=f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}",
                colour=COLOURS.get(key, DEFAULT_COLOUR),
                label_y=top + 14,
                bar_y=top + 20,
                width=round(width, 1),
                value_x=round(width + 6, 1),
            )
        )
    return BarChart(
        id=id, title=str(title), column=str(column), bars=tuple(bars), height=len(bars) * ROW_HEIGHT
    )
