"""Places and waiting lists, for anything with a number of places: planning's workshops now,
events' registrations later.

A *parent* (a workshop, an event) has a `capacity` field, empty for no limit; its
*participations* (a QuerySet of the rows that take its places) have a `status` of
`confirmed`, `waitlisted` or `cancelled` and a `requested_at` time, the order of the waiting list.

Every function locks the parent's row first (`select_for_update`) and only then counts: two
people asking for the last place at once are served one after the other, the second counting
the first's confirmed place and going onto the waiting list. On SQLite, which ignores
`select_for_update`, the embedded run's immediate transactions (settings.py) serialise the two
writers the same way. Call them inside the service's own `transaction.atomic`; they open one
too, so a lone call is safe.
"""

from django.db import transaction
from django.utils import timezone

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
CANCELLED = "cancelled"


def lock(parent):
    """The parent's row, locked until the transaction ends, with its current capacity."""
    return type(parent).objects.select_for_update().get(pk=parent.pk)


def places_left(capacity, confirmed):
    """How many places are free; None when the capacity is empty (no limit)."""
    if capacity is None:
        return None
    return max(capacity - confirmed, 0)


@transaction.atomic
def claim(*, parent, participations, participation):
    """Take a place for `participation` (new, or cancelled earlier): confirmed while places
    remain, else at the end of the waiting list. Saves and returns it."""
    locked = lock(parent)
    confirmed = participations.filter(status=CONFIRMED).exclude(pk=participation.pk).count()
    free = places_left(locked.capacity, confirmed)
    participation.status = CONFIRMED if free is None or free > 0 else WAITLISTED
    participation.requested_at = timezone.now()
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def release(*, parent, participations, participation):
    """Cancel `participation` and give its place to the waiting list. Returns those promoted."""
    lock(parent)
    participation.status = CANCELLED
    participation.save(update_fields=["status"])
    return promote(parent=parent, participations=participations)


@transaction.atomic
def promote(*, parent, participations):
    """Confirm the waiting list, first asked first served, while places remain (after a
    cancellation, or when the capacity was raised). Returns the participations promoted."""
    locked = lock(parent)
    free = places_left(locked.capacity, participations.filter(status=CONFIRMED).count())
    waiting = participations.filter(status=WAITLISTED).order_by("requested_at", "pk")
    if free is not None:
        waiting = waiting[:free]
    promoted = list(waiting)
    for participation in promoted:
        participation.status = CONFIRMED
        participation.save(update_fields=["status"])
    return promoted
