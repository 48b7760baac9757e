"""The GNLC membership profile: coordinators keep it, city staff read it, both download it as
a PDF in the language of the page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from dashboard import services
from dashboard.forms import GnlcProfileForm
from dashboard.gnlc import gnlc_profile_context
from dashboard.models import GnlcProfile
from dashboard.pdf import render_gnlc_profile_pdf
from learningcity.permissions import can, deny, rule_required


@rule_required("dashboard.read_gnlc_profile")
def gnlc_profile(request):
    may_edit = can(request.user, "dashboard.manage_reports")
    if request.method == "POST" and not may_edit:
        return deny(request)
    profile = GnlcProfile.objects.current()
    form = GnlcProfileForm(request.POST or None, instance=profile, read_only=not may_edit)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.gnlc_profile_save(profile=form.save(commit=False), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The GNLC membership profile is saved."))
                return redirect("reports:gnlc-profile")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "dashboard/gnlc_profile.html",
        {**gnlc_profile_context(profile), "form": form, "may_edit": may_edit},
        status=400 if request.method == "POST" else 200,
    )


@rule_required("dashboard.read_gnlc_profile")
def gnlc_profile_pdf(request):
    language = translation.get_language()
    response = HttpResponse(render_gnlc_profile_pdf(language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gnlc-profile-{language}.pdf"'
    return response
