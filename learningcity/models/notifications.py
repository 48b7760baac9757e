"""Notifications: what the portal tells a person, how often each kind reaches them by e-mail,
and the digests that gathered them.

Kinds are registered by the apps (`registry.register_notification_kind`), so `kind` is a plain
key, never a foreign key: a kind an app stops registering leaves harmless rows behind.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KIND_LENGTH = 80


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("By e-mail at once")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("Never by e-mail")


class NotificationPreference(models.Model):
    """How often one person hears of one kind by e-mail; without a row, the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=KIND_LENGTH)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self):
        return f"{self.kind}: {self.frequency}"


class NotificationDigest(models.Model):
    """One digest e-mail for one person and period: the unique constraint is what makes a digest
    task that runs twice (beat firing again, a retried task, two workers) send once."""

    class Period(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_digests",
        verbose_name=_("person"),
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    # The first day of the period, in the city's time zone (a Monday for weekly digests).
    starts_on = models.DateField(_("starts on"))
    email = models.ForeignKey(
        "learningcity.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        verbose_name = _("notification digest")
        verbose_name_plural = _("notification digests")
        ordering = ["-starts_on", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "starts_on"], name="notification_digest_once"
            )
        ]

    def __str__(self):
        return f"{self.period} {self.starts_on}: {self.user_id}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def undelivered(self):
        """Not e-mailed yet, neither at once nor in a digest."""
        return self.filter(emailed_at__isnull=True, digest__isnull=True)


class Notification(models.Model):
    """One thing the portal told one person, written in their language when it happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=KIND_LENGTH)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set when the notification went out by e-mail on its own...
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # ...or with the digest that gathered it.
    digest = models.ForeignKey(
        NotificationDigest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("digest"),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["created_at", "kind"], name="notification_created"),
        ]

    def __str__(self):
        return self.subject
