"""Data entry with approval: members of the responsible organisation enter a period's values and
submit them; city staff approve them or return them with a comment, and lock approved periods."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, deny, organisation_roles, rule_required
from monitoring import services, timeliness
from monitoring.forms import ReturnForm, ValuesForm
from monitoring.models import Indicator, Measurement, Period, period_from_label
from monitoring.selectors import in_order


def _indicator(request, pk, **kwargs):
    return get_object_or_404(Indicator.objects.select_related("responsible_organisation"), pk=pk)


def _initial(indicator, period):
    if period is None:
        return {}
    initial = {"period": period.label, "source_note": period.source_note}
    for measurement in period.measurements.all():
        name = (
            "total"
            if measurement.dimension_value_id is None
            else f"value_{measurement.dimension_value_id}"
        )
        initial[name] = f"{measurement.value.normalize():f}"
    return initial


@rule_required("monitoring.enter_values", get_object=_indicator)
def values(request, pk):
    """Enter (or correct) a period's values, as a draft or submitted for approval."""
    indicator = _indicator(request, pk)
    dimension_values = services.dimension_values_of(indicator)
    periods = list(
        Period.objects.filter(indicator=indicator)
        .prefetch_related("measurements")
        .order_by("-start")
    )
    for period in periods:
        period.indicator = indicator
    if request.method == "POST":
        form = ValuesForm(request.POST, indicator=indicator, dimension_values=dimension_values)
        if form.is_valid():
            try:
                period = services.period_values_save(
                    indicator=indicator,
                    start=form.cleaned_data["period"],
                    values=form.cleaned_data["values"],
                    source_note=form.cleaned_data["source_note"],
                    by=request.user,
                )
                if "submit" in request.POST:
                    services.period_submit(period=period, by=request.user)
                    messages.success(request, _("The values are submitted to city staff."))
                else:
                    messages.success(request, _("The values are saved as a draft."))
                return redirect("monitoring:values", indicator.pk)
            except ValidationError as error:
                form.add_error(None, error)
    else:
        start = period_from_label(indicator.frequency, request.GET.get("period", ""))
        editing = next((p for p in periods if p.start == start), None)
        form = ValuesForm(
            initial=_initial(indicator, editing),
            indicator=indicator,
            dimension_values=dimension_values,
        )
    return render(
        request,
        "monitoring/values.html",
        {"indicator": indicator, "form": form, "periods": periods, "Period": Period},
    )


@require_POST
def period_submit(request, pk):
    period = get_object_or_404(Period.objects.select_related("indicator"), pk=pk)
    if not can(request.user, "monitoring.enter_values", period.indicator):
        return deny(request)
    try:
        services.period_submit(period=period, by=request.user)
        messages.success(request, _("The values are submitted to city staff."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("monitoring:values", period.indicator_id)


@login_required
def mine(request):
    """The indicators whose values the person's organisations report."""
    indicators = (
        Indicator.objects.filter(
            responsible_organisation__in=list(organisation_roles(request.user)), metric=""
        )
        .select_related("responsible_organisation")
        .order_by("responsible_organisation__name", "order", "pk")
    )
    return render(request, "monitoring/mine.html", {"indicators": indicators})


@rule_required("monitoring.review_values")
def review(request):
    """Submitted values waiting for city staff."""
    periods = list(
        Period.objects.filter(status=Period.Status.SUBMITTED)
        .select_related("indicator", "entered_by", "indicator__responsible_organisation")
        .prefetch_related(
            _measurements(),
        )
        .order_by("submitted_at", "pk")
    )
    return render(
        request, "monitoring/review.html", {"periods": periods, "return_form": ReturnForm()}
    )


def _measurements():
    return Prefetch(
        "measurements",
        queryset=in_order(Measurement.objects.select_related("dimension_value__dimension")),
    )


@require_POST
@rule_required("monitoring.review_values")
def period_review(request, pk):
    period = get_object_or_404(Period.objects.select_related("indicator"), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            services.period_approve(period=period, by=request.user)
            messages.success(
                request,
                _("The values of “%(name)s” for %(period)s are approved.")
                % {"name": period.indicator.name, "period": period.label},
            )
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say what needs correcting."))
                return redirect("monitoring:review")
            services.period_return(
                period=period, by=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(
                request,
                _("The values of “%(name)s” for %(period)s are returned.")
                % {"name": period.indicator.name, "period": period.label},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("monitoring:review")


@require_POST
@rule_required("monitoring.review_values")
def period_lock(request, pk):
    period = get_object_or_404(Period.objects.select_related("indicator"), pk=pk)
    try:
        services.period_lock(period=period, by=request.user)
        messages.success(request, _("The period is locked."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(period.indicator.get_absolute_url())


@rule_required("monitoring.review_values")
def completeness(request):
    """For staff: which indicators are late, which periods lack approved values."""
    return render(request, "monitoring/completeness.html", {"rows": timeliness.completeness()})
