"""A report's PDF, drawn by WeasyPrint (learningcity.pdf) from the same sections as its HTML
page: a cover, the contents with page numbers, "page x of y" in the margins, and a tagged PDF
(structure tree and language) for screen readers."""

from django.template.loader import render_to_string
from django.utils import translation

from dashboard.gnlc import gnlc_profile_context
from dashboard.report_content import report_context
from learningcity.models import CityProfile
from learningcity.pdf import write_pdf


def render_html(report, snapshot):
    with translation.override(report.language):
        return render_to_string(
            "dashboard/report_pdf.html",
            {**report_context(report, snapshot), "city": CityProfile.objects.current()},
        )


def _write(html, language):
    """Any of the dashboard's PDFs from its HTML: A4, "page x of y", tagged."""
    return write_pdf(html, language=language, stylesheet="dashboard/report_pdf.css")


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
