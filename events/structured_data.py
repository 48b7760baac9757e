"""schema.org `Event` for an event's page, as JSON-LD: data in a
`<script type="application/ld+json">`, which browsers never run, so the strict CSP allows it."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from events.models import Event
from learningcity.models import CityProfile

# As Django's json_script does: nothing in the data can close the element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

STATUSES = {
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def _attendance_mode(event):
    in_person = bool(event.venue_name or event.address)
    if event.online_url and in_person:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online_url:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def event_data(event):
    """The schema.org description of `event` (organisers prefetched)."""
    url = settings.SITE_URL + event.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": STATUSES.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": _attendance_mode(event),
        "isAccessibleForFree": event.is_free,
    }
    if event.summary:
        data["description"] = event.summary
    locations = []
    if event.venue_name or event.address:
        place = {"@type": "Place", "name": event.venue_name or event.address}
        if event.address:
            place["address"] = event.address
        if event.has_location:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [
        {"@type": "Organization", "name": o.name, "url": settings.SITE_URL + o.get_absolute_url()}
        for o in event.organisers.all()
    ]
    if organisers:
        data["organizer"] = organisers
    if not event.is_free and event.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": str(event.price),
            "priceCurrency": CityProfile.objects.current().currency,
            "url": url,
        }
    return data


def json_ld(data):
    """`data` in a JSON-LD script element, safe to put in a page as it is."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    # Safe: the JSON holds no "<", ">" or "&" any more, so no text of the event ends the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
