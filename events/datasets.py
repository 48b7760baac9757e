"""The public events as open data (dashboard.open_data): the iCalendar feed."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from learningcity.registry import Dataset, Distribution, registry


def last_change():
    """When a public event last changed (events keep their own `updated_at`)."""
    return Event.objects.public().aggregate(latest=Max("updated_at"))["latest"]


def datasets():
    return [
        Dataset(
            key="events",
            title=_("Learning festivals, conferences and events"),
            description=_(
                "Every public event of the programme, past and coming, with its dates, place "
                "and link, for calendar programs (RFC 5545, recurring celebrations as rules)."
            ),
            area="events",
            distributions=(Distribution("ics", "text/calendar", reverse("event_calendars:feed")),),
            modified=last_change,
        )
    ]


registry.register_datasets("events", datasets)
