"""Planning's scheduled work (run by beat every hour, see PlanningConfig.ready): each run sends
only what no earlier run sent (planning.reminders)."""

import logging
from datetime import date

from celery import shared_task

from planning.reminders import quiet_summary_send, reminders_send

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def action_reminders_task(day=None):
    """The contact persons' reminders due on `day` (ISO date; by default today)."""
    sent = reminders_send(today=date.fromisoformat(day) if day else None)
    if sent:
        logger.info("Sent %s reminders about actions", sent)
    return sent


@shared_task(acks_late=True)
def quiet_actions_summary_task():
    """The weekly summary of quiet actions to city staff, once a week."""
    return quiet_summary_send()
