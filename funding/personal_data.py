"""What funding holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, through the registry): the bookings of shared resources they asked
for on behalf of their organisation. The bookings stay (they are the organisation's, and a
finished one is an in-kind contribution); who asked is forgotten, and their name and addresses
are taken out of the purpose they wrote."""

from funding.models import Booking
from learningcity.personal_data import scrub


def export(*, user):
    bookings = (
        Booking.objects.filter(requested_by=user)
        .select_related("resource", "organisation")
        .order_by("requested_at", "pk")
    )
    return {
        "shared_resource_bookings": [
            {
                "resource": booking.resource.name,
                "organisation": booking.organisation.name,
                "purpose": booking.purpose,
                "from": booking.starts_on.isoformat(),
                "until": booking.ends_on.isoformat(),
                "status": booking.status,
                "asked": booking.requested_at.isoformat(),
            }
            for booking in bookings
        ]
    }


def delete(*, user, emails, names):
    mine = Booking.objects.filter(requested_by=user)
    scrub(mine, ["purpose"], emails + names)
    mine.update(requested_by=None)
