from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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


def _this_year():
    return timezone.localdate().year


@deconstructible
class MaxWords:
    """A text of at most `limit` words, refused with its count: UNESCO's form counts words."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        count = len((value or "").split())
        if count > self.limit:
            raise ValidationError(
                _("%(count)s words; at most %(limit)s."),
                code="too_many_words",
                params={"count": count, "limit": self.limit},
            )

    def __eq__(self, other):
        return isinstance(other, MaxWords) and other.limit == self.limit


def _year(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1900)],
        help_text=_("The year the figure is from; not a year still to come."),
    )


# The challenge areas of UNESCO's GNLC membership application the city rates from 1 (a small
# challenge) to 5 (a very great one): field name -> label.
GNLC_CHALLENGES = {
    "challenge_funding": _("Funding"),
    "challenge_political_commitment": _("Political commitment"),
    "challenge_coordination": _("Coordination among stakeholders"),
    "challenge_monitoring": _("Monitoring and evaluation"),
    "challenge_marginalised": _("Reaching marginalised groups"),
}
GNLC_WORD_LIMIT = 200


def _rating(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1: a small challenge; 5: a very great one."),
    )


class GnlcProfileManager(models.Manager):
    def current(self):
        """The city's one profile, made empty the first time it is asked for."""
        return self.get_or_create(pk=1)[0]


class GnlcProfile(models.Model):
    """The city's profile as UNESCO's Global Network of Learning Cities asks for it. The city's
    name and country, its districts and its GNLC membership are read from where the portal keeps
    them (the city profile, the districts, stakeholders' network memberships); this row keeps only
    what the GNLC asks for on top. One per city; every change is kept in its history."""

    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = _year(_("year of the population"))
    area_km2 = models.DecimalField(
        _("area in km²"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    area_year = _year(_("year of the area"))
    gdp_city_usd = models.DecimalField(
        _("GDP per capita of the city in USD"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    gdp_city_year = _year(_("year of the city's GDP per capita"))
    gdp_country_usd = models.DecimalField(
        _("GDP per capita of the country in USD"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    gdp_country_year = _year(_("year of the country's GDP per capita"))
    schooling_women = models.DecimalField(
        _("average years of schooling of women"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    schooling_men = models.DecimalField(
        _("average years of schooling of men"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    schooling_year = _year(_("year of the years of schooling"))
    motivation = models.TextField(
        _("motivation"),
        blank=True,
        validators=[MaxWords(GNLC_WORD_LIMIT)],
        help_text=_("Why the city is a member of the GNLC; at most 200 words."),
    )
    implementation = models.TextField(
        _("implementation"),
        blank=True,
        validators=[MaxWords(GNLC_WORD_LIMIT)],
        help_text=_("How the city puts the learning city into practice; at most 200 words."),
    )
    challenge_funding = _rating(GNLC_CHALLENGES["challenge_funding"])
    challenge_political_commitment = _rating(GNLC_CHALLENGES["challenge_political_commitment"])
    challenge_coordination = _rating(GNLC_CHALLENGES["challenge_coordination"])
    challenge_monitoring = _rating(GNLC_CHALLENGES["challenge_monitoring"])
    challenge_marginalised = _rating(GNLC_CHALLENGES["challenge_marginalised"])
    mayor_name = models.CharField(_("mayor's name"), max_length=150, blank=True)
    mayor_title = models.CharField(_("mayor's title"), max_length=150, blank=True)
    mayor_email = models.EmailField(_("mayor's e-mail"), blank=True)
    contact_name = models.CharField(_("contact person's name"), max_length=150, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    pledge = models.BooleanField(_("the mayor has signed the pledge"), default=False)
    pledge_date = models.DateField(_("date of the pledge"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), null=True, editable=False)
    history = HistoricalRecords()

    objects = GnlcProfileManager()

    class Meta:
        verbose_name = _("GNLC membership profile")
        verbose_name_plural = _("GNLC membership profile")

    def __str__(self):
        return str(_("GNLC membership profile"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reports:gnlc-profile")

    def clean(self):
        errors = {}
        this_year = _this_year()
        for name in YEAR_FIELDS:
            year = getattr(self, name)
            if year is not None and year > this_year:
                errors[name] = ValidationError(
                    _("%(year)s is still to come: give the year the figure is from."),
                    code="future_year",
                    params={"year": year},
                )
        if self.pledge and self.pledge_date is None:
            errors["pledge_date"] = ValidationError(
                _("Give the date the pledge was signed."), code="pledge_undated"
            )
        if self.pledge_date and self.pledge_date > timezone.localdate():
            errors["pledge_date"] = ValidationError(
                _("The pledge cannot be signed on a day still to come."), code="future_date"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def challenges(self):
        """(label, rating) of every challenge area, in the form's order."""
        return [(label, getattr(self, name)) for name, label in GNLC_CHALLENGES.items()]


YEAR_FIELDS = ["population_year", "area_year", "gdp_city_year", "gdp_country_year",
               "schooling_year"]  # fmt: skip
