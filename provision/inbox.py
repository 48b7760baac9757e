"""What waits in provision: for moderators and city staff, the ratings to publish or keep."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry
from provision.models import Rating
from provision.selectors import ratings_to_moderate


def _waiting(user):
    if not can(user, "provision.moderate_ratings"):
        return None
    return ratings_to_moderate()


def rating_items(user, limit):
    waiting = _waiting(user)
    if waiting is None:
        return None
    url = reverse("provision:ratings")
    first = list(waiting.select_related("opportunity").order_by("created_at", "pk")[:limit])
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=rating.opportunity.name,
                url=url,
                detail=formats.date_format(
                    timezone.localtime(rating.created_at), "SHORT_DATETIME_FORMAT"
                ),
            )
            for rating in first
        ),
        url=url,
    )


def rating_count(user):
    waiting = _waiting(user)
    return None if waiting is None else waiting.count()


def register():
    registry.register_inbox(
        "provision_ratings",
        title=gettext_lazy("Ratings of learning opportunities to moderate"),
        items=rating_items,
        count=rating_count,
        watches=(Rating,),
        order=75,
    )
