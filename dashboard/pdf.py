"""A report's PDF, drawn by WeasyPrint from the same sections as its HTML page: a cover, the
contents with page numbers, "page x of y" in the margins, and a tagged PDF (structure tree and
language) for screen readers."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext
from weasyprint import CSS, HTML

from dashboard.report_content import report_context
from learningcity.models import CityProfile


def render_html(report, snapshot):
    with translation.override(report.language):
        return render_to_string(
            "dashboard/report_pdf.html",
            {**report_context(report, snapshot), "city": CityProfile.objects.current()},
        )


def render_pdf(report, snapshot):
    with translation.override(report.language):
        # A template too: the margins say "page x of y" in the report's language.
        words = {
            "page_word": pgettext("page x of y", "Page"),
            "of_word": pgettext("page x of y", "of"),
        }
        style = CSS(string=render_to_string("dashboard/report_pdf.css", words))
    return HTML(string=render_html(report, snapshot)).write_pdf(stylesheets=[style], pdf_tags=True)
