"""The privacy page, and a person's "download my data" and "delete my account"."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from learningcity.personal_data import (
    AccountCannotBeDeleted,
    account_delete,
    deletion_blockers,
    personal_data_export,
)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To confirm it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."), code="wrong_password")
        return password


def account_section_context(request, user):
    """The account page's "Your data" section (registered by LearningCityConfig)."""
    return {
        "blockers": deletion_blockers(user=user),
        "delete_form": AccountDeleteForm(user=user, auto_id="delete_%s"),
    }


def privacy(request):
    return render(request, "privacy.html")


# A GET: downloading changes nothing, so a plain link serves it and no token is needed; another
# site may make a person's browser fetch it, but only that person receives the file (the
# same-origin policy keeps the other site from reading it). Never cached anywhere.
@never_cache
@require_GET
@login_required
def personal_data_download(request):
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"learning-city-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@login_required
def account_delete_view(request):
    form = AccountDeleteForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Your account was not deleted: the password is not right."))
        return redirect("account_profile")
    try:
        account_delete(user=request.user, by=request.user)
    except AccountCannotBeDeleted as error:
        messages.error(request, " ".join(error.messages))
        return redirect("account_profile")
    logout(request)
    messages.success(request, _("Your account and your personal data were deleted. Goodbye."))
    return redirect("home")
