import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stakeholders.models import OutgoingEmail

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=60)
def send_email_task(self, email_id):
    """Send one queued e-mail. Running it again for a sent e-mail does nothing."""
    with transaction.atomic():
        # The row lock keeps two workers that got the same message from both sending it.
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return "skipped"
        message = EmailMultiAlternatives(email.subject, email.body, to=[email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        try:
            message.send()
        except Exception as error:
            failure = error
        else:
            failure = None
            email.attempts += 1
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "sent_at", "last_error"])
    if failure is not None:
        # Recorded outside the transaction above, which a raised error would roll back.
        OutgoingEmail.objects.filter(pk=email_id).update(
            attempts=F("attempts") + 1, last_error=str(failure)[:2000]
        )
        logger.warning("Sending e-mail %s failed: %s", email_id, failure)
        raise self.retry(exc=failure)
    return "sent"
