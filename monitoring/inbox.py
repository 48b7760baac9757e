"""What waits in monitoring: for city staff, the values organisations submitted and new feedback;
for members of an organisation, the values city staff returned to it and the reports city staff
asked of it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from learningcity.permissions import can, organisation_roles
from learningcity.registry import InboxEntry, InboxItem, registry
from monitoring.models import Feedback, Period, StakeholderReport
from monitoring.stakeholder_reports import waiting_for


def _submitted(user):
    if not can(user, "monitoring.review_values"):
        return None
    return Period.objects.filter(status=Period.Status.SUBMITTED)


def submitted_items(user, limit):
    waiting = _submitted(user)
    if waiting is None:
        return None
    url = reverse("monitoring:review")
    periods = list(waiting.select_related("indicator").order_by("submitted_at", "pk")[:limit])
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=period.indicator.name, url=f"{url}#period-{period.pk}", detail=period.label
            )
            for period in periods
        ),
        url=url,
    )


def submitted_count(user):
    waiting = _submitted(user)
    return None if waiting is None else waiting.count()


def _returned(user):
    organisations = list(organisation_roles(user))
    if not organisations:
        return None
    return Period.objects.filter(
        status=Period.Status.RETURNED, indicator__responsible_organisation__in=organisations
    )


def returned_items(user, limit):
    waiting = _returned(user)
    if waiting is None:
        return None
    periods = list(waiting.select_related("indicator").order_by("reviewed_at", "pk")[:limit])
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=period.indicator.name,
                url=reverse("monitoring:values", args=[period.indicator_id]),
                detail=period.label,
            )
            for period in periods
        ),
        url=reverse("monitoring:my-indicators"),
    )


def returned_count(user):
    waiting = _returned(user)
    return None if waiting is None else waiting.count()


def _asked(user):
    if not organisation_roles(user):
        return None
    return waiting_for(user)


def asked_items(user, limit):
    waiting = _asked(user)
    if waiting is None:
        return None
    reports = list(
        waiting.select_related("request", "organisation").order_by("request__due_on", "pk")[:limit]
    )
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=report.request.title,
                url=report.get_absolute_url(),
                detail=report.organisation.name,
            )
            for report in reports
        ),
        url=reverse("monitoring:my-reports"),
    )


def asked_count(user):
    waiting = _asked(user)
    return None if waiting is None else waiting.count()


def register():
    registry.register_inbox(
        "monitoring_submitted",
        title=gettext_lazy("Indicator values to review"),
        items=submitted_items,
        count=submitted_count,
        watches=(Period,),
        order=80,
    )
    registry.register_inbox(
        "monitoring_returned",
        title=gettext_lazy("Indicator values returned to your organisation"),
        items=returned_items,
        count=returned_count,
        watches=(Period,),
        order=81,
    )
    register_feedback()
    register_reports()


def _feedback_waiting(user):
    if not can(user, "monitoring.moderate_feedback"):
        return None
    return Feedback.objects.waiting()


def feedback_items(user, limit):
    waiting = _feedback_waiting(user)
    if waiting is None:
        return None
    url = reverse("monitoring:feedback-review")
    items = list(waiting.order_by("created_at", "pk")[:limit])
    return InboxEntry(
        count=waiting.count(),
        items=tuple(
            InboxItem(
                title=Truncator(item.text).words(10),
                url=reverse("monitoring:feedback-moderate", args=[item.pk]),
                detail=date_format(timezone.localtime(item.created_at), "DATE_FORMAT"),
            )
            for item in items
        ),
        url=url,
    )


def feedback_count(user):
    waiting = _feedback_waiting(user)
    return None if waiting is None else waiting.count()


def register_reports():
    registry.register_inbox(
        "monitoring_reports_asked",
        title=gettext_lazy("Reports asked of your organisation"),
        items=asked_items,
        count=asked_count,
        watches=(StakeholderReport,),
        order=83,
    )


def register_feedback():
    registry.register_inbox(
        "monitoring_feedback",
        title=gettext_lazy("Feedback to moderate and answer"),
        items=feedback_items,
        count=feedback_count,
        watches=(Feedback,),
        order=82,
    )
