"""The KFLC self-assessment's pages: the latest completed one as a radar chart against the one
before (public), each year's, and the staff page that rates the areas of focus."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, rule_required
from monitoring import assessment_services as services
from monitoring import selectors
from monitoring.assessment_forms import RatingForm, StartForm
from monitoring.models import Indicator, KflcAssessment, KflcDescriptor
from monitoring.radar import radar_chart
from planning.models import Action, KflcFocus
from planning.selectors import adopted_plan


def _chart(assessment, previous):
    rows = selectors.kflc_comparison(assessment, previous)
    title = _("KFLC self-assessment %(year)s") % {"year": assessment.year}
    return radar_chart(
        f"kflc-{assessment.year}",
        title=title,
        rows=rows,
        year=assessment.year,
        previous_year=previous.year if previous else None,
    )


def _previous(assessment, assessments):
    return next((a for a in assessments if a.is_completed and a.year < assessment.year), None)


def kflc(request):
    """The latest completed self-assessment against the one before, and every year's."""
    assessments = list(selectors.kflc_assessments(request.user))
    latest = next((a for a in assessments if a.is_completed), None)
    chart = _chart(latest, _previous(latest, assessments)) if latest else None
    return render(
        request,
        "monitoring/kflc.html",
        {
            "assessments": assessments,
            "latest": latest,
            "chart": chart,
            "start_form": StartForm() if can(request.user, "monitoring.assess_kflc") else None,
            "descriptors": KflcDescriptor.objects.filter(focus__isnull=True),
        },
    )


def kflc_year(request, year):
    assessments = list(selectors.kflc_assessments(request.user))
    assessment = next((a for a in assessments if a.year == year), None)
    if assessment is None:
        raise Http404
    return render(
        request,
        "monitoring/kflc_year.html",
        {
            "assessment": assessment,
            "chart": _chart(assessment, _previous(assessment, assessments)),
            "descriptors": KflcDescriptor.objects.filter(focus__isnull=True),
        },
    )


@require_POST
@rule_required("monitoring.assess_kflc")
def kflc_start(request):
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.kflc_assessment_start(
                year=form.cleaned_data["year"], by=request.user
            )
            return redirect("monitoring:kflc-edit", assessment.year)
        except ValidationError as error:
            form.add_error(None, error)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("monitoring:kflc")


def _rows(assessment, data=None):
    """(focus, its form, its features' forms) for every area of focus."""
    descriptors = list(KflcDescriptor.objects.all())
    generic = {d.level: d for d in descriptors if d.focus_id is None}
    indicators = list(Indicator.objects.prefetch_related("kflc_focuses").order_by("order", "pk"))
    plan = adopted_plan()
    actions = list(
        Action.objects.filter(objective__plan=plan)
        .prefetch_related("objective__kflc_focuses")
        .order_by("objective__order", "order", "pk")
        if plan
        else []
    )
    ratings = {
        (rating.focus_id, rating.feature_id): rating
        for rating in assessment.ratings.prefetch_related("evidence")
    }
    rows = []
    for focus in KflcFocus.objects.prefetch_related("features").order_by("code"):
        own = {**generic, **{d.level: d for d in descriptors if d.focus_id == focus.pk}}
        shared = {
            "descriptors": own,
            "indicators": [i for i in indicators if focus in i.kflc_focuses.all()],
            "actions": [a for a in actions if focus in a.objective.kflc_focuses.all()],
        }

        def form(feature, prefix, focus=focus, shared=shared):
            return RatingForm(
                data,
                prefix=prefix,
                focus=focus,
                feature=feature,
                rating=ratings.get((focus.pk, feature.pk if feature else None)),
                **shared,
            )

        rows.append(
            (
                focus,
                form(None, f"focus{focus.pk}"),
                [form(feature, f"feature{feature.pk}") for feature in focus.features.all()],
            )
        )
    return rows


def _assessment(request, year):
    return get_object_or_404(KflcAssessment, year=year)


@rule_required("monitoring.assess_kflc")
def kflc_edit(request, year):
    """Rate the areas of focus (and features); save as a draft, or save and complete."""
    assessment = _assessment(request, year)
    if assessment.is_completed:
        messages.info(request, _("This self-assessment is completed: open it again to change it."))
        return redirect(assessment.get_absolute_url())
    rows = _rows(assessment, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        forms = [f for _focus, form, features in rows for f in [form, *features]]
        if all(form.is_valid() for form in forms):
            try:
                services.kflc_ratings_save(
                    assessment=assessment, entries=[f.entry() for f in forms], by=request.user
                )
                if "complete" in request.POST:
                    services.kflc_assessment_complete(assessment=assessment, by=request.user)
                    messages.success(request, _("The self-assessment is completed and public."))
                    return redirect(assessment.get_absolute_url())
                messages.success(request, _("The ratings are saved as a draft."))
                return redirect("monitoring:kflc-edit", assessment.year)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Some ratings need correcting: see the messages below."))
    return render(
        request,
        "monitoring/kflc_edit.html",
        {"assessment": assessment, "rows": rows},
    )


@require_POST
@rule_required("monitoring.assess_kflc")
def kflc_reopen(request, year):
    assessment = _assessment(request, year)
    services.kflc_assessment_reopen(assessment=assessment, by=request.user)
    messages.success(request, _("The self-assessment is a draft again, off the public pages."))
    return redirect("monitoring:kflc-edit", assessment.year)
