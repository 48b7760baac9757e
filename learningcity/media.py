"""Uploaded files served by Django (development only; in production the proxy does the same).

A file people uploaded is always a download: never shown inline on the portal's own address,
where a page or a drawing with scripts would run as the person looking at it, and never
"sniffed" by the browser into some other type than the one given.

Files under `PRIVATE_PREFIX` (personal data: a learner's evidence) are never served at their
media address, by Django or by the proxy (README: Behind a reverse proxy), only by the view that
checks who asks.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.utils.http import content_disposition_header
from django.views.static import serve

PRIVATE_PREFIX = "private/"


def serve_media(request, path):
    """`path` under MEDIA_ROOT as an attachment; 404 for anything outside it or private."""
    if PurePosixPath(path.lstrip("/")).parts[:1] == (PRIVATE_PREFIX.rstrip("/"),):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=PurePosixPath(path).name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
