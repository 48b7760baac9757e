"""The kinds of notification events send (learningcity.notifications.notify)."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

REMINDER = "events.reminder"
PROPOSAL_REVIEWED = "events.proposal_reviewed"
EXHIBITOR_REVIEWED = "events.exhibitor_reviewed"


def register():
    registry.register_notification_kind(
        REMINDER,
        title=_("Reminders of the events you registered for"),
        description=_("The day before an event where you have a place."),
    )
    registry.register_notification_kind(
        PROPOSAL_REVIEWED,
        title=_("Your proposed events are reviewed"),
        description=_("City staff published an event you proposed, or sent it back."),
    )
    registry.register_notification_kind(
        EXHIBITOR_REVIEWED,
        title=_("Your applications to exhibit are reviewed"),
        description=_("City staff accepted or did not accept your organisation at a festival."),
    )
