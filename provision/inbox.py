"""What waits in provision: for moderators and city staff, the ratings to publish or keep; for
city staff, the learning needs people told the city of, until answered."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry
from provision.models import BarrierReport, LearningNeed, Rating, SupportRequest
from provision.selectors import needs_waiting, ratings_to_moderate


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


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def need_items(user, limit):
    if not can(user, "provision.handle_needs"):
        return None
    waiting = needs_waiting()
    first = waiting.select_related("subject", "district").order_by("created_at", "pk")[:limit]
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=need.what,
                url=reverse("provision:need", args=[need.pk]),
                detail=_when(need.created_at),
            )
            for need in first
        ),
        url=reverse("provision:needs") + "?status=new",
    )


def need_count(user):
    if not can(user, "provision.handle_needs"):
        return None
    return needs_waiting().count()


def register():
    registry.register_inbox(
        "provision_ratings",
        title=gettext_lazy("Ratings of learning opportunities to moderate"),
        items=rating_items,
        count=rating_count,
        watches=(Rating,),
        order=75,
    )
    registry.register_inbox(
        "provision_needs",
        title=gettext_lazy("Learning needs to answer"),
        items=need_items,
        count=need_count,
        watches=(LearningNeed,),
        order=76,
    )


# Learning organisations' requests for support and the barriers people report, for city staff.
def _learning_org_entry(user, limit, *, rule, queryset, title, url_name, list_name):
    if not can(user, rule):
        return None
    first = queryset.order_by("created_at", "pk")[:limit]
    return InboxEntry(
        count=queryset.count(),
        items=tuple(
            InboxItem(
                title=title(row), url=reverse(url_name, args=[row.pk]), detail=_when(row.created_at)
            )
            for row in first
        ),
        url=reverse(list_name),
    )


def support_request_items(user, limit):
    return _learning_org_entry(
        user,
        limit,
        rule="provision.handle_support_requests",
        queryset=SupportRequest.objects.waiting().select_related("organisation"),
        title=lambda row: f"{row.organisation.name} · {row.get_kind_display()}",
        url_name="provision:support-request",
        list_name="provision:support-requests",
    )


def support_request_count(user):
    if not can(user, "provision.handle_support_requests"):
        return None
    return SupportRequest.objects.waiting().count()


def barrier_items(user, limit):
    return _learning_org_entry(
        user,
        limit,
        rule="provision.handle_barriers",
        queryset=BarrierReport.objects.waiting().select_related("space"),
        title=lambda row: f"{row.space.name} · {row.get_kind_display()}",
        url_name="provision:barrier",
        list_name="provision:barriers",
    )


def barrier_count(user):
    if not can(user, "provision.handle_barriers"):
        return None
    return BarrierReport.objects.waiting().count()


def register_learning_orgs():
    registry.register_inbox(
        "provision_support_requests",
        title=gettext_lazy("Requests for support from learning organisations"),
        items=support_request_items,
        count=support_request_count,
        watches=(SupportRequest,),
        order=77,
    )
    registry.register_inbox(
        "provision_barriers",
        title=gettext_lazy("Barriers reported at learning spaces"),
        items=barrier_items,
        count=barrier_count,
        watches=(BarrierReport,),
        order=78,
    )
