from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.kept import kept_section, page_shown, versions_of
from learningcity.permissions import rule_required
from stakeholders import services
from stakeholders.filters import GoodPracticeFilter, OrganisationFilter
from stakeholders.forms import InvitationForm, MembershipRoleForm, OrganisationForm, RejectionForm
from stakeholders.models import Membership, Organisation, OrganisationInvitation
from stakeholders.selectors import (
    COMMITTEE_DATA,
    DIRECTORY_DATA,
    committee_overview,
    good_practice_library,
    ministry_liaison,
    organisation_directory,
    organisation_members,
    partnerships,
    pending_organisations,
)


def _organisation(request, slug, **kwargs):
    return get_object_or_404(Organisation, slug=slug)


def _form_failed(request):
    messages.error(request, _("Please correct the errors below."))


DIRECTORY_PARAMETERS = {*OrganisationFilter.base_filters, "page"}


def directory(request):
    """The directory: its filters and page of organisations are kept rendered for the public
    (learningcity.kept); the links around them depend on who reads."""

    def render_body():
        found = OrganisationFilter(request.GET, queryset=organisation_directory(request.user))
        page = Paginator(found.qs, 20).get_page(request.GET.get("page"))
        context = {"filter": found, "page": page}
        html = render_to_string("stakeholders/_directory_body.html", context, request)
        return html, page_shown(request, found.is_valid(), page)

    body = kept_section(
        request,
        "stakeholders:directory",
        render_body,
        versions=versions_of(DIRECTORY_DATA),
        parameters=DIRECTORY_PARAMETERS,
    )
    return render(request, "stakeholders/directory.html", {"body": body})


def organisation_detail(request, slug):
    organisation = get_object_or_404(organisation_directory(request.user), slug=slug)
    return render(request, "stakeholders/organisation_detail.html", {"organisation": organisation})


def partners(request):
    return render(request, "stakeholders/partners.html", partnerships())


def good_practices(request):
    practice_filter = GoodPracticeFilter(request.GET, queryset=good_practice_library())
    page = Paginator(practice_filter.qs, 20).get_page(request.GET.get("page"))
    return render(
        request, "stakeholders/good_practices.html", {"filter": practice_filter, "page": page}
    )


@rule_required("stakeholders.view_ministry_liaison")
def ministry(request):
    page = Paginator(ministry_liaison(), 30).get_page(request.GET.get("page"))
    return render(
        request, "stakeholders/ministry.html", {"page": page, "today": timezone.localdate()}
    )


def committee(request):
    """The committee's members, the sectors without a seat and the decisions, kept rendered for
    the public per day (a term starts or ends with the date)."""

    def render_body():
        context = committee_overview(request.user)
        return render_to_string("stakeholders/_committee_body.html", context, request), True

    body = kept_section(
        request,
        "stakeholders:committee",
        render_body,
        versions=[*versions_of(COMMITTEE_DATA), timezone.localdate().isoformat()],
        parameters=set(),
    )
    return render(request, "stakeholders/committee.html", {"body": body})


@login_required
def organisation_register(request):
    form = OrganisationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = services.organisation_register(
                    user=request.user, organisation=form.save(commit=False)
                )
            except ValidationError as error:
                form.add_error(None, error)
                if getattr(error, "code", None) == "rate_limited":
                    status = 429
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is registered. City staff will verify it before it appears "
                        "publicly."
                    )
                    % {"name": organisation.name},
                )
                return redirect(organisation)
        _form_failed(request)
    return render(
        request,
        "stakeholders/organisation_form.html",
        {"form": form, "creating": True},
        status=status,
    )


@rule_required("stakeholders.edit_organisation", get_object=_organisation)
def organisation_edit(request, slug):
    organisation = _organisation(request, slug)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            was_verified = organisation.verified
            try:
                services.organisation_update(organisation=form.save(commit=False), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if was_verified and not organisation.verified:
                    messages.success(
                        request,
                        _(
                            "The organisation's profile was saved. Its new name goes back to city "
                            "staff, who verify it again before it appears publicly."
                        ),
                    )
                else:
                    messages.success(request, _("The organisation's profile was saved."))
                return redirect(organisation)
        _form_failed(request)
    # A form left with errors may have put the typed name on the instance: show the saved one.
    organisation.refresh_from_db(fields=["name"])
    return render(
        request,
        "stakeholders/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@rule_required("stakeholders.manage_members", get_object=_organisation)
def organisation_members_view(request, slug):
    organisation = _organisation(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invitation_send(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("stakeholders:members", slug=slug)
        _form_failed(request)
    members, invitations = organisation_members(organisation)
    return render(
        request,
        "stakeholders/members.html",
        {
            "organisation": organisation,
            "members": members,
            "invitations": invitations,
            "form": form,
            "role_choices": Membership.Role.choices,
        },
    )


@require_POST
@rule_required("stakeholders.manage_members", get_object=_organisation)
def membership_update(request, slug, membership_id):
    membership = get_object_or_404(Membership, pk=membership_id, organisation__slug=slug)
    remove = "remove" in request.POST
    form = MembershipRoleForm(request.POST)
    if not remove and not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("stakeholders:members", slug=slug)
    try:
        services.membership_change(
            membership=membership,
            role=None if remove else form.cleaned_data["role"],
            remove=remove,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The membership was updated."))
    if remove and membership.user_id == request.user.pk:
        return redirect("account_profile")
    return redirect("stakeholders:members", slug=slug)


@login_required
def invitation_view(request, token):
    invitation = get_object_or_404(
        OrganisationInvitation.objects.select_related("organisation", "invited_by"), token=token
    )
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You are now part of %(name)s.") % {"name": invitation.organisation.name},
            )
            return redirect("account_profile")
    return render(request, "stakeholders/invitation.html", {"invitation": invitation})


@rule_required("stakeholders.verify_organisation")
def verification_queue(request):
    return render(
        request,
        "stakeholders/verification.html",
        {"organisations": pending_organisations(), "rejection_form": RejectionForm()},
    )


@require_POST
@rule_required("stakeholders.verify_organisation")
def verification_decide(request, slug):
    organisation = _organisation(request, slug)
    if "verify" in request.POST:
        services.organisation_verify(organisation=organisation, by=request.user)
        messages.success(request, _("%(name)s is verified and public.") % {"name": organisation})
        return redirect("stakeholders:verification")
    form = RejectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the organisation is rejected."))
        return redirect("stakeholders:verification")
    services.organisation_reject(
        organisation=organisation, by=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request,
        _("%(name)s was rejected; its administrators were told why.") % {"name": organisation},
    )
    return redirect("stakeholders:verification")
