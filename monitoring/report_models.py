"""Periodic reports from stakeholders (DESIGN.md §1, "periodic reports with lessons learned and
suggestions"): city staff ask the organisations responsible for the plan's actions what they did
in a period, what they learned and what they suggest; members of each asked organisation answer
in the portal; staff read the answers together and tag the lessons and suggestions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.models import LONG_TEXT
from stakeholders.models import Organisation


class ReportTag(models.Model):
    """A theme staff give lessons and suggestions ("volunteers", "schedules", "outreach")."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("report tag")
        verbose_name_plural = _("report tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReportRequest(models.Model):
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    due_on = models.DateField(_("answers due on"))
    message = models.TextField(_("message to the organisations"), blank=True, max_length=LONG_TEXT)
    organisations = models.ManyToManyField(
        Organisation,
        through="StakeholderReport",
        related_name="report_requests",
        verbose_name=_("organisations asked"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        ordering = ["-due_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:report-request", args=[self.pk])

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends on or after its start.")})


class StakeholderReportQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def waiting(self):
        return self.filter(answered_at__isnull=True)


class StakeholderReport(models.Model):
    """One asked organisation's report for a request: empty until a member answers."""

    request = models.ForeignKey(
        ReportRequest, on_delete=models.CASCADE, related_name="reports", verbose_name=_("request")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="stakeholder_reports",
        verbose_name=_("organisation"),
    )
    done = models.TextField(_("what was done"), blank=True, max_length=LONG_TEXT)
    lessons = models.TextField(_("lessons learned"), blank=True, max_length=LONG_TEXT)
    suggestions = models.TextField(
        _("suggestions for improvement"), blank=True, max_length=LONG_TEXT
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    lesson_tags = models.ManyToManyField(
        ReportTag, blank=True, related_name="lesson_reports", verbose_name=_("lesson tags")
    )
    suggestion_tags = models.ManyToManyField(
        ReportTag, blank=True, related_name="suggestion_reports", verbose_name=_("suggestion tags")
    )

    objects = StakeholderReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder report")
        verbose_name_plural = _("stakeholder reports")
        ordering = ["request", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "organisation"], name="one_report_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.request} · {self.organisation}"

    def get_absolute_url(self):
        return reverse("monitoring:report-answer", args=[self.request_id, self.organisation_id])

    @property
    def is_answered(self):
        return self.answered_at is not None
