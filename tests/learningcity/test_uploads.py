"""Uploaded files are recognised by what they hold, kept small, and served as downloads."""

import importlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import clear_url_caches, reverse
from PIL import Image

from learningcity.uploads import validate_document, validate_image
from stakeholders.models import GoodPractice

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def image(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(buffer, kind)
    return buffer.getvalue()


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(folder):
    return zipped({"[Content_Types].xml": "<Types/>", f"{folder}/document.xml": "<x/>"})


def odf(kind):
    return zipped({"mimetype": f"application/vnd.oasis.opendocument.{kind}", "content.xml": "<x/>"})


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("informe.pdf", PDF),
        ("foto.png", image("PNG")),
        ("foto.jpg", image("JPEG")),
        ("foto.jpeg", image("JPEG")),
        ("animacion.gif", image("GIF")),
        ("foto.webp", image("WEBP")),
        ("carta.docx", ooxml("word")),
        ("cifras.xlsx", ooxml("xl")),
        ("charla.pptx", ooxml("ppt")),
        ("carta.odt", odf("text")),
        ("cifras.ods", odf("spreadsheet")),
        ("charla.odp", odf("presentation")),
        ("carta.doc", OLE2),
        ("cifras.xls", OLE2),
        ("INFORME.PDF", PDF),
    ],
)
def test_documents_of_the_accepted_kinds_pass(name, content):
    validate_document(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pagina.html", HTML),
        ("dibujo.svg", SVG),
        ("pagina.pdf", HTML),  # the name lies about the content
        ("informe.html", PDF),  # the content is fine, the name would be served as a page
        ("informe", PDF),
        ("foto.pdf", image("PNG")),
        ("carta.xlsx", ooxml("word")),
        ("archivo.zip", zipped({"a.txt": "a"})),
        ("carta.docx", zipped({"a.txt": "a"})),
        ("vacio.pdf", b""),
        ("roto.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_documents_are_judged_by_content_and_the_name_must_agree(name, content):
    with pytest.raises(ValidationError):
        validate_document(upload(name, content))


def test_a_document_over_the_size_limit_is_refused_with_the_limit_named(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("informe.pdf", PDF + b"0" * 2048))
    assert "1" in refused.value.messages[0]


def test_the_default_document_limit_is_ten_mebibytes():
    from django.conf import settings

    assert settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    assert settings.IMAGE_UPLOAD_MAX_BYTES == 5 * 1024 * 1024


def test_a_twenty_megabyte_file_is_refused():
    with pytest.raises(ValidationError):
        validate_document(upload("informe.pdf", PDF + b"0" * (20 * 1024 * 1024)))


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("logo.png", image("PNG"), True),
        ("logo.webp", image("WEBP"), True),
        ("logo.svg", SVG, False),
        ("logo.pdf", PDF, False),
        ("logo.png", image("BMP"), False),
    ],
)
def test_images_are_raster_images_only(name, content, accepted):
    if accepted:
        validate_image(upload(name, content))
    else:
        with pytest.raises(ValidationError):
            validate_image(upload(name, content))


def test_an_image_over_its_own_limit_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        validate_image(upload("logo.png", image("PNG") + b"0" * 200))


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("stakeholders.GoodPractice", "document"),
        ("stakeholders.Exchange", "document"),
        ("learningcity.CityProfile", "logo"),
    ],
)
def test_every_uploaded_file_field_carries_the_validator(model, field):
    from django.apps import apps

    validators = apps.get_model(model)._meta.get_field(field).validators
    assert validate_document in validators or validate_image in validators


def test_every_file_field_of_every_app_is_validated():
    from django.apps import apps
    from django.db import models

    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and not {validate_document, validate_image} & set(field.validators)
    ]
    assert unchecked == []


@pytest.mark.django_db
def test_staff_cannot_upload_a_web_page_as_a_good_practice_document(
    client_for, sam, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = client_for(sam).post(
        reverse("admin:stakeholders_goodpractice_add"),
        {
            "title": "Guía",
            "summary": "Resumen.",
            "source": "city",
            "kind": "tool",
            "action_areas": ["planning"],
            "published": "2026-01-01",
            "document": SimpleUploadedFile("guia.html", HTML, content_type="text/html"),
        },
    )
    assert response.status_code == 200
    assert "document" in response.context["adminform"].form.errors
    assert not GoodPractice.objects.exists()


def test_user_files_are_served_as_downloads_that_browsers_do_not_sniff(settings, tmp_path):
    from learningcity.media import serve_media

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "good-practices").mkdir()
    (tmp_path / "good-practices" / "guia.pdf").write_bytes(PDF)
    request = RequestFactory().get("/media/good-practices/guia.pdf")
    response = serve_media(request, "good-practices/guia.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="guia.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_the_media_view_does_not_leave_the_media_folder(settings, tmp_path):
    from django.core.exceptions import SuspiciousOperation
    from django.http import Http404

    from learningcity.media import serve_media

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    with pytest.raises((Http404, SuspiciousOperation)):
        serve_media(RequestFactory().get("/media/../secret.txt"), "../secret.txt")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["private/a/evidence.pdf", "/private/a/evidence.pdf"])
def test_private_uploads_are_never_served_at_their_media_address(
    client, settings, tmp_path, development_urls, path
):
    """A learner's evidence: only the view that checks who asks hands it out."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "private" / "a").mkdir(parents=True)
    (tmp_path / "private" / "a" / "evidence.pdf").write_bytes(PDF)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "evidence.pdf").write_bytes(PDF)
    assert client.get(f"/media/{path}").status_code == 404
    assert client.get("/media/a/evidence.pdf").status_code == 200


def test_the_readme_tells_nginx_to_keep_private_uploads_private():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = readme[readme.index("location /media/private/") :].split("}", 1)[0]
    assert "return 404" in block


def test_the_readme_tells_nginx_to_serve_media_as_downloads():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    media_block = readme[readme.index("location /media/ {") :].split("}", 1)[0]
    assert "Content-Disposition" in media_block
    assert "attachment" in media_block
    assert "nosniff" in media_block


@pytest.fixture
def development_urls(settings):
    """The URLs as `make run` has them: pytest-django turns DEBUG off before they are read."""
    import learningcity.urls

    settings.DEBUG = True
    importlib.reload(learningcity.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(learningcity.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_the_portal_serves_an_uploaded_page_as_a_download(
    client, settings, tmp_path, development_urls
):
    """Whatever is already in MEDIA_ROOT (a file from before the checks, say) is never shown."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "good-practices").mkdir()
    (tmp_path / "good-practices" / "trap.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/good-practices/trap.html")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
