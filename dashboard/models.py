from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.models import LONG_TEXT
from learningcity.permissions import STAFF, has_role
from learningcity.uploads import validate_document


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published reports are public; drafts are for city staff."""
        if has_role(user, STAFF):
            return self
        return self.filter(status=ProgressReport.Status.PUBLISHED)


class ProgressReport(models.Model):
    """A report of the programme's progress over a period, for the city council or for UNESCO's
    GNLC: narrative parts written by the coordinator, figures read from every area. Generating
    its PDF freezes the figures in `snapshot`; a published report never changes again."""

    class Scope(models.TextChoices):
        CITY = "city", _("City council")
        GNLC = "gnlc", _("UNESCO Global Network of Learning Cities")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class PdfStatus(models.TextChoices):
        NONE = "", _("Not generated")
        QUEUED = "queued", _("Waiting to be generated")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Generated")
        FAILED = "failed", _("Generation failed")

    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("for"), max_length=8, choices=Scope.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    summary = models.TextField(_("summary"), blank=True, max_length=LONG_TEXT)
    lessons = models.TextField(_("lessons learned"), blank=True, max_length=LONG_TEXT)
    next_steps = models.TextField(_("next steps"), blank=True, max_length=LONG_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The figures the PDF was made from: the published report shows these, whatever happens to
    # the data afterwards.
    snapshot = models.JSONField(_("figures"), null=True, blank=True, editable=False)
    # Made by the portal, never uploaded; checked like any document all the same.
    pdf = models.FileField(
        _("PDF"),
        upload_to="reports/",
        blank=True,
        editable=False,
        validators=[validate_document],
    )
    pdf_status = models.CharField(
        _("PDF"), max_length=8, choices=PdfStatus.choices, blank=True, editable=False
    )
    pdf_error = models.TextField(_("why the PDF failed"), blank=True, editable=False)
    pdf_started_at = models.DateTimeField(_("generation started"), null=True, editable=False)
    pdf_generated_at = models.DateTimeField(_("generated"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period_end", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    def clean(self):
        if self.period_start and self.period_end and self.period_end <= self.period_start:
            raise ValidationError({"period_end": _("The period must end after it starts.")})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def generation_state(self):
        """The PDF's state as the coordinator sees it: a generation running for longer than
        REPORT_GENERATION_MINUTES has failed, whatever its row still says (its worker died)."""
        if self.pdf_status in {self.PdfStatus.QUEUED, self.PdfStatus.RUNNING} and self.stalled:
            return self.PdfStatus.FAILED
        return self.pdf_status

    @property
    def stalled(self):
        limit = timedelta(minutes=settings.REPORT_GENERATION_MINUTES)
        return self.pdf_started_at is not None and timezone.now() - self.pdf_started_at > limit

    @property
    def generating(self):
        return self.generation_state in {self.PdfStatus.QUEUED, self.PdfStatus.RUNNING}
