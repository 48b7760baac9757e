"""The kinds of notification events send (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

REMINDER = "events.reminder"


def register():
    registry.register_notification_kind(
        REMINDER,
        title=_("Reminders of the events you registered for"),
        description=_("The day before an event where you have a place."),
    )
