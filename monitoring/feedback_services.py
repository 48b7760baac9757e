"""Writes to feedback: anyone leaves it (anonymous allowed), city staff publish it or hide it
with a reason — moderation never deletes —, and answer it with what was done, linked to the
plan action, objective or indicator it changed; whoever left an address hears of the answer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.outbox import email_render_and_queue, language_for_email
from monitoring.models import FEEDBACK_MAX_LENGTH, Feedback

audit.register(
    {
        "monitoring.feedback_publish": gettext_noop("Published feedback"),
        "monitoring.feedback_hide": gettext_noop("Hid feedback"),
        "monitoring.feedback_answer": gettext_noop("Answered feedback"),
    }
)


def _text(text, *, empty_message):
    text = (text or "").strip()
    if not text:
        raise ValidationError(empty_message)
    if len(text) > FEEDBACK_MAX_LENGTH:
        raise ValidationError(
            _("Write at most %(limit)d characters; this text has %(length)d.")
            % {"limit": FEEDBACK_MAX_LENGTH, "length": len(text)}
        )
    return text


def _locked(feedback):
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


@transaction.atomic
def feedback_submit(*, text, language, contact_name="", contact_email="", author=None):
    """New feedback waits for city staff. `author` is the account of someone logged in."""
    feedback = Feedback(
        text=_text(text, empty_message=_("Write your feedback.")),
        contact_name=(contact_name or "").strip(),
        contact_email=(contact_email or "").strip().lower(),
        author=author if getattr(author, "is_authenticated", False) else None,
        language=language,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def feedback_publish(*, feedback, by):
    feedback = _locked(feedback)
    feedback.status = Feedback.Status.PUBLISHED
    feedback.hidden_reason = ""
    feedback.moderated_by = by
    feedback.moderated_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit.record(actor=by, action="monitoring.feedback_publish", target=feedback)
    return feedback


@transaction.atomic
def feedback_hide(*, feedback, reason, by):
    """Off the public page, with the reason kept; the feedback itself stays."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is hidden.")})
    feedback = _locked(feedback)
    feedback.status = Feedback.Status.HIDDEN
    feedback.hidden_reason = reason
    feedback.moderated_by = by
    feedback.moderated_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit.record(
        actor=by, action="monitoring.feedback_hide", target=feedback, changes={"reason": reason}
    )
    return feedback


@transaction.atomic
def feedback_answer(*, feedback, answer, by, action=None, objective=None, indicator=None):
    """Say what was done, and what it changed. The person who left an address is told the
    first time it is answered."""
    answer = _text(answer, empty_message=_("Say what was done."))
    feedback = _locked(feedback)
    first = not feedback.answer
    feedback.answer = answer
    feedback.answered_by = by
    feedback.answered_at = timezone.now()
    feedback.action = action
    feedback.objective = objective
    feedback.indicator = indicator
    feedback.full_clean()
    feedback.save()
    audit.record(actor=by, action="monitoring.feedback_answer", target=feedback)
    if first and feedback.contact_email:
        language = language_for_email(feedback.contact_email, otherwise=feedback.language)
        link = translate_url(reverse("monitoring:feedback"), language)
        email_render_and_queue(
            to=feedback.contact_email,
            template="monitoring/email/feedback_answered",
            context={"feedback": feedback, "url": settings.SITE_URL + link},
            language=language,
        )
    return feedback
