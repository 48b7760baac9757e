"""Writes to the events, each in one transaction, validated before saving and recorded in the
audit trail with who made them. The admin, the site's pages and the demo all come through here."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from events.models import Event, EventSeries, city_zone
from learningcity import audit
from learningcity.content_languages import field_in

audit.register(
    {
        "events.event_create": gettext_noop("Added an event"),
        "events.event_update": gettext_noop("Edited an event"),
        "events.series_save": gettext_noop("Saved a series of events"),
        "events.series_schedule": gettext_noop("Added the coming occurrences of a series"),
    }
)

# What an occurrence of a series takes from the series' model event (besides the texts).
COPIED_FIELDS = [
    "kind", "status", "venue_name", "address", "district_id", "latitude", "longitude",
    "online_url", "is_free", "price", "capacity",
]  # fmt: skip


def unique_slug(model, text, *, exclude_pk=None, max_length=120):
    """`text` as a slug no other row of `model` has: "fiesta", else "fiesta-2", "fiesta-3"..."""
    base = slugify(text)[: max_length - 6].strip("-") or "evento"
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _changed(event):
    if event.pk is None:
        return {}
    before = Event.objects.filter(pk=event.pk).values().first() or {}
    return {
        name: (before.get(name), value)
        for name, value in event.__dict__.items()
        if name in before and before[name] != value and not name.startswith("_")
    }


@transaction.atomic
def event_save(*, event, by):
    """Create or change an event. Its organisers and accessibility features (many-to-many) are
    saved by the caller afterwards, as a form's `save_m2m` does."""
    creating = event.pk is None
    if not event.slug:
        event.slug = unique_slug(Event, event.title, exclude_pk=event.pk, max_length=140)
    if creating and by is not None and getattr(by, "is_authenticated", False):
        event.created_by = by
    event.updated_at = timezone.now()
    event.full_clean()
    changes = {} if creating else _changed(event)
    changes.pop("updated_at", None)
    event.save()
    audit.record(
        actor=by,
        action="events.event_create" if creating else "events.event_update",
        target=event,
        changes=changes,
    )
    return event


@transaction.atomic
def series_save(*, series, by):
    if not series.slug:
        series.slug = unique_slug(EventSeries, series.title, exclude_pk=series.pk)
    series.full_clean()
    series.save()
    audit.record(actor=by, action="events.series_save", target=series)
    return series


@transaction.atomic
def series_schedule(*, series, model, until, by):
    """Make the events of `series` from the next occurrence (after now) up to `until`, each a
    copy of the `model` event at its own dates; occurrences that have an event already are
    left as they are, so running it again adds only what is new. Returns the events made."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    taken = set(series.events.values_list("starts_at", flat=True))
    languages = [code for code, _name in settings.LANGUAGES]
    made = []
    for starts_at in series.occurrences(until=until, after=timezone.now()):
        if starts_at in taken:
            continue
        event = Event(series=series, starts_at=starts_at, ends_at=starts_at + series.duration)
        for name in COPIED_FIELDS:
            setattr(event, name, getattr(model, name))
        for language in languages:
            for name in ("summary", "description"):
                setattr(event, field_in(name, language), getattr(model, field_in(name, language)))
            setattr(
                event, field_in("title", language), getattr(series, field_in("title", language))
            )
        day = timezone.localtime(starts_at, city_zone()).date()
        event.slug = unique_slug(Event, f"{series.slug}-{day:%Y-%m-%d}", max_length=140)
        event.full_clean()
        event.save()
        event.organisers.set(model.organisers.all())
        event.accessibility_features.set(model.accessibility_features.all())
        made.append(event)
    if made:
        audit.record(
            actor=by,
            action="events.series_schedule",
            target=series,
            changes={"events": len(made)},
        )
    return made
