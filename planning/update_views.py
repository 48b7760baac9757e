"""Contact persons keep an action up to date: who they are, their progress updates, and staff's
review of those updates when the plan asks for it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.permissions import STAFF, can, deny, has_role, rule_required
from learningcity.shortcuts import posted_object_or_404
from planning import services
from planning.forms import ContactForm, PlanSettingsForm, ProgressUpdateForm, UpdateReviewForm
from planning.models import Action, ActionPlan, ProgressUpdate
from planning.rules import organisations_for_contacts
from planning.selectors import updates_pending
from planning.views import locked


def _action(pk):
    return get_object_or_404(
        Action.objects.select_related("objective__plan", "lead_organisation"), pk=pk
    )


def action_contacts(request, pk):
    """Staff, or the admin of the lead or a partner organisation, choose and remove the action's
    contact persons among the organisation's members."""
    action = _action(pk)
    if not can(request.user, "planning.choose_contacts", action):
        return deny(request)
    plan = action.objective.plan
    organisations = organisations_for_contacts(request.user, action)
    form = ContactForm(
        request.POST if "add" in request.POST else None,
        organisations=organisations,
        action=action,
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                contact = posted_object_or_404(
                    request, action.contacts, "remove", organisation__in=organisations
                )
                services.action_contact_remove(contact=contact, by=request.user)
                messages.success(request, _("The contact person was removed."))
                return redirect("planning:action-contacts", action.pk)
            if form.is_valid():
                membership = form.cleaned_data["membership"]
                services.action_contact_add(
                    action=action,
                    person=membership.user,
                    organisation=membership.organisation,
                    by=request.user,
                )
                messages.success(request, _("The contact person was added and told."))
                return redirect("planning:action-contacts", action.pk)
        except services.PlanLocked as error:
            return locked(request, plan, error, back=action.get_absolute_url())
        except ValidationError as error:
            form.add_error(None, error)
        messages.error(request, _("Please correct the errors below."))
    contacts = action.contacts.select_related("person", "organisation")
    return render(
        request,
        "planning/action_contacts.html",
        {
            "action": action,
            "form": form,
            "contacts": contacts,
            "managed": organisations,
        },
    )


def _contact_organisation(user, action):
    contact = action.contacts.filter(person=user).select_related("organisation").first()
    return contact.organisation if contact else None


def _save_update(request, action, update, organisation):
    plan = action.objective.plan
    try:
        services.plan_check_editable(plan=plan, structure=False)
    except services.PlanLocked as error:
        return locked(request, plan, error, back=action.get_absolute_url())
    form = ProgressUpdateForm(request.POST or None, instance=update)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.progress_update_submit(
                    update=form.save(commit=False), by=request.user, organisation=organisation
                )
            except services.PlanLocked as error:
                return locked(request, plan, error, back=action.get_absolute_url())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved.status == ProgressUpdate.Status.PENDING:
                    messages.success(
                        request,
                        _("Thank you. The update is pending review by city staff."),
                    )
                else:
                    messages.success(request, _("Thank you. The update is published."))
                return redirect(saved.get_absolute_url())
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "planning/progress_update_form.html",
        {"action": action, "form": form, "update": update, "organisation": organisation},
    )


def progress_update_new(request, pk):
    action = _action(pk)
    if not can(request.user, "planning.update_action", action):
        return deny(request)
    organisation = _contact_organisation(request.user, action)
    return _save_update(request, action, ProgressUpdate(action=action), organisation)


def progress_update_edit(request, pk, update_pk):
    """A contact person of the update's organisation rewrites an update staff returned."""
    action = _action(pk)
    if not can(request.user, "planning.update_action", action):
        return deny(request)
    update = get_object_or_404(action.updates.select_related("organisation"), pk=update_pk)
    organisation = _contact_organisation(request.user, action)
    if update.organisation_id != getattr(organisation, "pk", None) and not has_role(
        request.user, STAFF
    ):
        raise PermissionDenied
    if update.status != ProgressUpdate.Status.RETURNED:
        raise Http404
    return _save_update(request, action, update, update.organisation)


@rule_required("planning.review_updates")
def updates_review(request):
    return render(
        request,
        "planning/updates_review.html",
        {"updates": updates_pending(), "form": UpdateReviewForm()},
    )


@require_POST
@rule_required("planning.review_updates")
def progress_update_review(request, pk):
    update = get_object_or_404(ProgressUpdate, pk=pk)
    form = UpdateReviewForm(request.POST)
    if form.is_valid():
        try:
            services.progress_update_review(
                update=update,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The update was reviewed."))
            return redirect("planning:updates-review")
    else:
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    return render(
        request,
        "planning/updates_review.html",
        {"updates": updates_pending(), "form": UpdateReviewForm(), "failed": update.pk},
        status=400,
    )


@rule_required("planning.edit_plan")
def plan_settings(request, pk):
    plan = get_object_or_404(ActionPlan, pk=pk)
    try:
        services.plan_check_editable(plan=plan, structure=False)
    except services.PlanLocked as error:
        return locked(request, plan, error)
    # An unticked box posts nothing: the form is bound by the method, not by its data.
    form = PlanSettingsForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.plan_settings_update(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(plan.get_absolute_url())
    return render(
        request,
        "planning/edit_form.html",
        {"plan": plan, "form": form, "heading": _("Settings of the plan")},
    )
