"""Notifications for every app: `notify(...)` tells a person something, which the site lists and
which reaches them by e-mail at once, in a daily or weekly digest, or not at all, as they chose
for that kind at /accounts/notifications/.

Apps register their kinds with `registry.register_notification_kind` from `AppConfig.ready()`.
Every notification e-mail carries a one-click unsubscribe (RFC 8058) for its kinds. E-mails that
must reach people whatever they chose (password reset, address confirmation, an invitation sent
to an address) do not go through here but through `learningcity.outbox`.

Unsubscribe tokens are signed (django.core.signing, with their own salt) and never expire: RFC
8058's one-click POST comes from the mail client, perhaps years after the e-mail was sent, and the
only thing a token can do is stop e-mails of the kinds it names for the person it names, which
that person can undo on the preferences page. Changing SECRET_KEY without keeping the old one in
SECRET_KEY_FALLBACKS invalidates the links of the e-mails already sent.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.models import (
    CityProfile,
    Frequency,
    Notification,
    NotificationDigest,
    NotificationPreference,
    User,
)
from learningcity.outbox import email_queue
from learningcity.personal_data import scrub
from learningcity.registry import registry

UNSUBSCRIBE_SALT = "learningcity.notifications.unsubscribe"
# Digests of a day (or week) go out after this hour of the next day (or Monday), city time, so
# nobody gets them at midnight; beat runs the digest tasks every hour and they send each once.
DIGEST_HOUR = 7
PERIOD_DAYS = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}

audit.register(
    {
        "learningcity.notification_preferences": gettext_noop("Changed how they get notifications"),
        "learningcity.notification_unsubscribe": gettext_noop(
            "Unsubscribed from notifications by e-mail"
        ),
    }
)


class BadToken(Exception):
    """An unsubscribe link that was altered, or names no kind the portal still has."""


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _city_zone():
    try:
        return zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone)
    except zoneinfo.ZoneInfoNotFoundError:
        return zoneinfo.ZoneInfo("UTC")


def preferences_of(user):
    """`{kind key: frequency}` for every registered kind: the person's choice, else the kind's
    default. Choices stored for kinds no longer registered are left out. One query."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {
        kind.key: stored.get(kind.key, kind.default) for kind in registry.notification_kind_list()
    }


def _preferences_set(user, frequencies):
    unknown = set(frequencies) - set(registry.notification_kinds)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {sorted(unknown)}")
    before = preferences_of(user)
    changes = {}
    for kind, frequency in frequencies.items():
        if before[kind] == frequency:
            continue
        preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
        preference = preference or NotificationPreference(user=user, kind=kind)
        preference.frequency = frequency
        preference.updated_at = timezone.now()
        preference.full_clean()
        preference.save()
        changes[kind] = (before[kind], frequency)
    return changes


@transaction.atomic
def notification_preferences_set(*, user, frequencies):
    """Store how often `user` hears of each kind (`{kind key: frequency}`), in the audit trail
    with what changed. Unknown kinds raise ValueError (the form offers only registered ones), an
    unknown frequency ValidationError. Returns `{kind: (before, after)}` for what changed."""
    changes = _preferences_set(user, frequencies)
    if changes:
        audit.record(
            actor=user, action="learningcity.notification_preferences", target=user, changes=changes
        )
    return changes


def unsubscribe_token(*, user, kinds):
    return signing.dumps({"u": user.pk, "k": sorted(kinds)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user, kinds):
    with translation.override(user.preferred_language):
        path = reverse(
            "notifications_unsubscribe", args=[unsubscribe_token(user=user, kinds=kinds)]
        )
    return _absolute(path)


def unsubscribe_read(token):
    """(person, [kinds]) a token names. Raises BadToken when it was altered, when its person is
    gone, or when none of its kinds is registered any more."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user_id, kinds = payload["u"], payload["k"]
    except (signing.BadSignature, KeyError, TypeError):
        raise BadToken("altered") from None
    kinds = [
        registry.notification_kinds[kind]
        for kind in kinds
        if isinstance(kind, str) and kind in registry.notification_kinds
    ]
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not kinds:
        raise BadToken("unknown")
    return user, kinds


@transaction.atomic
def notifications_unsubscribe(*, user, kinds):
    """One-click unsubscribe: these kinds no longer reach `user` by e-mail."""
    changes = _preferences_set(user, dict.fromkeys(kinds, Frequency.NEVER))
    if changes:
        audit.record(
            actor=user,
            action="learningcity.notification_unsubscribe",
            target=user,
            changes=changes,
        )
    return changes


def _unsubscribe_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _email_at_once(notification, kind):
    user = notification.recipient
    url = unsubscribe_url(user=user, kinds=[kind.key])
    with translation.override(user.preferred_language):
        body = render_to_string(
            "notifications/email/notification_body.txt",
            {
                "notification": notification,
                "kind": kind,
                "preferences_url": _absolute(reverse("account_notifications")),
                "unsubscribe_url": url,
            },
        )
    email_queue(
        to=user.email,
        subject=notification.subject,
        body=body,
        headers=_unsubscribe_headers(url),
    )


@transaction.atomic
def notify(*, recipient, kind, template, context=None, link=""):
    """Tell `recipient` something of a registered `kind`.

    Subject and text come from `<template>_subject.txt` and `_body.txt`, rendered in the
    recipient's language with `context`, plus `url`: `link` (a path on the portal) in that
    language, made absolute. The notification is listed on the site and e-mailed as the person
    chose: at once here, in a digest later, or not at all. Returns it; None for an inactive
    account.
    """
    if kind not in registry.notification_kinds:
        raise ValueError(f"Unknown notification kind {kind!r}: register it first")
    if not recipient.is_active:
        return None
    kind = registry.notification_kinds[kind]
    language = recipient.preferred_language
    link = translate_url(link, language) if link else ""
    with translation.override(language):
        context = {"url": _absolute(link) if link else "", **(context or {})}
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}_body.txt", context)
    notification = Notification(
        recipient=recipient,
        kind=kind.key,
        subject=" ".join(subject.split())[:255],
        text=text.strip(),
        link=link,
    )
    if preferences_of(recipient)[kind.key] == Frequency.IMMEDIATELY:
        notification.emailed_at = timezone.now()
        notification.full_clean()
        notification.save()
        _email_at_once(notification, kind)
    else:
        notification.full_clean()
        notification.save()
    return notification


def notifications_mark_read(*, user):
    """Everything `user` was told counts as read. Not in the audit trail: reading is no change
    anyone else needs to follow."""
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())


def period_bounds(period, starts_on):
    """The aware datetimes [start, end) of a day or ISO week (starting on a Monday), city time."""
    if period == Frequency.WEEKLY and starts_on.weekday() != 0:
        raise ValueError(f"A weekly digest starts on a Monday, not on {starts_on}")
    zone = _city_zone()
    start = datetime.combine(starts_on, time(), tzinfo=zone)
    end = datetime.combine(starts_on + timedelta(days=PERIOD_DAYS[period]), time(), tzinfo=zone)
    return start, end


def last_complete_period(period, *, now=None):
    """The first day of the last day (or week) whose digest is due, city time."""
    today = (
        timezone.localtime(now or timezone.now(), _city_zone()) - timedelta(hours=DIGEST_HOUR)
    ).date()
    if period == Frequency.DAILY:
        return today - timedelta(days=1)
    return today - timedelta(days=today.weekday() + 7)


def digest_send(*, user, period, starts_on):
    """E-mail `user` one digest of the notifications of the period that they get in `period`
    digests and that no e-mail carried yet. Running it again sends nothing: the digest's row is
    unique per person and period, and the notifications it gathered point at it. Returns the
    digest, or None when there was nothing (more) to send."""
    start, end = period_bounds(period, starts_on)
    kinds = [kind for kind, frequency in preferences_of(user).items() if frequency == period]
    if not kinds:
        return None
    with transaction.atomic():
        # A rival run inserting the same row waits here until it commits, then finds it.
        digest, created = NotificationDigest.objects.get_or_create(
            user=user, period=period, starts_on=starts_on
        )
        if not created:
            return None
        notifications = list(
            Notification.objects.select_for_update()
            .undelivered()
            .filter(recipient=user, kind__in=kinds, created_at__gte=start, created_at__lt=end)
            .order_by("created_at", "pk")
        )
        if not notifications:
            digest.delete()
            return None
        digest.email = _email_digest(user, period, start, end, notifications)
        digest.save(update_fields=["email"])
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(digest=digest)
    return digest


def _email_digest(user, period, start, end, notifications):
    kinds = sorted({notification.kind for notification in notifications})
    url = unsubscribe_url(user=user, kinds=kinds)
    zone = _city_zone()
    with translation.override(user.preferred_language):
        context = {
            "period": period,
            "first_day": start.date(),
            "last_day": (end - timedelta(days=1)).date(),
            "count": len(notifications),
            "notifications": [
                {
                    "subject": notification.subject,
                    "text": notification.text,
                    "when": timezone.localtime(notification.created_at, zone),
                }
                for notification in notifications
            ],
            "kinds": [str(registry.notification_kinds[kind].title) for kind in kinds],
            "preferences_url": _absolute(reverse("account_notifications")),
            "unsubscribe_url": url,
            "programme": CityProfile.objects.current().programme_name,
        }
        subject = render_to_string("notifications/email/digest_subject.txt", context)
        body = render_to_string("notifications/email/digest_body.txt", context)
    return email_queue(
        to=user.email,
        subject=" ".join(subject.split()),
        body=body,
        headers=_unsubscribe_headers(url),
    )


def digests_send(*, period, starts_on):
    """Send every `period` digest due for the period starting on `starts_on`; returns how many
    went out. Each person's digest is its own transaction, so one failure loses no other."""
    start, end = period_bounds(period, starts_on)
    pending = (
        Notification.objects.undelivered()
        .filter(created_at__gte=start, created_at__lt=end)
        .values("recipient")
    )
    sent = 0
    for user in User.objects.filter(pk__in=pending, is_active=True).order_by("pk"):
        if digest_send(user=user, period=period, starts_on=starts_on):
            sent += 1
    return sent


def personal_data_export(*, user):
    """The person's notifications and choices, for "download my data" (learningcity.personal_data
    calls it through the registry)."""
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "subject": notification.subject,
                "text": notification.text,
                "link": notification.link,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
        "notification_preferences": preferences_of(user),
    }


def personal_data_delete(*, user, emails, names):
    """The person's own notifications, choices and digests go with their account (their foreign
    keys cascade); notifications to others that name them keep their text, without the name."""
    scrub(Notification.objects.exclude(recipient=user), ["subject", "text"], [*emails, *names])
