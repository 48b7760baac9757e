"""Checks for the GeoJSON the city uploads (district boundaries)."""

import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_POINTS = 20_000


def parse_geojson(text):
    """The one geometry in a GeoJSON text: a bare geometry, a Feature, or a FeatureCollection
    holding exactly one Feature. Raises ValidationError with a sentence a person can act on."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            _("The file is not valid JSON: %(error)s") % {"error": error}, code="json"
        ) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise ValidationError(
                _("The collection holds %(count)d features; upload one district at a time.")
                % {"count": len(features)},
                code="features",
            )
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict):
        raise ValidationError(_("The file holds no GeoJSON geometry."), code="geometry")
    return data


def _rings(geometry):
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates
    else:
        raise ValidationError(
            _("A boundary must be a Polygon or a MultiPolygon, not “%(kind)s”.")
            % {"kind": kind or "?"},
            code="kind",
        )
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(_("The boundary has no coordinates."), code="empty")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("The boundary has a polygon without rings."), code="rings")
        yield from polygon


def _point(position):
    if (
        not isinstance(position, list)
        or len(position) < 2
        or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in position[:2])
    ):
        raise ValidationError(
            _("“%(value)s” is not a position: use [longitude, latitude].")
            % {"value": json.dumps(position)[:60]},
            code="position",
        )
    return position[0], position[1]


def validate_boundary(geometry, city):
    """A Polygon or MultiPolygon whose closed rings lie inside the city's bounding box."""
    points = 0
    for ring in _rings(geometry):
        if not isinstance(ring, list) or len(ring) < 4:
            raise ValidationError(
                _("Each ring of a polygon needs at least four positions."), code="ring"
            )
        positions = [_point(position) for position in ring]
        if positions[0] != positions[-1]:
            raise ValidationError(
                _("A ring must end where it starts (its first and last positions are equal)."),
                code="open_ring",
            )
        points += len(positions)
        if points > MAX_POINTS:
            raise ValidationError(
                _("The boundary has more than %(count)d points; simplify it first.")
                % {"count": MAX_POINTS},
                code="too_many_points",
            )
        for lon, lat in positions:
            if not city.contains(lat, lon):
                raise ValidationError(
                    _(
                        "The point (longitude %(lon)s, latitude %(lat)s) lies outside the "
                        "city's limits; check the coordinates are longitude first, in degrees "
                        "(WGS 84)."
                    )
                    % {"lon": lon, "lat": lat},
                    code="outside",
                )
