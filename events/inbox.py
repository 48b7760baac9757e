"""What waits in events: for city staff, the events organisations proposed."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from events.models import Event
from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry


def _proposed(user):
    if not can(user, "events.review_proposals"):
        return None
    return Event.objects.filter(status=Event.Status.PROPOSED)


def proposed_items(user, limit):
    proposed = _proposed(user)
    if proposed is None:
        return None
    waiting = list(proposed.order_by("created_at", "pk")[:limit])
    return InboxEntry(
        count=proposed.count(),
        items=tuple(
            InboxItem(
                title=event.title,
                url=reverse("events:proposals"),
                detail=formats.date_format(
                    timezone.localtime(event.starts_at), "SHORT_DATETIME_FORMAT"
                ),
            )
            for event in waiting
        ),
        url=reverse("events:proposals"),
    )


def proposed_count(user):
    proposed = _proposed(user)
    return None if proposed is None else proposed.count()


def register():
    registry.register_inbox(
        "events_proposed",
        title=gettext_lazy("Events proposed by organisations"),
        items=proposed_items,
        count=proposed_count,
        watches=(Event,),
        order=70,
    )
