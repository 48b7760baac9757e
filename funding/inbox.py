"""What waits in funding: requests to book an organisation's shared resources, for its members."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from funding.models import Booking
from learningcity.permissions import organisation_roles
from learningcity.registry import InboxEntry, InboxItem, registry


def _requested(user):
    organisations = list(organisation_roles(user))
    if not organisations:
        return None
    return Booking.objects.filter(
        status=Booking.Status.REQUESTED, resource__organisation__in=organisations
    )


def requested_items(user, limit):
    requested = _requested(user)
    if requested is None:
        return None
    waiting = requested.select_related("resource", "organisation").order_by("requested_at", "pk")
    return InboxEntry(
        count=requested.count(),
        items=tuple(
            InboxItem(
                title=booking.resource.name,
                url=reverse("funding:booking_answer", args=[booking.pk]),
                detail=booking.organisation.name,
            )
            for booking in waiting[:limit]
        ),
        url=reverse("funding:resources"),
    )


def requested_count(user):
    requested = _requested(user)
    return None if requested is None else requested.count()


def register():
    registry.register_inbox(
        "funding_bookings",
        title=gettext_lazy("Requests to book your organisation's resources"),
        items=requested_items,
        count=requested_count,
        watches=(Booking,),
        order=90,
    )
