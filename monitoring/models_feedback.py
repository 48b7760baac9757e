"""Feedback from anyone on the programme ("what we have heard"), moderated by city staff —
published, or hidden with a reason, never deleted — and answered ("what we did"), linked to the
plan action, objective or indicator it changed. Imported by monitoring.models."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planning.models import Action, Objective

FEEDBACK_MAX_LENGTH = 2000


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Feedback.Status.PUBLISHED)

    def waiting(self):
        return self.filter(status=Feedback.Status.WAITING)


class Feedback(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    text = models.TextField(_("feedback"), max_length=FEEDBACK_MAX_LENGTH)
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Only city staff see it; we write to it when we answer."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitoring_feedback",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    answer = models.TextField(_("what we did"), max_length=FEEDBACK_MAX_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan action it changed"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan objective it changed"),
    )
    indicator = models.ForeignKey(
        "monitoring.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("indicator it changed"),
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="feedback_status_created")]

    def __str__(self):
        return self.text[:60]

    @property
    def is_answered(self):
        return bool(self.answer)
