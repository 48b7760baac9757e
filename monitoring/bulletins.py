"""The bulletin's services: a draft prefilled from a period's changes (actions whose status staff
set, published progress updates, approved indicator values) and the next 30 days' events, in
every language of the portal; staff edit it and send it once to the members of verified
organisations, each in their own language, with the unsubscribe link every notification has."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from events.models import Event
from learningcity import audit
from learningcity.models import User
from learningcity.notifications import notify
from monitoring.bulletin_models import Bulletin
from monitoring.models import Measurement, Period, period_label
from monitoring.notifications import BULLETIN
from planning.models import Action, ProgressUpdate

LANGUAGES = [code for code, _name in settings.LANGUAGES]
EDITABLE = ["period_start", "period_end"] + [
    f"{field}_{language}" for field in ("title", "body") for language in LANGUAGES
]
COMING_DAYS = 30

audit.register(
    {
        "monitoring.bulletin_draft": gettext_noop("Drafted a bulletin"),
        "monitoring.bulletin_update": gettext_noop("Edited a bulletin"),
        "monitoring.bulletin_send": gettext_noop("Sent a bulletin"),
    }
)


def _moments(start, end):
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.max, tzinfo=zone),
    )


def _status_changes(since, until):
    """(action, status) for each action whose status staff set by hand in the period, its last
    setting there. Two queries."""
    rows = (
        Action.history.filter(history_date__lte=until)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "status_override")
    )
    changed, before = {}, {}
    for pk, when, status in rows:
        if when >= since and status and before.get(pk, "") != status:
            changed[pk] = status
        before[pk] = status
    actions = Action.objects.in_bulk(list(changed))
    return [(actions[pk], status) for pk, status in changed.items() if pk in actions]


def _updates(since, until):
    return list(
        ProgressUpdate.objects.published()
        .filter(published_at__range=(since, until))
        .select_related("action", "organisation")
        .order_by("published_at", "pk")
    )


def _values(since, until):
    periods = list(
        Period.objects.approved()
        .filter(reviewed_at__range=(since, until))
        .select_related("indicator")
        .order_by("indicator__order", "indicator_id", "start")
    )
    totals = dict(
        Measurement.objects.filter(period__in=periods, dimension_value=None).values_list(
            "period_id", "value"
        )
    )
    return [(period, totals.get(period.pk)) for period in periods]


def _coming(today):
    since = datetime.combine(today, time.min, tzinfo=timezone.get_current_timezone())
    return list(
        Event.objects.public()
        .filter(status=Event.Status.PUBLISHED)
        .upcoming(since)
        .filter(starts_at__lt=since + timedelta(days=COMING_DAYS + 1))
    )


def _number(value):
    if value is None:
        return "—"
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)


def _section(heading, lines):
    return [heading, *(f"- {line}" for line in lines), ""] if lines else []


def prefill(start, end, today=None):
    """{language: (title, text)} of a bulletin for `start`–`end`, read now."""
    today = today or timezone.localdate()
    since, until = _moments(start, end)
    changes, updates = _status_changes(since, until), _updates(since, until)
    values, coming = _values(since, until), _coming(today)
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            period = _("%(start)s to %(end)s") % {
                "start": formats.date_format(start, "DATE_FORMAT"),
                "end": formats.date_format(end, "DATE_FORMAT"),
            }
            lines = [_("What the learning city did from %(period)s.") % {"period": period}, ""]
            lines += _section(
                _("Actions whose status changed"),
                [f"{action.title}: {Action.Status(status).label}" for action, status in changes],
            )
            lines += _section(
                _("Progress reported"),
                [
                    f"{update.action.title} ({update.organisation or _('city staff')}): "
                    f"{' '.join(update.done.split())}"
                    for update in updates
                ],
            )
            lines += _section(
                _("New values of the indicators"),
                [
                    f"{period.indicator.name}, "
                    f"{period_label(period.indicator.frequency, period.start)}: "
                    f"{_number(total)} {period.indicator.unit}".rstrip()
                    for period, total in values
                ],
            )
            lines += _section(
                _("In the next %(days)s days") % {"days": COMING_DAYS},
                [
                    f"{formats.date_format(timezone.localtime(event.starts_at), 'DATE_FORMAT')}: "
                    f"{event.title}" + (f", {event.venue_name}" if event.venue_name else "")
                    for event in coming
                ],
            )
            if len(lines) == 2:
                lines.append(_("Nothing new was recorded in this period."))
            title = _("Learning city bulletin, %(period)s") % {"period": period}
            texts[language] = (title[:200], "\n".join(lines).strip())
    return texts


def _save(bulletin):
    bulletin.full_clean()
    bulletin.save()
    return bulletin


@transaction.atomic
def bulletin_draft(*, by, period_start, period_end):
    """A draft for the period, its title and text in every language prefilled."""
    if period_start and period_end and period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    bulletin = Bulletin(period_start=period_start, period_end=period_end)
    if getattr(by, "is_authenticated", False):
        bulletin.created_by = by
    for language, (title, text) in prefill(period_start, period_end).items():
        setattr(bulletin, f"title_{language}", title)
        setattr(bulletin, f"body_{language}", text)
    _save(bulletin)
    audit.record(actor=by, action="monitoring.bulletin_draft", target=bulletin)
    return bulletin


def _locked(bulletin):
    locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if locked.is_sent:
        raise ValidationError(_("A sent bulletin never changes."), code="sent")
    return locked


@transaction.atomic
def bulletin_update(*, bulletin, by, **fields):
    bulletin = _locked(bulletin)
    changes = {}
    for name in EDITABLE:
        if name in fields and getattr(bulletin, name) != fields[name]:
            changes[name] = (getattr(bulletin, name), fields[name])
            setattr(bulletin, name, fields[name])
    _save(bulletin)
    if changes:
        audit.record(actor=by, action="monitoring.bulletin_update", target=bulletin)
    return bulletin


def recipients():
    """Active members of verified organisations, each once."""
    return (
        User.objects.filter(is_active=True, memberships__organisation__verified=True)
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def bulletin_send(*, bulletin, by):
    """Mark the bulletin sent and have every recipient told, in a task after the commit."""
    from monitoring.tasks import bulletin_deliver_task

    bulletin = _locked(bulletin)
    bulletin.sent_at = timezone.now()
    bulletin.sent_by = by if getattr(by, "is_authenticated", False) else None
    bulletin.recipients = recipients().count()
    _save(bulletin)
    audit.record(actor=by, action="monitoring.bulletin_send", target=bulletin)
    transaction.on_commit(lambda: bulletin_deliver_task.delay(bulletin.pk))
    return bulletin


@transaction.atomic
def bulletin_deliver(bulletin_id):
    """Tell each recipient, in their language (the task's work; all or none, so a retry never
    tells anyone twice)."""
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    told = 0
    for person in recipients().iterator():
        if notify(
            recipient=person,
            kind=BULLETIN,
            template="monitoring/email/bulletin",
            context={"bulletin": bulletin},
            link=bulletin.get_absolute_url(),
        ):
            told += 1
    return told


def last_month(today):
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def monthly_draft(today=None):
    """Once a month, the previous month's draft, unless one covers it already (beat runs this
    every hour). Returns the draft made, or None."""
    start, end = last_month(today or timezone.localdate())
    if Bulletin.objects.filter(period_start__lte=start, period_end__gte=end).exists():
        return None
    return bulletin_draft(by=None, period_start=start, period_end=end)
