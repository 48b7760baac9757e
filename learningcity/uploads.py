"""What the portal accepts as an uploaded file, for every FileField and ImageField of every app.

A file is recognised by its first bytes, never by its name or the browser's content type: both
are chosen by whoever uploads it. Its name must then agree with what it holds, because the name's
extension is what a web server or a browser goes by later; a page (`.html`) or a drawing with
scripts (`.svg`) served from the portal's own address could act as the person viewing it.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# kind: (extensions its name may end in, what people call it)
KINDS = {
    "pdf": ({"pdf"}, "PDF"),
    "png": ({"png"}, "PNG"),
    "jpeg": ({"jpg", "jpeg"}, "JPEG"),
    "gif": ({"gif"}, "GIF"),
    "webp": ({"webp"}, "WebP"),
    "docx": ({"docx"}, "Word (.docx)"),
    "xlsx": ({"xlsx"}, "Excel (.xlsx)"),
    "pptx": ({"pptx"}, "PowerPoint (.pptx)"),
    "odt": ({"odt"}, "OpenDocument (.odt)"),
    "ods": ({"ods"}, "OpenDocument (.ods)"),
    "odp": ({"odp"}, "OpenDocument (.odp)"),
    # Word, Excel and PowerPoint before 2007 share one container format.
    "ole2": ({"doc", "xls", "ppt"}, "Office 97–2003 (.doc, .xls, .ppt)"),
}
IMAGE_KINDS = ("png", "jpeg", "gif", "webp")
DOCUMENT_KINDS = tuple(KINDS)

# The folder inside an Office Open XML package that says which application it belongs to.
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def _zipped_kind(file):
    """docx/xlsx/pptx or odt/ods/odp, from the package's table of contents; None otherwise.

    Only the names of the entries and the few bytes of `mimetype` are read, never the content.
    """
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if "mimetype" in names:
                with package.open("mimetype") as entry:
                    return ODF_MIMETYPES.get(entry.read(100).strip())
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
        pass
    return None


def detect_kind(file):
    """The kind of file (a key of KINDS) its content shows, or None."""
    file.seek(0)
    head = file.read(16)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "webp"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        kind = "ole2"
    elif head.startswith(b"PK\x03\x04"):
        file.seek(0)
        kind = _zipped_kind(file)
    file.seek(0)
    return kind


def _validate(file, kinds, max_bytes, accepted):
    # Files already stored were checked when they came in; re-reading them on every save of the
    # object would cost a download from the storage each time.
    if getattr(file, "_committed", False):
        return
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    kind = detect_kind(file)
    if kind not in kinds:
        raise ValidationError(accepted, code="file_type")
    extension = os.path.splitext(file.name)[1].lstrip(".").lower()
    extensions, label = KINDS[kind]
    if extension not in extensions:
        raise ValidationError(
            _(
                "The file holds %(kind)s but its name ends in “%(extension)s”. Rename it to end "
                "in %(expected)s and upload it again."
            )
            % {
                "kind": label,
                "extension": f".{extension}" if extension else _("no extension"),
                "expected": " / ".join(f".{name}" for name in sorted(extensions)),
            },
            code="file_extension",
        )


def validate_document(file):
    """A PDF, an image, or an office document (Office Open XML, OpenDocument, Office 97–2003)."""
    _validate(
        file,
        DOCUMENT_KINDS,
        settings.UPLOAD_MAX_BYTES,
        _(
            "This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG, GIF, WebP) or "
            "an office document (Word, Excel, PowerPoint or OpenDocument)."
        ),
    )


def validate_image(file):
    """A PNG, JPEG, GIF or WebP image: formats every browser shows and none runs scripts in."""
    _validate(
        file,
        IMAGE_KINDS,
        settings.IMAGE_UPLOAD_MAX_BYTES,
        _("This kind of image is not accepted. Upload a PNG, JPEG, GIF or WebP image."),
    )
