"""Periodic reports from stakeholders: staff send requests and read each request's answers on
one page, tagging lessons and suggestions; members of an asked organisation answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, deny, rule_required
from monitoring import stakeholder_reports
from monitoring.report_models import ReportRequest, ReportTag, StakeholderReport
from monitoring.survey_forms import ReportAnswerForm, ReportRequestForm, ReportTagsForm
from stakeholders.models import Organisation

MANAGE = "monitoring.manage_reports"


@rule_required(MANAGE)
def requests(request):
    return render(
        request,
        "monitoring/reports/list.html",
        {"report_requests": stakeholder_reports.requests_overview()},
    )


@rule_required(MANAGE)
def request_new(request):
    responsible = stakeholder_reports.responsible_organisations()
    organisations = Organisation.objects.order_by("name")
    form = ReportRequestForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisations": list(responsible.values_list("pk", flat=True))},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                sent = stakeholder_reports.report_request_send(
                    request=form.save(commit=False),
                    organisations=form.cleaned_data["organisations"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The request is sent to the organisations."))
                return redirect(sent.get_absolute_url())
        messages.error(request, _("Please correct the fields marked below."))
    return render(request, "monitoring/reports/new.html", {"form": form})


@rule_required(MANAGE)
def request_detail(request, pk):
    """Every answer to one request, together, each with the form to tag it."""
    report_request = get_object_or_404(ReportRequest, pk=pk)
    reports = stakeholder_reports.request_reports(report_request)
    tags = list(ReportTag.objects.all())
    for report in reports:
        if report.is_answered:
            report.tags_form = ReportTagsForm(
                tags=tags,
                prefix=f"r{report.pk}",
                initial={
                    "lesson_tags": [t.pk for t in report.lesson_tags.all()],
                    "suggestion_tags": [t.pk for t in report.suggestion_tags.all()],
                },
            )
    return render(
        request,
        "monitoring/reports/detail.html",
        {
            "report_request": report_request,
            "answered": [r for r in reports if r.is_answered],
            "waiting": [r for r in reports if not r.is_answered],
        },
    )


@require_POST
@rule_required(MANAGE)
def report_tags(request, pk, report_pk):
    report = get_object_or_404(
        StakeholderReport.objects.select_related("request"), pk=report_pk, request_id=pk
    )
    form = ReportTagsForm(request.POST, tags=list(ReportTag.objects.all()), prefix=f"r{report.pk}")
    if form.is_valid():
        try:
            stakeholder_reports.report_tags_set(
                report=report,
                lesson_tags=form.cleaned_data["lesson_tags"],
                suggestion_tags=form.cleaned_data["suggestion_tags"],
                new_tags=form.cleaned_data["new_tags"],
                by=request.user,
            )
            messages.success(request, _("The tags are saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Those tags could not be saved: choose among the list."))
    return redirect(f"{report.request.get_absolute_url()}#report-{report.pk}")


@login_required
def mine(request):
    """The reports asked of the person's organisations."""
    return render(
        request,
        "monitoring/reports/mine.html",
        {"reports": stakeholder_reports.reports_of(request.user)},
    )


def report_answer(request, pk, organisation_pk):
    """A member of an asked organisation writes (or corrects) its report."""
    report_request = get_object_or_404(ReportRequest, pk=pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    report = (
        StakeholderReport.objects.filter(request=report_request, organisation=organisation)
        .select_related("organisation")
        .first()
    )
    if report is None or not can(request.user, "monitoring.answer_report", report):
        return deny(request)
    form = ReportAnswerForm(
        request.POST or None,
        initial={"done": report.done, "lessons": report.lessons, "suggestions": report.suggestions},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                stakeholder_reports.report_answer(
                    request=report_request,
                    organisation=organisation,
                    by=request.user,
                    **form.cleaned_data,
                )
            except PermissionDenied:
                return deny(request)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your organisation's report is sent."))
                return redirect("monitoring:my-reports")
        messages.error(request, _("Please correct the fields marked below."))
    return render(
        request,
        "monitoring/reports/answer.html",
        {"report_request": report_request, "report": report, "form": form},
    )
