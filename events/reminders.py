"""The reminder the day before an event, to everyone with a confirmed place: through the
notifications module for people registered with their account (they choose how they hear of
it), by e-mail to guests. Beat runs the task every hour (events.tasks); each registration is
reminded once, whatever the runs: `reminded_at` is set in the same transaction as the sending,
on the row locked for it."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events import notifications
from events.models import Event, Registration, city_zone
from events.services import registration_email, registration_links
from learningcity.notifications import notify


def _remind(registration):
    if registration.user_id:
        notify(
            recipient=registration.user,
            kind=notifications.REMINDER,
            template="events/email/registration_reminder",
            context={
                "registration": registration,
                "event": registration.event,
                "starts_at": timezone.localtime(registration.event.starts_at, city_zone()),
                "ics_url": registration_links(registration)["ics_url"],
            },
            link=registration.get_absolute_url(),
        )
    else:
        registration_email(registration, "registration_reminder")


def reminders_send(now=None):
    """Remind the confirmed places of the events that start tomorrow, city time. Returns how
    many were reminded now."""
    now = now or timezone.now()
    zone = city_zone()
    tomorrow = datetime.combine(timezone.localdate(now, zone) + timedelta(days=1), time(), zone)
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__gte=tomorrow,
        event__starts_at__lt=tomorrow + timedelta(days=1),
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            registration = (
                due.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "user")
                .filter(pk=pk)
                .first()
            )
            if registration is None:
                continue  # reminded by a rival run meanwhile, or no longer confirmed
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            _remind(registration)
            sent += 1
    return sent
