"""Writes to the indicators and their values, each in one transaction, validated before saving,
kept in the history (django-simple-history, with who) and the audit trail. The admin, the data
entry pages, the CSV import, the computed values' task and the demo all come through here."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.data_versions import data_changed
from learningcity.notifications import notify
from monitoring import notifications
from monitoring.models import (
    DimensionValue,
    Follow,
    Goal,
    Indicator,
    Measurement,
    Period,
    period_problem,
    period_start_valid,
)
from monitoring.selectors import MONITORING_DATA_VERSION_KEY
from stakeholders.models import Membership

audit.register(
    {
        "monitoring.indicator_save": gettext_noop("Saved an indicator"),
        "monitoring.goal_set": gettext_noop("Set an indicator's goal"),
        "monitoring.values_save": gettext_noop("Entered an indicator's values"),
        "monitoring.values_submit": gettext_noop("Submitted an indicator's values"),
        "monitoring.values_approve": gettext_noop("Approved an indicator's values"),
        "monitoring.values_return": gettext_noop("Returned an indicator's values"),
        "monitoring.period_lock": gettext_noop("Locked an indicator's period"),
        "monitoring.values_compute": gettext_noop("Computed an indicator's values"),
    }
)

EDITABLE = (Period.Status.DRAFT, Period.Status.RETURNED)


def _save(instance, by):
    instance._history_user = by if getattr(by, "is_authenticated", False) else None
    instance.full_clean()
    instance.save()


def _judgements_change():
    """An indicator, a goal or an approval changed: whatever is cached with the indicators'
    judgements (the dashboard's plan section) is read afresh."""
    data_changed(MONITORING_DATA_VERSION_KEY)


@transaction.atomic
def indicator_save(*, indicator, by):
    """Create or change an indicator (its many-to-many links are saved by the caller, as a
    form's `save_m2m` does)."""
    stored = Indicator.objects.filter(pk=indicator.pk).first() if indicator.pk else None
    _save(indicator, by)
    _judgements_change()
    audit.record(
        actor=by,
        action="monitoring.indicator_save",
        target=indicator,
        changes=audit.diff(stored, indicator, audit.editable_fields(indicator))
        if stored
        else {"created": True},
    )
    return indicator


@transaction.atomic
def goal_set(*, indicator, year, value, by):
    goal = Goal.objects.filter(indicator=indicator, year=year).first() or Goal(
        indicator=indicator, year=year
    )
    before = goal.value
    goal.value = value
    _save(goal, by)
    _judgements_change()
    audit.record(
        actor=by, action="monitoring.goal_set", target=indicator, changes={year: (before, value)}
    )
    return goal


def parse_value(indicator, text):
    """A typed value as a Decimal, or ValidationError with the reason."""
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = (text or "").strip().replace(" ", "")
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(_("“%(text)s” is not a number.") % {"text": text}) from None
    problem = indicator.value_problem(value)
    if problem:
        raise ValidationError(problem)
    return value


def _check_values(indicator, values):
    """`values` maps a DimensionValue (or None for the total) to a Decimal."""
    if None not in values:
        raise ValidationError(_("Enter the total for the period."))
    allowed = set(indicator.dimensions.values_list("pk", flat=True))
    for dimension_value, value in values.items():
        if dimension_value is not None and dimension_value.dimension_id not in allowed:
            raise ValidationError(
                _("%(indicator)s is not broken down by %(dimension)s.")
                % {"indicator": indicator.name, "dimension": dimension_value.dimension.name}
            )
        problem = indicator.value_problem(value)
        if problem:
            label = dimension_value.name if dimension_value else _("Total")
            raise ValidationError(f"{label}: {problem}")


def _period_for(indicator, start, *, lock=True):
    if not period_start_valid(indicator.frequency, start):
        raise ValidationError(period_problem(indicator.frequency))
    periods = Period.objects.filter(indicator=indicator, start=start)
    if lock:
        periods = periods.select_for_update()
    return periods.first()


@transaction.atomic
def period_values_save(*, indicator, start, values, by, source_note="", staff=False):
    """Enter the values of a period (total and breakdowns), as a draft. A submitted or approved
    period is not changed by an organisation, a locked period by nobody; `staff` edits an
    unlocked approved period (it stays approved)."""
    _check_values(indicator, values)
    period = _period_for(indicator, start)
    if period is None:
        period = Period(indicator=indicator, start=start)
    elif period.is_locked:
        raise ValidationError(_("This period is locked: its values can no longer change."))
    elif period.status not in EDITABLE and not staff:
        raise ValidationError(
            _("These values wait for city staff or are approved: they cannot change now.")
        )
    if period.status == Period.Status.RETURNED:
        period.status = Period.Status.DRAFT
    period.entered_by = by if getattr(by, "is_authenticated", False) else None
    period.source_note = source_note
    _save(period, by)
    existing = {
        m.dimension_value_id: m for m in period.measurements.select_related("dimension_value")
    }
    changes = _value_changes(period, existing, values)
    for dimension_value, value in values.items():
        key = dimension_value.pk if dimension_value else None
        measurement = existing.pop(key, None) or Measurement(
            period=period, dimension_value=dimension_value
        )
        if measurement.pk is None or measurement.value != value:
            measurement.value = value
            _save(measurement, by)
    for measurement in existing.values():
        measurement._history_user = by
        measurement.delete()
    if period.status == Period.Status.APPROVED:
        _judgements_change()  # staff corrected approved values: pages show them at once
    audit.record(actor=by, action="monitoring.values_save", target=indicator, changes=changes)
    return period


def value_key(start, dimension_value=None):
    """How the activity names one value of a period, whatever the reader's language: the
    period's first day, and the breakdown's codes (`2026-01-01/district/centro`)."""
    if dimension_value is None:
        return start.isoformat()
    return f"{start.isoformat()}/{dimension_value.dimension.slug}/{dimension_value.slug}"


def _value_changes(period, existing, values):
    """`{value_key: (before, after)}` of the values that change (None: not there)."""
    before = {key: m.value for key, m in existing.items()}
    after = {dv.pk if dv else None: value for dv, value in values.items()}
    names = {m.dimension_value_id: m.dimension_value for m in existing.values()}
    names.update({dv.pk if dv else None: dv for dv in values})
    return {
        value_key(period.start, names[key]): (before.get(key), after.get(key))
        for key in sorted(set(before) | set(after), key=lambda k: (k is not None, k or 0))
        if before.get(key) != after.get(key)
    }


class IndicatorRestorer(audit.Restorer):
    """An indicator's own fields, its goals (keyed by year) and its values (keyed by
    `value_key`), each put back through its service."""

    def __init__(self):
        super().__init__(lambda *, target, by: indicator_save(indicator=target, by=by))

    def handles(self, model, key):
        return super().handles(model, key) or key.isdigit() or (key[:4].isdigit() and "-" in key)

    def restore(self, *, target, key, before, after, by):
        if super().handles(type(target), key):
            return super().restore(target=target, key=key, before=before, after=after, by=by)
        expected = Decimal(after) if after is not None else None
        if key.isdigit():
            goal = Goal.objects.filter(indicator=target, year=int(key)).first()
            audit.check_unchanged(goal.value if goal else None, expected)
            return goal_set(indicator=target, year=int(key), value=Decimal(before), by=by)
        start, *breakdown = key.split("/")
        period = (
            target.periods.filter(start=start)
            .prefetch_related("measurements__dimension_value__dimension")
            .first()
        )
        if period is None:
            raise ValidationError(_("That period is no longer there."), code="gone")
        current = {value_key(period.start, m.dimension_value): m for m in period.measurements.all()}
        found = current.get(key)
        audit.check_unchanged(found.value if found else None, expected)
        values = {m.dimension_value: m.value for m in current.values()}
        dimension_value = found.dimension_value if found else self._dimension_value(breakdown)
        values[dimension_value] = Decimal(before)
        return period_values_save(
            indicator=target,
            start=period.start,
            values=values,
            by=by,
            source_note=period.source_note,
            staff=True,
        )

    @staticmethod
    def _dimension_value(breakdown):
        """The category named by a key's codes; None for the period's total."""
        if not breakdown:
            return None
        dimension, value = [*breakdown, ""][:2]
        found = DimensionValue.objects.filter(dimension__slug=dimension, slug=value).first()
        if found is None:
            raise ValidationError(_("That breakdown is no longer there."), code="gone")
        return found


audit.register_restorer(Indicator, IndicatorRestorer())


def _locked_period(period):
    return Period.objects.select_for_update().select_related("indicator").get(pk=period.pk)


@transaction.atomic
def period_submit(*, period, by):
    period = _locked_period(period)
    if period.status not in EDITABLE or period.is_locked:
        raise ValidationError(_("Only a draft or returned period can be submitted."))
    if not period.measurements.filter(dimension_value__isnull=True).exists():
        raise ValidationError(_("Enter the total for the period."))
    period.status = Period.Status.SUBMITTED
    period.submitted_at = timezone.now()
    _save(period, by)
    audit.record(actor=by, action="monitoring.values_submit", target=period.indicator)
    return period


def _approve(period, by):
    period.status = Period.Status.APPROVED
    period.reviewed_by = by if getattr(by, "is_authenticated", False) else None
    period.reviewed_at = timezone.now()
    period.review_comment = ""
    _save(period, by)
    _judgements_change()
    # Imported here: the task module imports this one.
    from monitoring.tasks import followers_notify_task

    transaction.on_commit(lambda: followers_notify_task.delay(period.pk))


@transaction.atomic
def period_approve(*, period, by):
    period = _locked_period(period)
    if period.status != Period.Status.SUBMITTED:
        raise ValidationError(_("Only submitted values can be approved."))
    _approve(period, by)
    audit.record(actor=by, action="monitoring.values_approve", target=period.indicator)
    return period


@transaction.atomic
def period_return(*, period, by, comment):
    period = _locked_period(period)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what needs correcting."))
    if period.status != Period.Status.SUBMITTED:
        raise ValidationError(_("Only submitted values can be returned."))
    period.status = Period.Status.RETURNED
    period.reviewed_by = by
    period.reviewed_at = timezone.now()
    period.review_comment = comment
    _save(period, by)
    audit.record(actor=by, action="monitoring.values_return", target=period.indicator)
    if period.entered_by_id:
        notify(
            recipient=period.entered_by,
            kind=notifications.VALUES_RETURNED,
            template="monitoring/email/values_returned",
            context={"period": period, "indicator": period.indicator, "comment": comment},
            link=period.indicator.get_absolute_url(),
        )
    return period


@transaction.atomic
def period_lock(*, period, by):
    period = _locked_period(period)
    if period.status != Period.Status.APPROVED:
        raise ValidationError(_("Only approved values can be locked."))
    if period.is_locked:
        return period
    period.locked_at = timezone.now()
    _save(period, by)
    audit.record(actor=by, action="monitoring.period_lock", target=period.indicator)
    return period


@transaction.atomic
def period_values_compute(*, indicator, start, values):
    """Record a computed indicator's values of a period, approved at once (nobody typed them).
    A locked period is left alone; returns the period, or None when nothing changed."""
    _check_values(indicator, values)
    period = _period_for(indicator, start)
    if period is not None and period.is_locked:
        return None
    current = {}
    if period is not None:
        current = {m.dimension_value_id: m.value for m in period.measurements.all()}
    wanted = {(dv.pk if dv else None): value for dv, value in values.items()}
    if period is not None and current == wanted and period.status == Period.Status.APPROVED:
        return None
    period = period or Period(indicator=indicator, start=start)
    period.source_note = _("Computed by the portal")
    period.status = Period.Status.DRAFT
    _save(period, None)
    period.measurements.all().delete()
    for dimension_value, value in values.items():
        _save(Measurement(period=period, dimension_value=dimension_value, value=value), None)
    _approve(period, None)
    audit.record(actor=None, action="monitoring.values_compute", target=indicator)
    return period


def followers_notify(*, period_id):
    """Tell the indicator's followers of its newly approved values."""
    period = Period.objects.select_related("indicator").filter(pk=period_id).first()
    if period is None or period.status != Period.Status.APPROVED:
        return 0
    total = period.measurements.filter(dimension_value__isnull=True).first()
    follows = Follow.objects.filter(indicator=period.indicator).select_related("user")
    for follow in follows:
        notify(
            recipient=follow.user,
            kind=notifications.NEW_VALUE,
            template="monitoring/email/new_value",
            context={"period": period, "indicator": period.indicator, "total": total},
            link=period.indicator.get_absolute_url(),
        )
    return len(follows)


@transaction.atomic
def follow_set(*, indicator, user, following):
    if following:
        Follow.objects.get_or_create(indicator=indicator, user=user)
    else:
        Follow.objects.filter(indicator=indicator, user=user).delete()


def responsible_people(indicator):
    """The members of the organisation responsible for the indicator's values."""
    if indicator.responsible_organisation_id is None:
        return []
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=indicator.responsible_organisation_id, user__is_active=True
        ).select_related("user")
    ]


def dimension_values_of(indicator):
    return list(
        DimensionValue.objects.filter(dimension__in=indicator.dimensions.all()).select_related(
            "dimension"
        )
    )
