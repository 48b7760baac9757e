"""Charts drawn on the server as SVG, so the same markup shows in the browser and in a report's
PDF (WeasyPrint draws SVG). Each chart comes with its numbers as a table for those who cannot see
it: `dashboard/_bar_chart.html` renders both."""

import math
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


# A sequential scale, light to dark, for the map of districts; each district is also outlined
# and labelled with its value, so the colour is never the only way to read it (WCAG 1.4.1).
MAP_COLOURS = ("#dbeafe", "#93c5fd", "#3b82f6", "#1e3a8a")
MAP_NO_DATA = "#f3f4f6"
MAP_DARK = {"#3b82f6", "#1e3a8a"}


@dataclass(frozen=True)
class MapArea:
    label: str
    value_label: str
    path: str
    colour: str
    text_colour: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class DistrictMap:
    id: str
    title: str
    areas: tuple
    height: int
    width: int = WIDTH


def _rings(geometry):
    """The exterior and inner rings of a GeoJSON Polygon or MultiPolygon."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def district_map(id, *, title, rows):
    """The districts drawn from their GeoJSON boundaries, each coloured by its value on a scale
    of four steps and labelled; `rows` are (label, boundary, value or None, value label).
    Districts without a boundary are left off the drawing (the table beside it has them all).
    None when no district has a boundary."""
    drawn = [(row, _rings(row[1])) for row in rows if _rings(row[1])]
    if not drawn:
        return None
    points = [point for _row, rings in drawn for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    # Longitude shrinks with latitude: an equirectangular projection at the city's latitude.
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / (((east - west) * squeeze) or 1)
    height = round((north - south) * scale) or 1

    def project(lon, lat):
        return round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1)

    values = sorted(row[2] for row, _rings_ in drawn if row[2] is not None)
    largest = values[-1] if values else 0
    areas = []
    for (label, _boundary, value, value_label), rings in drawn:
        path = " ".join(
            "M " + " L ".join("{},{}".format(*project(*point[:2])) for point in ring) + " Z"
            for ring in rings
        )
        if value is None:
            colour = MAP_NO_DATA
        else:
            step = (
                min(int(len(MAP_COLOURS) * value / largest), len(MAP_COLOURS) - 1) if largest else 0
            )
            colour = MAP_COLOURS[step]
        exterior = [project(*point[:2]) for point in rings[0][:-1] or rings[0]]
        areas.append(
            MapArea(
                label=str(label),
                value_label=value_label,
                path=path,
                colour=colour,
                text_colour="#ffffff" if colour in MAP_DARK else "#1f2937",
                label_x=round(sum(x for x, _y in exterior) / len(exterior), 1),
                label_y=round(sum(y for _x, y in exterior) / len(exterior), 1),
            )
        )
    return DistrictMap(id=id, title=str(title), areas=tuple(areas), height=height)
