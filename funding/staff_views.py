"""Funding's pages for city staff: needs against money and the gaps, contributions and
allocations with their CSV downloads; the forms for budget lines, contributions and their
receipt, allocations, cost-sharing agreements and cost-benefit analyses. Shared resources' pages
for members of organisations are at the end."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from funding import selectors, services
from funding.forms import (
    AgreementForm,
    AllocationForm,
    AnalysisForm,
    BookingForm,
    BudgetLineForm,
    ContributionForm,
    FinishForm,
    ReceiveForm,
    ResourceForm,
    ShareFormSet,
    YearFormSet,
)
from funding.models import (
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
)
from learningcity import csv_export
from learningcity.forms import as_saved
from learningcity.permissions import can, deny, organisation_roles, rule_required
from stakeholders.models import Organisation

BOOKS = "funding.view_books"
EDIT = "funding.edit_funding"


def _year(request, years):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year in years:
        return year
    today = timezone.localdate().year
    return today if today in years or not years else years[0]


@rule_required(BOOKS)
def needs(request):
    """Per year and action: needed, pledged, received and the gap, unfunded actions flagged."""
    years = selectors.budget_years()
    year = _year(request, years)
    rows = selectors.action_funding(year)
    return render(
        request,
        "funding/needs.html",
        {
            "years": years,
            "year": year,
            "rows": rows,
            "unfunded": [row for row in rows if row["unfunded"]],
            "totals": selectors.needs_vs_secured(),
            "lines": selectors.budget_lines(year),
        },
    )


@rule_required(BOOKS)
def contributions(request):
    page = Paginator(selectors.contribution_list(), 50).get_page(request.GET.get("page"))
    return render(request, "funding/contributions.html", {"page": page})


@rule_required(BOOKS)
def allocations(request):
    page = Paginator(selectors.allocation_list(), 50).get_page(request.GET.get("page"))
    return render(request, "funding/allocations.html", {"page": page})


def show_errors(form, error):
    """A service's refusal shown on the form, beside the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _csv(filename, header, rows):
    response = csv_export.csv_response(filename)
    writer = csv_export.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@rule_required(BOOKS)
def contributions_csv(request):
    header = [
        _("Source"), _("Type of source"), _("Form"), _("Description"), _("Amount"),
        _("Currency"), _("Year"), _("Status"), _("Pledged on"), _("Received on"),
        _("Allocated"), _("Earmarked for the action"), _("Earmarked for the target group"),
        _("Earmarked for the district"),
    ]  # fmt: skip
    rows = (
        [
            c.source.name,
            c.source.get_kind_display(),
            c.get_form_display(),
            c.description,
            c.amount,
            c.currency,
            c.year,
            c.get_status_display(),
            c.pledged_on,
            c.received_on or "",
            c.allocated,
            c.action.title if c.action else "",
            c.target_group.name if c.target_group else "",
            c.district.name if c.district else "",
        ]
        for c in selectors.contribution_list()
    )
    return _csv("contributions.csv", header, rows)


@rule_required(BOOKS)
def allocations_csv(request):
    header = [
        _("Source"), _("Contribution year"), _("Action"), _("Amount"), _("Currency"),
        _("District"), _("Target group"), _("Note"), _("Entered"),
    ]  # fmt: skip
    rows = (
        [
            a.contribution.source.name,
            a.contribution.year,
            a.action.title,
            a.amount,
            a.contribution.currency,
            a.district.name if a.district else "",
            a.target_group.name if a.target_group else "",
            a.note,
            timezone.localtime(a.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for a in selectors.allocation_list()
    )
    return _csv("allocations.csv", header, rows)


@rule_required(EDIT)
def allocation_new(request):
    form = AllocationForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.allocation_create(by=request.user, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The money is allocated."))
            return redirect("funding:allocations")
    return render(request, "funding/allocation_form.html", {"form": form})


@rule_required(EDIT)
def allocation_take_back(request, pk):
    """Staff take an allocation back, after a page that shows what goes back to the
    contribution."""
    allocation = get_object_or_404(selectors.allocation_list(), pk=pk)
    if request.method == "POST" and request.POST.get("confirm"):
        services.allocation_delete(allocation=allocation, by=request.user)
        messages.success(request, _("The allocation is taken back."))
        return redirect("funding:allocations")
    return render(request, "funding/allocation_take_back.html", {"allocation": allocation})


def _invalid(request):
    messages.error(request, _("Please correct the errors below."))


def _saved(request, form, save):
    """Call `save()`, the service; True when it saved, else its refusal is on the form."""
    try:
        save()
    except ValidationError as error:
        show_errors(form, error)
        _invalid(request)
        return False
    return True


@rule_required(EDIT)
def budget_line_new(request):
    return _budget_line_form(request, BudgetLine(year=timezone.localdate().year))


@rule_required(EDIT)
def budget_line_edit(request, pk):
    return _budget_line_form(request, get_object_or_404(BudgetLine, pk=pk))


def _budget_line_form(request, line):
    editing = line.pk is not None
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST":
        if not form.is_valid():
            _invalid(request)
        elif _saved(
            request, form, lambda: services.budget_line_save(line=form.instance, by=request.user)
        ):
            messages.success(request, _("The budget line is saved."))
            return redirect(f"{reverse('funding:needs')}?year={form.instance.year}")
    return render(request, "funding/budget_line_form.html", {"form": form, "editing": editing})


@rule_required(EDIT)
def budget_line_delete(request, pk):
    line = get_object_or_404(BudgetLine.objects.select_related("action"), pk=pk)
    if request.method == "POST":
        services.budget_line_delete(line=line, by=request.user)
        messages.success(request, _("The budget line is deleted."))
        return redirect(f"{reverse('funding:needs')}?year={line.year}")
    return render(request, "funding/budget_line_delete.html", {"line": line})


@rule_required(EDIT)
def contribution_new(request):
    today = timezone.localdate()
    return _contribution_form(request, Contribution(year=today.year, pledged_on=today))


@rule_required(EDIT)
def contribution_edit(request, pk):
    return _contribution_form(request, get_object_or_404(Contribution, pk=pk))


def _contribution_form(request, contribution):
    editing = contribution.pk is not None
    form = ContributionForm(request.POST or None, instance=contribution)
    if request.method == "POST":
        if not form.is_valid():
            _invalid(request)
        elif _saved(
            request,
            form,
            lambda: services.contribution_save(contribution=form.instance, by=request.user),
        ):
            messages.success(request, _("The contribution is saved."))
            return redirect("funding:contributions")
    return render(request, "funding/contribution_form.html", {"form": form, "editing": editing})


@rule_required(EDIT)
def contribution_received(request, pk):
    """Staff record the day a pledged contribution arrived (or correct it)."""
    contribution = get_object_or_404(selectors.contribution_list(), pk=pk)
    form = ReceiveForm(
        request.POST or None,
        initial={"received_on": contribution.received_on or timezone.localdate()},
    )
    if request.method == "POST":
        if not form.is_valid():
            _invalid(request)
        elif _saved(
            request,
            form,
            lambda: services.contribution_receive(
                contribution=contribution,
                received_on=form.cleaned_data["received_on"],
                by=request.user,
            ),
        ):
            messages.success(request, _("The contribution is marked as received."))
            return redirect("funding:contributions")
    return render(
        request,
        "funding/contribution_received.html",
        {"form": form, "contribution": contribution},
    )


@rule_required(BOOKS)
def agreements(request):
    return render(
        request,
        "funding/agreements.html",
        {"agreements": selectors.agreements().order_by("-valid_from", "pk")},
    )


@rule_required(EDIT)
def agreement_new(request):
    return _agreement_form(request, CostSharingAgreement())


@rule_required(EDIT)
def agreement_edit(request, pk):
    return _agreement_form(request, get_object_or_404(CostSharingAgreement, pk=pk))


def _form_with_rows(request, obj, *, form_class, rows_class, prefix, save, saved, template):
    """An agreement with its shares, or an analysis with its years: the form and its rows are
    both validated (a list, not `and`, so every mistake shows at once), then saved together by
    `save(instance, rows)` through the service; `saved` is the message."""
    stored = as_saved(obj)
    form = form_class(request.POST or None, instance=obj)
    rows = rows_class(request.POST or None, instance=obj, prefix=prefix)
    if request.method == "POST":
        if not all([form.is_valid(), rows.is_valid()]):
            _invalid(request)
        elif _saved(request, form, lambda: save(form.instance, rows.kept())):
            messages.success(request, saved)
            return None
    return render(request, template, {"form": form, prefix: rows, "stored": stored})


def _agreement_form(request, agreement):
    page = _form_with_rows(
        request,
        agreement,
        form_class=AgreementForm,
        rows_class=ShareFormSet,
        prefix="shares",
        # The shares are checked against the total the form has just read onto the agreement.
        save=lambda instance, shares: services.agreement_save(
            agreement=instance, shares=shares, by=request.user
        ),
        saved=_("The cost-sharing agreement is saved."),
        template="funding/agreement_form.html",
    )
    return page or redirect("funding:agreements")


@rule_required(BOOKS)
def analyses(request):
    return render(
        request,
        "funding/analyses.html",
        {
            "analyses": [
                (analysis, analysis.result())
                for analysis in selectors.analyses().order_by("title", "pk")
            ]
        },
    )


@rule_required(EDIT)
def analysis_new(request):
    return _analysis_form(request, CostBenefitAnalysis())


@rule_required(EDIT)
def analysis_edit(request, pk):
    return _analysis_form(request, get_object_or_404(CostBenefitAnalysis, pk=pk))


def _analysis_form(request, analysis):
    page = _form_with_rows(
        request,
        analysis,
        form_class=AnalysisForm,
        rows_class=YearFormSet,
        prefix="years",
        save=lambda instance, years: services.analysis_save(
            analysis=instance, years=years, by=request.user
        ),
        saved=_("The cost-benefit analysis is saved."),
        template="funding/analysis_form.html",
    )
    return page or redirect(analysis)


# Shared resources: organisations offer them, other organisations ask to book them, the offering
# organisation answers and closes the booking, which becomes an in-kind contribution.


def _member_organisations(user):
    return Organisation.objects.filter(pk__in=list(organisation_roles(user))).order_by("name")


def resources(request):
    """The register of shared resources; members of organisations see their bookings too."""
    mine = list(organisation_roles(request.user))
    bookings = selectors.bookings_of(mine)[:50] if mine else []
    return render(
        request,
        "funding/resources.html",
        {
            "resources": selectors.resource_list(),
            "bookings": bookings,
            "mine": set(mine),
            "may_share": can(request.user, "funding.share_resources"),
        },
    )


@rule_required("funding.share_resources")
def resource_new(request):
    form = ResourceForm(request.POST or None, organisations=_member_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_save(resource=form.instance, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The resource is offered to the other stakeholders."))
            return redirect("funding:resources")
    return render(request, "funding/resource_form.html", {"form": form})


@rule_required("funding.share_resources")
def booking_new(request, pk):
    resource = get_object_or_404(selectors.resource_list(), pk=pk)
    organisations = _member_organisations(request.user).exclude(pk=resource.organisation_id)
    form = BookingForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_request(
                resource=resource,
                by=request.user,
                **{name: form.cleaned_data[name] for name in BookingForm.Meta.fields},
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent to %(name)s.") % {"name": resource.organisation.name},
            )
            return redirect("funding:resources")
    return render(request, "funding/booking_form.html", {"form": form, "resource": resource})


def booking_answer(request, pk):
    """The offering organisation accepts or declines a request, and closes an accepted booking
    with the units used."""
    booking = get_object_or_404(
        Booking.objects.select_related("resource__organisation", "organisation", "contribution"),
        pk=pk,
    )
    if not can(request.user, "funding.manage_resource", booking.resource):
        return deny(request)
    finish = FinishForm(request.POST if request.POST.get("answer") == "finish" else None)
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer in {"accept", "decline"}:
                services.booking_decide(booking=booking, accept=answer == "accept", by=request.user)
                messages.success(request, _("Your answer is recorded."))
                return redirect("funding:booking_answer", pk=booking.pk)
            if answer == "finish" and finish.is_valid():
                services.booking_finish(
                    booking=booking, units_used=finish.cleaned_data["units_used"], by=request.user
                )
                messages.success(
                    request, _("The booking is closed and counted as an in-kind contribution.")
                )
                return redirect("funding:booking_answer", pk=booking.pk)
        except ValidationError as error:
            show_errors(finish, error)
    return render(request, "funding/booking.html", {"booking": booking, "finish": finish})
