"""Progress reports: coordinators make a draft for a period, read it as HTML with today's
figures, write its narrative, generate its PDF (a Celery task; the page follows its state
without reloading) and publish it. Published reports, frozen, are public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_POST

from dashboard import figures, services
from dashboard.forms import ReportForm
from dashboard.models import ProgressReport
from dashboard.report_content import report_context
from learningcity import csv_export
from learningcity.data_versions import cached
from learningcity.permissions import can, rule_required


def _report(request, pk):
    return get_object_or_404(ProgressReport.objects.visible_to(request.user), pk=pk)


def report_list(request):
    return render(
        request,
        "dashboard/reports.html",
        {
            "reports": ProgressReport.objects.visible_to(request.user),
            "may_manage": can(request.user, "dashboard.manage_reports"),
            "may_read_gnlc_profile": can(request.user, "dashboard.read_gnlc_profile"),
        },
    )


def _form_page(request, form, report=None):
    return render(
        request,
        "dashboard/report_form.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" else 200,
    )


@rule_required("dashboard.manage_reports")
def report_new(request):
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            report = services.report_create(by=request.user, **form.cleaned_data)
            messages.success(
                request, _("The draft report is made. Read it, then generate its PDF.")
            )
            return redirect(report)
        messages.error(request, _("Please correct the errors below."))
    return _form_page(request, form)


@rule_required("dashboard.manage_reports")
def report_edit(request, pk):
    report = _report(request, pk)
    if report.is_published:
        messages.error(request, _("A published report never changes."))
        return redirect(report)
    form = ReportForm(request.POST or None, instance=ProgressReport.objects.get(pk=report.pk))
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report_update(report=report, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The report is saved."))
                return redirect(report)
        messages.error(request, _("Please correct the errors below."))
    return _form_page(request, form, report)


def _figures(report):
    """A published report's frozen figures; a draft's as of now."""
    return report.snapshot if report.is_published else figures.collect(report)


# A bound on a published report's kept HTML: the city's name or logo may still change.
PUBLISHED_BODY_TIMEOUT = 24 * 60 * 60


def report_detail(request, pk):
    """The report as HTML: a published one from its frozen figures, a draft with today's."""
    report = _report(request, pk)
    snapshot = _figures(report)
    with translation.override(report.language):
        content = report_context(report, snapshot)

        def render_body():
            return render_to_string("dashboard/_report_body.html", content, request)

        if report.is_published and report.published_at:
            # Never changes again: kept, rendered once (bench/README.md, issue 22).
            body = mark_safe(
                cached(
                    "reports:body",
                    render_body,
                    str(report.pk),
                    report.published_at.isoformat(),
                    timeout=PUBLISHED_BODY_TIMEOUT,
                )
            )
        else:
            body = render_body()
    return render(
        request,
        "dashboard/report.html",
        {**content, "body": body, "may_manage": can(request.user, "dashboard.manage_reports")},
    )


def report_status(request, pk):
    """The PDF's state, fetched by htmx every few seconds while it is being generated."""
    report = _report(request, pk)
    return render(
        request,
        "dashboard/_report_status.html",
        {"report": report, "may_manage": can(request.user, "dashboard.manage_reports")},
    )


def _act(request, pk, service, done):
    """A coordinator's button on the report page: call `service`, then say `done` or why not."""
    report = _report(request, pk)
    try:
        service(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(report)


@require_POST
@rule_required("dashboard.manage_reports")
def report_generate(request, pk):
    return _act(
        request,
        pk,
        services.report_generate,
        _("The PDF is being generated; this page follows it."),
    )


@require_POST
@rule_required("dashboard.manage_reports")
def report_publish(request, pk):
    return _act(
        request,
        pk,
        services.report_publish,
        _("The report is published: anyone may read and download it."),
    )


def _published_at(request, pk):
    """A published report never changes (its figures are frozen): harvesters polling its files
    are answered 304. Drafts are read afresh."""
    return (
        ProgressReport.objects.filter(pk=pk, status=ProgressReport.Status.PUBLISHED)
        .values_list("published_at", flat=True)
        .first()
    )


@condition(last_modified_func=_published_at)
def report_pdf(request, pk):
    report = _report(request, pk)
    if report.pdf_status != ProgressReport.PdfStatus.DONE or not report.pdf:
        raise Http404
    return FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"report-{report.pk}-{report.language}.pdf",
    )


@condition(last_modified_func=_published_at)
def report_figures_json(request, pk):
    """The report's figures for the GNLC and anyone reusing them, as JSON."""
    report = _report(request, pk)
    response = JsonResponse(
        {
            "report": {
                "title": report.title,
                "scope": report.scope,
                "language": report.language,
                "period": [report.period_start.isoformat(), report.period_end.isoformat()],
                "published": report.published_at.isoformat() if report.published_at else None,
            },
            "figures": _figures(report),
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = f'attachment; filename="report-{report.pk}-figures.json"'
    return response


@condition(last_modified_func=_published_at)
def report_figures_csv(request, pk):
    """The report's figures as CSV, one figure a row, texts in the report's language."""
    report = _report(request, pk)
    response = csv_export.csv_response(f"report-{report.pk}-figures.csv", bom=False)
    writer = csv_export.writer(response)
    writer.writerow(["section", "item", "measure", "value"])
    writer.writerows(figures.rows(_figures(report), report.language))
    return response
