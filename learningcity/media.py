"""Uploaded files served by Django (development only; in production the proxy does the same).

A file people uploaded is always a download: never shown inline on the portal's own address,
where a page or a drawing with scripts would run as the person looking at it, and never
"sniffed" by the browser into some other type than the one given.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.utils.http import content_disposition_header
from django.views.static import serve


def serve_media(request, path):
    """`path` under MEDIA_ROOT as an attachment; 404 for anything outside it."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=PurePosixPath(path).name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
