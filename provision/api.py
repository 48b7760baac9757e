"""`/api/provision/opportunities.geojson`: the public opportunities that have a place, as an
RFC 7946 FeatureCollection (positions longitude first), for the same filters as the search
page, plus `bbox=minlon,minlat,maxlon,maxlat` for what lies inside a map's view.

Outside the language prefix (DESIGN.md §5); names come in the reader's language, or in the one
`lang` asks for. Bad input is answered 400 with a JSON `error` (and the filters' `fields`),
never 500; parameters it does not know are ignored. Properties use Open Referral HSDS names
where they fit (`id`, `name`, `organization`, `url`, ...); each feature is an opportunity, so
several may share a space's point (the map clusters them).
"""

import gzip
import hashlib
import json
import math

from django.conf import settings
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.http import HttpResponse, JsonResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page, require_GET

from provision import layers, selectors
from provision.filters import OpportunityFilter

# Stands for each opportunity's slug in its page's path, reversed once per answer.
SLUG = "--slug--"


class BadBox(ValueError):
    pass


def parse_bbox(text):
    """(min lon, min lat, max lon, max lat) from "minlon,minlat,maxlon,maxlat" (RFC 7946 §5),
    or BadBox with the reason."""
    parts = text.split(",")
    if len(parts) != 4:
        raise BadBox(_("bbox needs four numbers: minlon,minlat,maxlon,maxlat."))
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise BadBox(_("bbox holds something that is not a number.")) from None
    if not all(math.isfinite(n) for n in (west, south, east, north)):
        raise BadBox(_("bbox holds something that is not a number."))
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise BadBox(
            _(
                "bbox is out of range: longitudes lie within ±180, latitudes within ±90, "
                "longitude first."
            )
        )
    if west > east or south > north:
        raise BadBox(_("bbox must give its south-western corner first, then its north-eastern."))
    return west, south, east, north


def _bad_request(error, fields=None):
    body = {"error": error}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=400)


# Read as plain values, the coordinates as floats by the database (no Decimal per row).
COLUMNS = (
    "slug", "name_es", "name_en", "lon", "lat", "format", "is_free",
    "organization__name", "location__name_es", "location__name_en",
)  # fmt: skip


def _feature(row, english, page):
    slug, name_es, name_en, lon, lat, form, is_free, organization, place_es, place_en = row
    return {
        "type": "Feature",
        "id": slug,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "name": (english and name_en) or name_es,
            "organization": organization,
            "location": (english and place_en) or place_es or "",
            "format": form,
            "is_free": is_free,
            "url": page.replace(SLUG, slug),
        },
    }


# A city's answer is megabytes of repetitive JSON: sent compressed to whoever accepts it (it
# holds no secret, so compression leaks nothing), a twelfth of the size; with an ETag, so a
# client asking again with If-None-Match is answered 304 when nothing changed.
@conditional_page
@gzip_page
@require_GET
def opportunities_geojson(request):
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        return _collection(request, language)


def _collection(request, language):
    found = OpportunityFilter(request.GET, queryset=selectors.mapped_opportunities())
    if not found.is_valid():
        return _bad_request(
            _("Some filters are not valid."),
            {name: [str(error) for error in errors] for name, errors in found.errors.items()},
        )
    box = None
    if request.GET.get("bbox"):
        try:
            box = parse_bbox(request.GET["bbox"])
        except BadBox as error:
            return _bad_request(str(error))
    filters = tuple(
        sorted(
            (name, tuple(values))
            for name, values in request.GET.lists()
            if name in found.filters and any(values)
        )
    )
    name = (timezone.localdate().isoformat(), language, filters)
    kept = layers.layer(name, lambda: Layer(_features(found.qs, language)))
    if box is None:
        if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
            return _compressed(kept)
        return HttpResponse(kept.body(), content_type=CONTENT_TYPE)
    west, south, east, north = box
    features = [
        feature
        for lon, lat, feature in kept.features
        if west <= lon <= east and south <= lat <= north
    ]
    return HttpResponse(_body(features), content_type=CONTENT_TYPE)


CONTENT_TYPE = "application/geo+json"


def _body(features):
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


class Layer:
    """A layer's features, [(longitude, latitude, the feature as JSON text)], and its whole
    answer (every feature, no `bbox`) compressed once with its ETag, the first time it is asked
    for: compressing a city's 6 MB took most of that answer's time (bench/README.md)."""

    def __init__(self, features):
        self.features = features
        self._whole = None

    def body(self):
        return _body(feature for _lon, _lat, feature in self.features)

    def whole(self):
        """(the whole answer gzip-compressed, its ETag)."""
        if self._whole is None:
            body = self.body().encode()
            # mtime 0: the same bytes for the same answer, as Django's compress_string makes.
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
            # Weak, as GZipMiddleware makes an ETag of what it compresses; named after the
            # answer itself, so a client's If-None-Match is answered 304 until it changes.
            etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
            self._whole = (compressed, etag)
        return self._whole


def _compressed(kept):
    """The whole layer as kept compressed; gzip_page leaves an answer that has its encoding."""
    compressed, etag = kept.whole()
    response = HttpResponse(compressed, content_type=CONTENT_TYPE)
    response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _features(opportunities, language):
    """[(longitude, latitude, the feature as JSON text)] of `opportunities`."""
    rows = opportunities.annotate(
        lon=Cast("longitude", FloatField()), lat=Cast("latitude", FloatField())
    ).values_list(*COLUMNS)
    page = reverse("provision:detail", args=[SLUG])
    english = language == "en"
    return [
        (
            row[3],
            row[4],
            json.dumps(_feature(row, english, page), ensure_ascii=False, separators=(",", ":")),
        )
        for row in rows
    ]
