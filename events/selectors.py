"""Reads of the events that pages, feeds and other apps use, each with the same visibility rule
(`Event.objects.visible_to`, `public`)."""

from events.models import Event


def calendar_events(*, past=False):
    """Public events, coming ones first by date, or past ones latest first for the archive."""
    events = Event.objects.public().select_related("district")
    return events.past() if past else events.upcoming()


def event_page(user, slug):
    """The event at `slug` as `user` may see it, with what its page shows, or None."""
    return (
        Event.objects.visible_to(user)
        .select_related("district", "series")
        .prefetch_related("organisers", "accessibility_features")
        .filter(slug=slug)
        .first()
    )


def feed_events(*, kind=None):
    """The public events a calendar feed carries (all of them, past ones too: a calendar keeps
    its history), of one kind if asked."""
    events = Event.objects.public().select_related("series").order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    return events
