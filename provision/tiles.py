"""A blank map tile served by the portal itself: the tile URL setting (MAP_TILES_URL) points
here in tests and CI, so maps draw their tiles without anything leaving the machine."""

import struct
import zlib

from django.http import HttpResponse
from django.views.decorators.cache import cache_control


def _png(width, height):
    """A fully transparent RGBA PNG, built by hand so the route needs no imaging library."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00\x00\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


BLANK = _png(1, 1)
# What MAP_TILES_URL reads in tests and CI (Leaflet fills in z, x and y).
URL = "/api/provision/tiles/{z}/{x}/{y}.png"


@cache_control(public=True, max_age=86400)
def blank_tile(request, z, x, y):
    return HttpResponse(BLANK, content_type="image/png")
