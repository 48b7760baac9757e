"""Recognition of non-formal learning: providers describe procedures, learners apply with
evidence, the provider's assessors decide, and anyone verifies a credential by its code."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.forms import as_saved
from learningcity.permissions import can, deny
from provision import recognition
from provision.recognition_forms import (
    ApplicationForm,
    CredentialWithdrawForm,
    DecisionForm,
    ProcedureForm,
)
from provision.recognition_models import RecognitionProcedure
from stakeholders.models import Organisation


def procedures(request):
    """The open procedures, and for a provider's people the procedures they describe."""
    managed = []
    organisations = []
    if request.user.is_authenticated:
        managed = list(recognition.managed_procedures(request.user))
        organisations = [
            organisation
            for organisation in Organisation.objects.filter(
                memberships__user=request.user, verified=True
            ).order_by("name")
            if can(request.user, "provision.recognition_manage", organisation)
        ]
    context = {
        "procedures": recognition.open_procedures(),
        "managed": managed,
        "organisations": organisations,
        "to_decide": recognition.applications_to_decide(request.user).count()
        if request.user.is_authenticated
        else 0,
    }
    return render(request, "provision/recognition/list.html", context)


def procedure(request, slug):
    found = recognition.procedure_for(request.user, slug)
    if found is None:
        raise Http404
    context = {
        "procedure": found,
        "manage": can(request.user, "provision.recognition_manage", found.provider),
    }
    return render(request, "provision/recognition/procedure.html", context)


def _procedure_form(request, organisation, instance):
    if not can(request.user, "provision.recognition_manage", organisation):
        return deny(request)
    data = request.POST if request.method == "POST" else None
    saved = as_saved(instance)
    form = ProcedureForm(data, instance=instance, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            found = form.save(commit=False)
            found.provider = organisation
            try:
                recognition.procedure_save(
                    procedure=found, assessors=list(form.cleaned_data["assessors"]), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The recognition procedure is saved."))
                return redirect(found)
        messages.error(request, _("Please correct the errors below."))
    context = {"form": form, "organisation": organisation, "procedure": saved}
    return render(request, "provision/recognition/procedure_form.html", context)


@login_required
def procedure_new(request, organisation):
    found = get_object_or_404(Organisation, slug=organisation)
    return _procedure_form(request, found, None)


@login_required
def procedure_edit(request, slug):
    found = get_object_or_404(RecognitionProcedure.objects.select_related("provider"), slug=slug)
    return _procedure_form(request, found.provider, found)


@login_required
def apply(request, slug):
    """A signed-in learner tells what they learned and sends evidence of it."""
    found = recognition.procedure_for(request.user, slug)
    if found is None or not found.is_open:
        raise Http404
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    form = ApplicationForm(*data)
    if request.method == "POST":
        if form.is_valid():
            try:
                application = recognition.application_submit(
                    application=form.save(commit=False), procedure=found, by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your application is sent. You will be told when an assessor decides."),
                )
                return redirect(application)
        messages.error(request, _("Please correct the errors below."))
    return render(request, "provision/recognition/apply.html", {"procedure": found, "form": form})


@login_required
def assess(request):
    """The applications waiting for the signed-in assessor's decision, oldest first."""
    waiting = (
        recognition.applications_to_decide(request.user)
        .select_related("procedure__provider", "applicant")
        .order_by("submitted_at", "pk")
    )
    return render(request, "provision/recognition/assess.html", {"applications": waiting})


def _application(request, key):
    found = recognition.application_by_key(key)
    if found is None or not can(request.user, "provision.recognition_view_application", found):
        # Whether it exists is nobody else's business.
        raise Http404
    return found


@login_required
def application(request, key):
    """One application: the learner follows it; an assessor of the procedure decides on it."""
    found = _application(request, key)
    may_decide = can(request.user, "provision.recognition_decide", found)
    waiting = found.status == found.Status.SUBMITTED
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not (may_decide and waiting):
            return deny(request)
        if form.is_valid():
            try:
                recognition.application_decide(
                    application=found,
                    accept=form.cleaned_data["decision"] == "accept",
                    reasons=form.cleaned_data["reasons"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision is saved and the learner is told."))
                return redirect("provision:recognition-assess")
        messages.error(request, _("Please correct the errors below."))
    context = {
        "application": found,
        "credential": getattr(found, "credential", None),
        "form": form if may_decide and waiting else None,
        "may_withdraw": found.applicant_id == request.user.pk and waiting,
    }
    return render(request, "provision/recognition/application.html", context)


@require_POST
@login_required
def application_withdraw(request, key):
    found = _application(request, key)
    try:
        recognition.application_withdraw(application=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(found)


@login_required
def evidence(request, key):
    """The evidence file, as a download, to whoever may read the application."""
    found = _application(request, key)
    if not found.evidence_file:
        raise Http404
    response = FileResponse(found.evidence_file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=PurePosixPath(found.evidence_file.name).name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _credential(code):
    found = recognition.credential_by_code(code)
    if found is None:
        raise Http404
    return found


def credential(request, code):
    """Anyone verifies a credential by its code: who holds it, for what, and whether it was
    withdrawn."""
    found = _credential(code)
    context = {
        "credential": found,
        "withdraw_form": CredentialWithdrawForm()
        if not found.is_withdrawn and can(request.user, "provision.credential_withdraw", found)
        else None,
    }
    return render(request, "provision/recognition/credential.html", context)


def credential_pdf(request, code):
    found = _credential(code)
    language = translation.get_language()
    response = HttpResponse(
        recognition.certificate_pdf(found, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"credential-{found.code}.pdf"
    )
    return response


@require_POST
def credential_withdraw(request, code):
    found = _credential(code)
    if not can(request.user, "provision.credential_withdraw", found):
        return deny(request)
    form = CredentialWithdrawForm(request.POST)
    if form.is_valid():
        try:
            recognition.credential_withdraw(
                credential=found, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The credential is withdrawn."))
            return redirect(found)
    else:
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "provision/recognition/credential.html",
        {"credential": found, "withdraw_form": form},
        status=400,
    )
