"""The bulletin: what the programme did in a period and what comes next, sent by city staff to
the members of verified organisations in each one's language, and kept in a public archive."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.models import LONG_TEXT


class BulletinQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(sent_at__isnull=False)


class Bulletin(models.Model):
    """A draft prefilled from the period's changes; sent once, then never changed."""

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    body = models.TextField(_("text"), max_length=LONG_TEXT * 3)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-period_end", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:bulletin", args=[self.pk])

    @property
    def is_sent(self):
        return self.sent_at is not None

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}, code="period"
            )
