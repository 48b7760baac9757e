from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learningcity.permissions import GLOBAL_ROLES, ROLE_LABELS, roles, rule_required
from stakeholders.filters import OrganisationFilter
from stakeholders.forms import ProfileForm
from stakeholders.selectors import organisation_directory


def directory(request):
    organisation_filter = OrganisationFilter(
        request.GET, queryset=organisation_directory(request.user)
    )
    page = Paginator(organisation_filter.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "stakeholders/directory.html",
        {"filter": organisation_filter, "page": page},
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(organisation_directory(request.user), slug=slug)
    return render(request, "stakeholders/organisation_detail.html", {"organisation": organisation})


@rule_required("stakeholders.view_profile")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile was saved."))
            return redirect("account_profile")
        messages.error(request, _("Please correct the errors below."))
    user_roles = roles(request.user)
    role_labels = [ROLE_LABELS[role] for role in GLOBAL_ROLES if role in user_roles]
    return render(request, "account/profile.html", {"form": form, "roles": role_labels})
