"""The kinds of notification funding sends (learningcity.notifications.notify): a booking asked
of an organisation's shared resource, and the answer to the organisation that asked."""

from django.utils.translation import gettext_lazy as _

from learningcity.registry import registry

BOOKING_REQUESTED = "funding.booking_requested"
BOOKING_DECIDED = "funding.booking_decided"


def register():
    registry.register_notification_kind(
        BOOKING_REQUESTED,
        title=_("Bookings of your organisation's resources"),
        description=_("Another organisation asks to use a room, equipment or hours you offer."),
    )
    registry.register_notification_kind(
        BOOKING_DECIDED,
        title=_("Answers to your organisation's bookings"),
        description=_("The organisation offering a resource accepted or declined your booking."),
    )
