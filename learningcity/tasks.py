import logging
from datetime import date, timedelta

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from learningcity.models import Frequency, OutgoingEmail
from learningcity.notifications import digests_send, last_complete_period

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=60)
def send_email_task(self, email_id):
    """Send one queued e-mail. Running it again for a sent e-mail does nothing."""
    with transaction.atomic():
        # The row lock keeps two workers that got the same message from both sending it.
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return "skipped"
        message = EmailMultiAlternatives(
            email.subject, email.body, to=[email.to], headers=email.headers or None
        )
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in email.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
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


# An e-mail still unsent this long after it was queued has lost its task (the broker was down
# when it was queued, or a worker died): requeue_unsent_emails_task queues it again. Longer than
# send_email_task's own retries take, so those are not doubled needlessly.
REQUEUE_AFTER = timedelta(minutes=15)
# The first try and send_email_task's retries; an e-mail that failed them all waits for a person.
SEND_ATTEMPTS = 1 + send_email_task.max_retries


def send_email_soon(email_id):
    """Queue send_email_task for a stored e-mail; with the broker unreachable, log it and leave
    the e-mail in the outbox, where requeue_unsent_emails_task finds it. Never raises for a lost
    broker: the person whose action queued the e-mail has already been served."""
    try:
        # Nobody waits for this result, so the web process need not subscribe to the result
        # store: with Redis gone that subscription retries, then breaks until a restart.
        send_email_task.apply_async((email_id,), ignore_result=True)
    except (BrokerError, RedisConnectionError, RedisTimeoutError) as error:
        logger.warning("Could not queue e-mail %s, it stays in the outbox: %s", email_id, error)


@shared_task(acks_late=True)
def requeue_unsent_emails_task():
    """Queue again the e-mails left unsent (run by beat every five minutes).

    Running it twice, or while a send is under way, is harmless: send_email_task sends a row
    once."""
    stale = OutgoingEmail.objects.filter(
        sent_at__isnull=True,
        created_at__lt=timezone.now() - REQUEUE_AFTER,
        attempts__lt=SEND_ATTEMPTS,
    )
    email_ids = list(stale.order_by("created_at").values_list("pk", flat=True))
    for email_id in email_ids:
        send_email_soon(email_id)
    if email_ids:
        logger.info("Queued %s unsent e-mails again", len(email_ids))
    return len(email_ids)


def _digests(period, starts_on):
    period = Frequency(period)
    starts_on = date.fromisoformat(starts_on) if starts_on else last_complete_period(period)
    sent = digests_send(period=period, starts_on=starts_on)
    if sent:
        logger.info("Sent %s %s digests for %s", sent, period.value, starts_on)
    return sent


@shared_task(acks_late=True)
def daily_digests_task(day=None):
    """E-mail the daily digests of `day` (ISO date; by default the last day whose digests are
    due, city time). Beat runs it every hour: a digest goes out once whatever the runs."""
    return _digests("daily", day)


@shared_task(acks_late=True)
def weekly_digests_task(week_start=None):
    """E-mail the weekly digests of the week starting on Monday `week_start` (ISO date; by
    default the last week whose digests are due). Beat runs it every hour, like the daily one."""
    return _digests("weekly", week_start)
