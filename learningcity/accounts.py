"""People's accounts: allauth's adapter, the sign-up and profile forms, the profile page and
the one service that sets a person's global roles."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from learningcity import permissions
from learningcity.account_forms import ProfileForm
from learningcity.models import CityProfile
from learningcity.outbox import email_queue, language_for_email
from learningcity.permissions import GLOBAL_ROLES, ROLE_LABELS, roles, rule_required


@transaction.atomic
def user_set_roles(*, user, roles):
    """Give a person exactly these global roles (a subset of permissions.GLOBAL_ROLES)."""
    unknown = set(roles) - set(permissions.GLOBAL_ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    user.groups.set(Group.objects.filter(name__in=set(roles) | {permissions.CITIZEN}))
    permissions.forget(user)


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mails call `current_site`: the programme (we have no `sites` app)."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adapted: e-mails go through our outbox and Celery, in the recipient's language."""

    def send_mail(self, template_prefix, email, context):
        # The account's language: the "account already exists" mail has no user in its context
        # and must not go out in the language of whoever typed the address; an address without
        # an account (the unknown-account mail) is written to in the language it was typed in.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or language_for_email(
            email, otherwise=translation.get_language()
        )
        with translation.override(language):
            context = {
                "email": email,
                "current_site": PortalSite(
                    name=CityProfile.objects.current().programme_name,
                    domain=urlsplit(settings.SITE_URL).netloc,
                ),
                "site_url": settings.SITE_URL,
                **context,
            }
            message = self.render_mail(template_prefix, email, context)
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        email_queue(to=email, subject=message.subject, body=message.body, html_body=html_body)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or CityProfile.objects.current().default_language
        user.preferred_language = language[:2]
        if commit:
            user.save()
        return user


@rule_required("city.view_profile")
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            # Said and shown in the language just chosen: the next page is read in it.
            with translation.override(user.preferred_language):
                messages.success(request, _("Your profile was saved."))
                return redirect("account_profile")
        messages.error(request, _("Please correct the errors below."))
    user_roles = roles(request.user)
    role_labels = [ROLE_LABELS[role] for role in GLOBAL_ROLES if role in user_roles]
    return render(request, "account/profile.html", {"form": form, "roles": role_labels})
