"""When each indicator's next values are due, which are late, which periods are missing, and
the reminders before and after the due date (beat runs `reminders_send` daily, see
monitoring.tasks). A period's values are due `days_to_report` days after it ends; the period
due next is the one after the last period entered (approved, submitted or in draft), or the
first after the baseline year."""

import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from learningcity.models import CityProfile
from learningcity.notifications import notify
from monitoring import notifications
from monitoring.models import (
    DueReminder,
    Indicator,
    Period,
    period_after,
    period_end,
    period_label,
)
from monitoring.services import responsible_people

# Reminders go this many days before the due date, and once on the day after it.
REMIND_BEFORE_DAYS = 14


def city_zone():
    try:
        return zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def city_today():
    """Today in the city: due dates are the city's days, not the server's."""
    return timezone.localdate(timezone=city_zone())


@dataclass(frozen=True)
class Due:
    indicator: Indicator
    start: date
    due: date

    @property
    def label(self):
        return period_label(self.indicator.frequency, self.start)

    def is_late(self, today):
        return today > self.due


def first_period(indicator):
    return date(indicator.baseline_year + 1, 1, 1)


def next_due(indicator, last_start):
    """The Due of the period after `last_start` (None: nothing entered yet)."""
    start = period_after(indicator.frequency, last_start) if last_start else first_period(indicator)
    end = period_end(indicator.frequency, start)
    return Due(indicator, start, end + timedelta(days=indicator.days_to_report))


def dues(indicators=None):
    """[Due] of every indicator, in two queries."""
    indicators = indicators if indicators is not None else Indicator.objects.all()
    last = dict(
        Period.objects.exclude(status=Period.Status.RETURNED)
        .values("indicator")
        .annotate(last=Max("start"))
        .values_list("indicator", "last")
    )
    return [
        next_due(indicator, last.get(indicator.pk))
        for indicator in indicators.select_related("responsible_organisation")
    ]


def missing_periods(indicator, approved_starts, today):
    """The labels of the periods since the baseline, already due, without approved values."""
    missing = []
    start = first_period(indicator)
    while True:
        due = period_end(indicator.frequency, start) + timedelta(days=indicator.days_to_report)
        if due >= today:
            break
        if start not in approved_starts:
            missing.append(period_label(indicator.frequency, start))
        start = period_after(indicator.frequency, start)
    return missing


def completeness(today=None):
    """For staff: every indicator with its next due values, whether late, and the periods
    missing approved values. Three queries."""
    today = today or city_today()
    approved = {}
    for indicator_id, start in Period.objects.approved().values_list("indicator", "start"):
        approved.setdefault(indicator_id, set()).add(start)
    rows = []
    for due in dues(Indicator.objects.order_by("order", "pk")):
        rows.append(
            {
                "due": due,
                "late": due.is_late(today),
                "missing": missing_periods(
                    due.indicator, approved.get(due.indicator.pk, set()), today
                ),
            }
        )
    rows.sort(key=lambda row: (not row["late"], row["due"].due))
    return rows


def _remind(due, kind, people):
    try:
        with transaction.atomic():
            DueReminder.objects.create(indicator=due.indicator, period_start=due.start, kind=kind)
            for person in people:
                notify(
                    recipient=person,
                    kind=notifications.DUE_REMINDER,
                    template="monitoring/email/due_reminder",
                    context={
                        "indicator": due.indicator,
                        "period_label": due.label,
                        "due": due.due,
                        "late": kind == DueReminder.Kind.AFTER,
                    },
                    link=due.indicator.get_absolute_url(),
                )
    except IntegrityError:
        return False  # sent by a rival run meanwhile
    return True


def reminders_send(today=None):
    """Remind the responsible organisation's members of values due within REMIND_BEFORE_DAYS,
    and of values late since yesterday or before; each reminder once per period. Computed
    indicators need nobody. Returns how many reminders were sent."""
    today = today or city_today()
    sent_before = set(DueReminder.objects.values_list("indicator_id", "period_start", "kind"))
    sent = 0
    typed = Indicator.objects.filter(metric="", responsible_organisation__isnull=False)
    for due in dues(typed):
        if due.is_late(today):
            kind = DueReminder.Kind.AFTER
        elif due.due - today <= timedelta(days=REMIND_BEFORE_DAYS):
            kind = DueReminder.Kind.BEFORE
        else:
            continue
        if (due.indicator.pk, due.start, kind) in sent_before:
            continue
        people = responsible_people(due.indicator)
        if people and _remind(due, kind, people):
            sent += 1
    return sent
