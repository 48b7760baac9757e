from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from stakeholders.models import CityProfile
from stakeholders.services import email_queue, language_for_email


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
