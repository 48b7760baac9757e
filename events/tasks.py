"""Events' scheduled work (run by beat every hour, see EventsConfig.ready)."""

import logging

from celery import shared_task

from events.reminders import reminders_send

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def registration_reminders_task():
    """The reminders of tomorrow's events not sent yet."""
    sent = reminders_send()
    if sent:
        logger.info("Sent %s reminders of events", sent)
    return sent
