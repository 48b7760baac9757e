"""Organisations keep their own opportunities and spaces in the portal (DESIGN.md §4): their
members and admins add, change, publish and unpublish them, through provision.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learningcity.forms import as_saved
from learningcity.permissions import can, deny, organisation_roles
from provision import services
from provision.forms import OpportunityForm, SpaceForm
from provision.models import LearningSpace, Opportunity
from stakeholders.models import Organisation


@login_required
def manage(request):
    """The opportunities and spaces of the verified organisations the person belongs to."""
    organisations = Organisation.objects.filter(
        pk__in=list(organisation_roles(request.user)), verified=True
    ).order_by("name")
    opportunities = (
        Opportunity.objects.filter(organization__in=organisations)
        .select_related("organization")
        .order_by("organization__name", "-created_at", "pk")
    )
    spaces = (
        LearningSpace.objects.filter(organization__in=organisations)
        .select_related("organization")
        .order_by("organization__name", "name", "pk")
    )
    return render(
        request,
        "provision/manage.html",
        {"organisations": organisations, "opportunities": opportunities, "spaces": spaces},
    )


def _save(request, form, instance_save, done):
    """Save a valid form's row through `instance_save`, then its many-to-many; errors the
    service finds go back on the form."""
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below."))
        return None
    row = form.save(commit=False)
    try:
        instance_save(row)
    except ValidationError as error:
        form.add_error(None, error)
        messages.error(request, _("Please correct the errors below."))
        return None
    form.save_m2m()
    messages.success(request, done)
    return row


def _opportunity_form(request, organisation, opportunity=None):
    if not can(request.user, "provision.manage_for", organisation):
        return deny(request)
    saved = as_saved(opportunity)
    form = OpportunityForm(request.POST or None, instance=opportunity, organisation=organisation)
    if request.method == "POST":

        def save(row):
            row.organization = organisation
            services.opportunity_save(opportunity=row, by=request.user)

        if _save(request, form, save, _("The learning opportunity is saved.")):
            return redirect(form.instance)
    return render(
        request,
        "provision/opportunity_form.html",
        {"form": form, "organisation": organisation, "opportunity": saved},
    )


def opportunity_new(request, organisation):
    return _opportunity_form(request, get_object_or_404(Organisation, slug=organisation))


def opportunity_edit(request, slug):
    opportunity = get_object_or_404(Opportunity.objects.select_related("organization"), slug=slug)
    return _opportunity_form(request, opportunity.organization, opportunity)


def _space_form(request, organisation, space=None):
    if not can(request.user, "provision.manage_for", organisation):
        return deny(request)
    saved = as_saved(space)
    form = SpaceForm(request.POST or None, instance=space)
    if request.method == "POST":

        def save(row):
            if row.organization_id is None:
                row.organization = organisation
            services.space_save(space=row, by=request.user)

        if _save(request, form, save, _("The learning space is saved.")):
            return redirect(form.instance)
    return render(
        request,
        "provision/space_form.html",
        {"form": form, "organisation": organisation, "space": saved},
    )


def space_new(request, organisation):
    return _space_form(request, get_object_or_404(Organisation, slug=organisation))


def space_edit(request, slug):
    space = get_object_or_404(LearningSpace.objects.select_related("organization"), slug=slug)
    return _space_form(request, space.organization, space)
