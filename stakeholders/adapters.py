from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from stakeholders.models import CityProfile
from stakeholders.services import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """allauth, adapted: e-mails go through our outbox and Celery, in the recipient's language."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
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
