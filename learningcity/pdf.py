"""PDFs drawn by WeasyPrint from HTML, for any app (the dashboard's reports, provision's
certificates): A4 pages whose stylesheet is a template given the words of "page x of y" in the
document's language, and a tagged PDF (structure tree and language) for screen readers."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext
from weasyprint import CSS, HTML


def write_pdf(html, *, language, stylesheet):
    """The PDF of `html`, styled by the template `stylesheet` rendered in `language`."""
    with translation.override(language):
        # A template: the margins say "page x of y" in the document's language.
        words = {
            "page_word": pgettext("page x of y", "Page"),
            "of_word": pgettext("page x of y", "of"),
        }
        style = CSS(string=render_to_string(stylesheet, words))
    return HTML(string=html).write_pdf(stylesheets=[style], pdf_tags=True)
