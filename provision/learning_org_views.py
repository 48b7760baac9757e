"""Learning organisations (the public list and pages; what an organisation's admins do for it:
pledge, self-assessment, requests for support, yearly reports, its spaces' checklists) and a
learner-friendly city (anyone reports a barrier met at a space; city staff answer)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.permissions import can, deny, organisation_roles, rule_required
from provision import learning_org_selectors as selectors
from provision import learning_orgs as services
from provision.learning_org_forms import (
    BarrierAnswerForm,
    BarrierForm,
    ChecklistForm,
    PledgeForm,
    SelfAssessmentForm,
    SupportAnswerForm,
    SupportRequestForm,
    YearlyReportForm,
)
from provision.learning_org_models import ASSESSMENT_ITEM_LABELS, BarrierReport, SupportRequest
from provision.views import paginated
from stakeholders.models import Organisation

TEMPLATES = "provision/learning_orgs/"
ERRORS = "Please correct the errors below."


def _organisation(request, slug):
    return get_object_or_404(Organisation, slug=slug)


def _for_admin(view):
    return rule_required("provision.act_for_learning_org", get_object=_organisation)(view)


def _saved(request, form, save, message):
    """Call `save()`; a ValidationError goes on the form. True when saved."""
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        messages.error(request, _(ERRORS))
        return False
    messages.success(request, message)
    return True


def organisations(request):
    """The learning organisations, each with its commitments; an organisation's admins find
    their own organisations' pages to pledge or manage."""
    own = [pk for pk, role in organisation_roles(request.user).items() if role == "admin"]
    context = {
        "page": paginated(request, selectors.public_pledges()),
        "own": Organisation.objects.filter(pk__in=own).order_by("name") if own else [],
    }
    return render(request, TEMPLATES + "list.html", context)


def organisation(request, slug):
    found = selectors.public_organisation(slug)
    if found is None:
        raise Http404
    latest = found.assessments[0] if found.assessments else None
    context = {
        "organisation": found,
        "pledge": found.learning_pledge,
        "latest": latest,
        "labels": ASSESSMENT_ITEM_LABELS,
        "may_manage": can(request.user, "provision.act_for_learning_org", found),
    }
    return render(request, TEMPLATES + "detail.html", context)


@_for_admin
def manage(request, slug):
    """What an organisation's admins do for it as a learning organisation, on one page."""
    found = selectors.organisation_for_admin(slug)
    context = {
        "organisation": found,
        "pledge": selectors.pledge_of(found),
        "year": timezone.localdate().year,
    }
    return render(request, TEMPLATES + "manage.html", context)


@_for_admin
def pledge(request, slug):
    found = _organisation(request, slug)
    form = PledgeForm.for_pledge(
        selectors.pledge_of(found), request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.pledge_save(
                    organisation=found,
                    commitments=form.cleaned_data["commitments"],
                    statement=form.cleaned_data["statement"],
                    by=request.user,
                ),
                _("Your pledge is saved."),
            )
            if saved:
                return redirect("provision:learning-organisation-manage", found.slug)
        else:
            messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "pledge.html", {"organisation": found, "form": form})


def _pledged_or_redirect(request, organisation):
    if selectors.pledge_of(organisation) is None:
        messages.info(request, _("Pledge to become a learning organisation first."))
        return redirect("provision:learning-organisation-pledge", organisation.slug)
    return None


@_for_admin
def assessment(request, slug):
    """This year's self-assessment; filled again, it replaces this year's answers."""
    found = _organisation(request, slug)
    if (response := _pledged_or_redirect(request, found)) is not None:
        return response
    year = timezone.localdate().year
    form = SelfAssessmentForm(
        request.POST if request.method == "POST" else None,
        assessment=selectors.assessment_of(found, year),
    )
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.self_assessment_save(
                    organisation=found, year=year, answers=form.answers(), by=request.user
                ),
                _("Your self-assessment is saved."),
            )
            if saved:
                return redirect("provision:learning-organisation-manage", found.slug)
        else:
            messages.error(request, _(ERRORS))
    context = {"organisation": found, "form": form, "year": year}
    return render(request, TEMPLATES + "assessment.html", context)


@_for_admin
def support_new(request, slug):
    found = _organisation(request, slug)
    if (response := _pledged_or_redirect(request, found)) is not None:
        return response
    form = SupportRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.support_request_submit(
                    organisation=found,
                    kind=form.cleaned_data["kind"],
                    description=form.cleaned_data["description"],
                    by=request.user,
                ),
                _("Your request is sent. City staff will answer it."),
            )
            if saved:
                return redirect("provision:learning-organisation-manage", found.slug)
        else:
            messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "support_new.html", {"organisation": found, "form": form})


@_for_admin
def report(request, slug):
    """This year's report, written or rewritten."""
    found = _organisation(request, slug)
    if (response := _pledged_or_redirect(request, found)) is not None:
        return response
    year = timezone.localdate().year
    existing = selectors.report_of(found, year)
    form = YearlyReportForm(
        request.POST if request.method == "POST" else None,
        initial={"text": existing.text} if existing else None,
    )
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.yearly_report_save(
                    organisation=found, year=year, text=form.cleaned_data["text"], by=request.user
                ),
                _("Your report is saved."),
            )
            if saved:
                return redirect("provision:learning-organisation-manage", found.slug)
        else:
            messages.error(request, _(ERRORS))
    context = {"organisation": found, "form": form, "year": year}
    return render(request, TEMPLATES + "report.html", context)


@rule_required("provision.handle_support_requests")
def support_requests(request):
    """The requests for support, those waiting first, then the answered ones, newest first."""
    status = request.GET.get("status")
    requests = selectors.support_requests_for_staff()
    if status in SupportRequest.Status.values:
        requests = requests.filter(status=status)
    context = {
        "page": paginated(request, requests),
        "statuses": SupportRequest.Status.choices,
        "status": status,
    }
    return render(request, TEMPLATES + "support_list.html", context)


@rule_required("provision.handle_support_requests")
def support_request(request, pk):
    found = selectors.support_request_for_staff(pk)
    if found is None:
        raise Http404
    form = SupportAnswerForm(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.support_request_update(
                    support_request=found,
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                    by=request.user,
                ),
                _("The answer is saved."),
            )
            if saved:
                return redirect("provision:support-requests")
        else:
            messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "support_detail.html", {"item": found, "form": form})


def checklist(request, slug):
    """An admin of the organisation that runs the space fills its learner-friendly checklist."""
    space = selectors.space_for_checklist(slug)
    if space is None:
        raise Http404
    if not can(request.user, "provision.act_for_learning_org", space.organization):
        return deny(request)
    current = getattr(space, "checklist", None)
    form = ChecklistForm.for_checklist(current, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.checklist_save(
                    space=space,
                    ticked=form.cleaned_data["ticked"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                ),
                _("The checklist is saved."),
            )
            if saved:
                return redirect(space.get_absolute_url())
        else:
            messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "checklist.html", {"space": space, "form": form})


def barrier_new(request, slug):
    """Anyone, signed in or not, tells the city of a barrier met at a space."""
    space = selectors.space_for_barrier(slug)
    if space is None:
        raise Http404
    form = BarrierForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            if not form.is_robot:
                barrier = form.save(commit=False)
                barrier.space = space
                services.barrier_submit(report=barrier, by=request.user)
            messages.success(
                request,
                _("Thank you. City staff read every report and follow it until it is resolved."),
            )
            return redirect(space.get_absolute_url())
        messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "barrier_new.html", {"space": space, "form": form})


@rule_required("provision.handle_barriers")
def barriers(request):
    status = request.GET.get("status")
    reports = selectors.barriers_for_staff()
    if status in BarrierReport.Status.values:
        reports = reports.filter(status=status)
    context = {
        "page": paginated(request, reports),
        "statuses": BarrierReport.Status.choices,
        "status": status,
    }
    return render(request, TEMPLATES + "barrier_list.html", context)


@rule_required("provision.handle_barriers")
def barrier(request, pk):
    found = selectors.barrier_for_staff(pk)
    if found is None:
        raise Http404
    form = BarrierAnswerForm(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST":
        if form.is_valid():
            saved = _saved(
                request,
                form,
                lambda: services.barrier_respond(
                    report=found,
                    status=form.cleaned_data["status"],
                    response=form.cleaned_data["response"],
                    is_public=form.cleaned_data["is_public"],
                    by=request.user,
                ),
                _("The answer is saved."),
            )
            if saved:
                return redirect("provision:barriers")
        else:
            messages.error(request, _(ERRORS))
    return render(request, TEMPLATES + "barrier_detail.html", {"item": found, "form": form})
