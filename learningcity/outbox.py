"""The e-mail outbox: every message is stored, then sent by Celery once the transaction commits,
in the language of the person it is written to."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from learningcity.models import CityProfile, OutgoingEmail, User


def email_attachment(filename, content, mimetype):
    """A text file to send with an e-mail (`content` as str or UTF-8 bytes)."""
    if isinstance(content, bytes):
        content = content.decode()
    return {"filename": filename, "content": content, "mimetype": mimetype}


def email_queue(*, to, subject, body, html_body="", headers=None, attachments=()):
    """Store an e-mail and send it through Celery once the surrounding transaction commits;
    `attachments` are made by email_attachment."""
    from learningcity.tasks import send_email_soon

    email = OutgoingEmail(
        to=to,
        subject=subject.strip(),
        body=body,
        html_body=html_body or "",
        headers=headers or {},
        attachments=list(attachments),
    )
    email.full_clean()
    email.save()
    transaction.on_commit(lambda: send_email_soon(email.pk))
    return email


def email_render_and_queue(*, to, template, context, language, attachments=()):
    """Render the `<template>_subject.txt` and `_body.txt` pair in `language` and queue it."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return email_queue(to=to, subject=" ".join(subject.split()), body=body, attachments=attachments)


def language_for_email(email, *, otherwise=None):
    """The language to write to an address in: its account's, else `otherwise`, else the city's
    default."""
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user:
        return user.preferred_language
    return otherwise or CityProfile.objects.current().default_language
