"""Monitoring's scheduled work (beat runs both every hour, see MonitoringConfig.ready); each
is idempotent: a reminder goes once per period, a computed value is rewritten only when it
changed."""

import logging

from celery import shared_task

from monitoring import bulletins, stakeholder_reports
from monitoring.computed import computed_values_write
from monitoring.services import followers_notify
from monitoring.timeliness import reminders_send

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def due_reminders_task():
    sent = reminders_send()
    if sent:
        logger.info("Sent %s reminders of indicator values due", sent)
    return sent


@shared_task(acks_late=True)
def computed_values_task():
    changed = computed_values_write()
    if changed:
        logger.info("Computed %s indicator periods", changed)
    return changed


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def followers_notify_task(period_id):
    return followers_notify(period_id=period_id)


@shared_task(acks_late=True)
def report_reminders_task():
    sent = stakeholder_reports.reminders_send()
    if sent:
        logger.info("Sent %s reminders of stakeholder reports due", sent)
    return sent


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def bulletin_deliver_task(bulletin_id):
    return bulletins.bulletin_deliver(bulletin_id)


@shared_task(acks_late=True)
def bulletin_monthly_draft_task():
    draft = bulletins.monthly_draft()
    if draft:
        logger.info("Drafted the bulletin %s", draft.pk)
    return draft.pk if draft else None
