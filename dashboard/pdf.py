"""A report's PDF, drawn by WeasyPrint from the same sections as its HTML page: a cover, the
contents with page numbers, "page x of y" in the margins, and a tagged PDF (structure tree and
language) for screen readers."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext
from weasyprint import CSS, HTML

from dashboard.gnlc import gnlc_profile_context
from dashboard.report_content import report_context
from learningcity.models import CityProfile


def render_html(report, snapshot):
    with translation.override(report.language):
        return render_to_string(
            "dashboard/report_pdf.html",
            {**report_context(report, snapshot), "city": CityProfile.objects.current()},
        )


def _write(html, language):
    """Any of the dashboard's PDFs from its HTML: A4, "page x of y", tagged."""
    with translation.override(language):
        # A template too: the margins say "page x of y" in the document's language.
        words = {
            "page_word": pgettext("page x of y", "Page"),
            "of_word": pgettext("page x of y", "of"),
        }
        style = CSS(string=render_to_string("dashboard/report_pdf.css", words))
    return HTML(string=html).write_pdf(stylesheets=[style], pdf_tags=True)


def render_pdf(report, snapshot):
    return _write(render_html(report, snapshot), report.language)


def render_gnlc_profile_pdf(language):
    """The GNLC membership profile in `language`, laid out in UNESCO's sections."""
    with translation.override(language):
        html = render_to_string(
            "dashboard/gnlc_profile_pdf.html",
            {**gnlc_profile_context(), "language": language},
        )
    return _write(html, language)
