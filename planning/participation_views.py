"""Where stakeholders take part in planning: the charter, stock-taking and workshops."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import can, organisation_roles, rule_required
from learningcity.shortcuts import plain_number
from planning import services
from planning.filters import StocktakeFilter
from planning.forms import (
    CharterSignForm,
    CharterWithdrawForm,
    StocktakeForm,
    StocktakeReviewForm,
    WorkshopEvaluationForm,
)
from planning.models import StocktakeEntry, Workshop, WorkshopParticipation
from planning.selectors import (
    charter_drafts,
    current_charter,
    stocktake_inventory,
    stocktake_of_member,
    stocktake_pending,
    workshops_overview,
)
from stakeholders.models import Organisation


def charter(request):
    item = current_charter()
    may_sign, may_withdraw = [], []
    if item is not None and request.user.is_authenticated:
        signed = {signature.organisation_id for signature in item.signatures.all()}
        for organisation in Organisation.objects.filter(
            pk__in=organisation_roles(request.user), verified=True
        ):
            if can(request.user, "planning.sign_charter", organisation):
                (may_withdraw if organisation.pk in signed else may_sign).append(organisation)
    return render(
        request,
        "planning/charter.html",
        {
            "charter": item,
            "drafts": charter_drafts(request.user),
            "may_open_for_comments": can(request.user, "planning.open_for_comments"),
            "may_sign": may_sign,
            "may_withdraw": may_withdraw,
            "withdraw_form": CharterWithdrawForm(),
        },
    )


def _organisation_to_sign_for(request):
    """The organisation named in the query (the charter page's link) or the posted form: only
    its admins go further."""
    source = request.POST if request.method == "POST" else request.GET
    pk = plain_number(source.get("organisation", ""))
    if pk is None:
        raise Http404
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can(request.user, "planning.sign_charter", organisation):
        raise PermissionDenied
    return organisation


@login_required
def charter_sign(request):
    """What the organisation commits to, and a box its admin ticks to sign on its behalf."""
    organisation = _organisation_to_sign_for(request)
    item = current_charter()
    if item is None:
        messages.error(request, _("There is no published charter to sign."))
        return redirect("planning:charter")
    form = CharterSignForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.charter_sign(charter=item, organisation=organisation, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(name)s has signed the city charter.") % {"name": organisation.name},
                )
            return redirect("planning:charter")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/charter_sign.html",
        {"charter": item, "organisation": organisation, "form": form},
    )


@require_POST
@login_required
def charter_withdraw(request):
    organisation = _organisation_to_sign_for(request)
    item = current_charter()
    form = CharterWithdrawForm(request.POST)
    if item is None or not form.is_valid():
        messages.error(request, _("The signature could not be withdrawn."))
        return redirect("planning:charter")
    try:
        services.charter_withdraw(
            charter=item,
            organisation=organisation,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s has withdrawn its signature from the charter.")
            % {"name": organisation.name},
        )
    return redirect("planning:charter")


def stocktake(request):
    entries = StocktakeFilter(request.GET, queryset=stocktake_inventory())
    page = Paginator(entries.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "planning/stocktake.html",
        {"filter": entries, "page": page, "own_entries": stocktake_of_member(request.user)},
    )


@login_required
def stocktake_new(request):
    form = StocktakeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            if not can(
                request.user, "planning.submit_stocktake", form.cleaned_data["organisation"]
            ):
                raise PermissionDenied
            try:
                services.stocktake_submit(
                    entry=form.save(commit=False),
                    by=request.user,
                    target_groups=form.cleaned_data["target_groups"],
                    kflc_focuses=form.cleaned_data["kflc_focuses"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you. City staff will review the activity before it is listed."),
                )
                return redirect("planning:stocktake")
        messages.error(request, _("Please correct the errors below."))
    return render(request, "planning/stocktake_form.html", {"form": form})


@rule_required("planning.review_stocktake")
def stocktake_review_queue(request):
    return render(
        request,
        "planning/stocktake_review.html",
        {"entries": stocktake_pending(), "form": StocktakeReviewForm()},
    )


@require_POST
@rule_required("planning.review_stocktake")
def stocktake_review(request, pk):
    entry = get_object_or_404(StocktakeEntry, pk=pk)
    form = StocktakeReviewForm(request.POST)
    if form.is_valid():
        try:
            services.stocktake_review(
                entry=entry,
                by=request.user,
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
                merge_into=form.cleaned_data["merge_into"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(title)s” was reviewed.") % {"title": entry.title})
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("planning:stocktake-review")


def workshops(request):
    context = workshops_overview()
    roles = organisation_roles(request.user)
    context["participation_roles"] = roles
    # The organisations this person may register (any they belong to): one query, whatever
    # the workshops.
    organisations = (
        list(Organisation.objects.filter(pk__in=list(roles), verified=True)) if roles else []
    )
    now = timezone.now()
    for workshop in context["workshops"]:
        held = {
            participation.organisation_id: participation
            for participation in workshop.participations.all()
            if participation.status != WorkshopParticipation.Status.CANCELLED
        }
        workshop.my_places = (
            [(organisation, held.get(organisation.pk)) for organisation in organisations]
            if workshop.starts_at > now
            else []
        )
    return render(request, "planning/workshops.html", context)


@require_POST
@login_required
def workshop_place(request, pk):
    """A member registers their organisation for a workshop, or gives up its place."""
    workshop = get_object_or_404(Workshop, pk=pk)
    organisation_pk = plain_number(request.POST.get("organisation", ""))
    if organisation_pk is None:
        raise Http404
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    if not can(request.user, "planning.request_workshop_place", organisation):
        raise PermissionDenied
    try:
        if request.POST.get("cancel"):
            services.workshop_cancel_place(
                workshop=workshop, organisation=organisation, by=request.user
            )
            message = _("%(name)s gave up its place in “%(topic)s”.")
        else:
            participation = services.workshop_request_place(
                workshop=workshop, organisation=organisation, by=request.user
            )
            if participation.status == WorkshopParticipation.Status.CONFIRMED:
                message = _("%(name)s has a place in “%(topic)s”.")
            else:
                message = _(
                    "“%(topic)s” is full: %(name)s is on the waiting list and takes the next "
                    "place that frees up."
                )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message % {"name": organisation.name, "topic": workshop.topic})
    return redirect(f"{reverse('planning:workshops')}#workshop-{workshop.pk}")


@rule_required(
    "planning.evaluate_workshop",
    get_object=lambda request, pk: get_object_or_404(WorkshopParticipation, pk=pk),
)
def workshop_evaluate(request, pk):
    participation = get_object_or_404(
        WorkshopParticipation.objects.select_related("workshop", "organisation"), pk=pk
    )
    form = WorkshopEvaluationForm(request.POST or None, instance=participation)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("planning:workshops")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request, "planning/workshop_evaluate.html", {"form": form, "participation": participation}
    )


@rule_required("planning.take_attendance")
def workshop_attendance(request, pk):
    """Staff tick, on a phone at the door, the organisations that came and how many people."""
    workshop = get_object_or_404(Workshop, pk=pk)
    participations = list(
        workshop.participations.filter(status=WorkshopParticipation.Status.CONFIRMED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    errors = []
    if request.method == "POST":
        came = {plain_number(value) for value in request.POST.getlist("attended")}
        attendance = {}
        for participation in participations:
            people = plain_number(request.POST.get(f"people-{participation.pk}", "0") or "0")
            if people is None:
                errors.append(
                    _("The number of people from %(name)s is not a number.")
                    % {"name": participation.organisation.name}
                )
                continue
            attendance[participation.pk] = (participation.pk in came, people)
        if not errors:
            try:
                services.workshop_record_attendance(
                    workshop=workshop, attendance=attendance, by=request.user
                )
            except ValidationError as error:
                errors += error.messages
            else:
                messages.success(request, _("The attendance was saved."))
                return redirect(f"{reverse('planning:workshops')}#workshop-{workshop.pk}")
        # Show what was typed, so nothing is lost.
        for participation in participations:
            participation.attended = participation.pk in came
            participation.people = request.POST.get(f"people-{participation.pk}", "")
    return render(
        request,
        "planning/workshop_attendance.html",
        {
            "workshop": workshop,
            "participations": participations,
            "errors": errors,
            "max_people": services.MOST_PEOPLE,
        },
        status=400 if errors else 200,
    )
