"""The system packages `make` installs are enough for the libraries that need them."""

import shutil

import weasyprint


def test_weasyprint_renders_a_pdf_with_the_installed_pango_and_fonts():
    pdf = weasyprint.HTML(string="<h1>Ciudad que aprende</h1><p>Año 2026 · ñandú</p>").write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 1000


def test_gettext_tools_are_there_for_the_translations():
    assert shutil.which("msgfmt")
