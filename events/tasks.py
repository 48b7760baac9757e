"""Events' scheduled work (run by beat every hour, see EventsConfig.ready)."""

import logging

from celery import shared_task

from events.reminders import reminders_send
from events.services import exhibitor_call_email, press_release_email

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def registration_reminders_task():
    """The reminders of tomorrow's events not sent yet."""
    sent = reminders_send()
    if sent:
        logger.info("Sent %s reminders of events", sent)
    return sent


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def exhibitor_call_task(call_id):
    """E-mail a call for exhibitors (events.services.exhibitor_call_email); a second run of the
    same call writes to nobody."""
    return exhibitor_call_email(call_id=call_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def press_release_task(release_id):
    """E-mail a press release to the media contacts (events.services.press_release_email); a
    second run of the same release writes to nobody."""
    return press_release_email(release_id=release_id)
