"""Indicators of the plan and the KFLC, their goals, and the values organisations report for
each period (draft → submitted → approved or returned), optionally broken down by dimensions the
city defines (target group, district, sex, age band). Every change is kept in the history."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from learningcity.models import LONG_TEXT, BilingualName, District, TargetGroup
from planning.models import Action, KflcFeature, KflcFocus, Objective
from stakeholders.models import Organisation

YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Dimension(BilingualName):
    """A way values are broken down: target group, district, sex, age band..."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["order", "pk"]


class DimensionValue(BilingualName):
    """One category of a dimension ("Women", "Centro district", "65 and over")."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="values", verbose_name=_("dimension")
    )
    slug = models.SlugField(_("code"), max_length=60)
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension value")
        verbose_name_plural = _("dimension values")
        ordering = ["dimension__order", "dimension_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "slug"], name="dimension_value_slug")
        ]


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Frequency(models.TextChoices):
        YEARLY = "yearly", _("Yearly")
        QUARTERLY = "quarterly", _("Quarterly")
        MONTHLY = "monthly", _("Monthly")

    class Metric(models.TextChoices):
        """Figures other apps compute, through their selectors (DESIGN.md §2)."""

        EVENT_REGISTRATIONS = "events.registrations", _("Confirmed places at public events")
        EVENT_ATTENDANCE = "events.attendance", _("People checked in at public events")
        OPPORTUNITIES = "provision.opportunities", _("Public learning opportunities")
        OPPORTUNITIES_BY_DISTRICT = (
            "provision.opportunities_by_district",
            _("Public learning opportunities, by district"),
        )
        ORGANISATIONS_BY_SECTOR = (
            "stakeholders.organisations_by_sector",
            _("Verified organisations, by sector"),
        )

    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), max_length=LONG_TEXT)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. people, %, courses."))
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"),
        default=0,
        validators=[MaxValueValidator(4)],
        help_text=_("0 for counts: values with decimals are refused."),
    )
    minimum = models.DecimalField(
        _("smallest possible value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("largest possible value"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("E.g. 100 for a percentage."),
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    data_source = models.CharField(_("data source"), max_length=255)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY
    )
    days_to_report = models.PositiveSmallIntegerField(
        _("days to report"),
        default=60,
        validators=[MaxValueValidator(365)],
        help_text=_("A period's values are due this many days after it ends."),
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("responsible organisation"),
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), validators=YEARS)
    tolerance = models.DecimalField(
        _("on-track tolerance"),
        max_digits=16,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
        help_text=_(
            "How far behind the expected value, in the indicator's unit, still counts as on track."
        ),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="indicators", verbose_name=_("plan objectives")
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="indicators", verbose_name=_("plan actions")
    )
    kflc_focuses = models.ManyToManyField(
        KflcFocus, blank=True, related_name="indicators", verbose_name=_("KFLC areas of focus")
    )
    kflc_features = models.ManyToManyField(
        KflcFeature, blank=True, related_name="indicators", verbose_name=_("KFLC features")
    )
    dimensions = models.ManyToManyField(
        Dimension,
        blank=True,
        related_name="indicators",
        verbose_name=_("disaggregated by"),
    )
    metric = models.CharField(
        _("computed from"),
        max_length=60,
        choices=Metric.choices,
        blank=True,
        help_text=_("Leave empty when an organisation enters the values."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[objectives, actions, kflc_focuses, kflc_features])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("monitoring:indicator", args=[self.pk])

    def clean(self):
        if self.minimum is not None and self.maximum is not None and self.minimum >= self.maximum:
            raise ValidationError(
                {"maximum": _("The largest value must be above the smallest one.")}
            )
        if self.baseline_value is not None:
            problem = self.value_problem(self.baseline_value)
            if problem:
                raise ValidationError({"baseline_value": problem})

    @property
    def is_computed(self):
        return bool(self.metric)

    def value_problem(self, value):
        """Why `value` cannot be one of this indicator's values, or None."""
        if not isinstance(value, Decimal) or not value.is_finite():
            return _("Enter a number.")
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimal_places:
            if self.decimal_places == 0:
                return _("This indicator counts whole units: enter a number without decimals.")
            return _("Enter at most %(places)d decimal places.") % {"places": self.decimal_places}
        if self.minimum is not None and value < self.minimum:
            return _("The value cannot be below %(minimum)s %(unit)s.") % {
                "minimum": Decimal(self.minimum).normalize(),
                "unit": self.unit,
            }
        if self.maximum is not None and value > self.maximum:
            return _("The value cannot be above %(maximum)s %(unit)s.") % {
                "maximum": Decimal(self.maximum).normalize(),
                "unit": self.unit,
            }
        return None


class Goal(models.Model):
    """The value the city aims at for the indicator by the end of a year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="goals", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    value = models.DecimalField(_("goal"), max_digits=16, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="goal_per_year")]

    def __str__(self):
        return f"{self.year}: {self.value.normalize()}"

    def clean(self):
        indicator = getattr(self, "indicator", None)
        if indicator is None:
            return
        if self.year is not None and self.year <= indicator.baseline_year:
            raise ValidationError({"year": _("A goal comes after the baseline year.")})
        if self.value is not None:
            problem = indicator.value_problem(self.value)
            if problem:
                raise ValidationError({"value": problem})


def period_months(frequency):
    return {"yearly": 12, "quarterly": 3, "monthly": 1}[frequency]


class PeriodQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Period.Status.APPROVED)


class Period(models.Model):
    """The values of an indicator for one year, quarter or month, reported and approved
    together: the total and its breakdowns."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="periods", verbose_name=_("indicator")
    )
    start = models.DateField(_("period starts"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source_note = models.CharField(_("source of these values"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("comment from city staff"), blank=True, max_length=2000)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "start"], name="period_per_indicator")
        ]

    def __str__(self):
        return f"{self.indicator} · {self.label}"

    def clean(self):
        indicator = getattr(self, "indicator", None)
        if indicator is None or self.start is None:
            return
        if not period_start_valid(indicator.frequency, self.start):
            raise ValidationError({"start": period_problem(indicator.frequency)})

    @property
    def label(self):
        return period_label(self.indicator.frequency, self.start)

    @property
    def end(self):
        return period_end(self.indicator.frequency, self.start)

    @property
    def is_locked(self):
        return self.locked_at is not None

    @property
    def position(self):
        """The period's end as a year with its fraction: 2026 for the year 2026 or its last
        quarter, 2026 - 0.5 for its second quarter. Goals and the baseline are years' ends."""
        months = self.start.month - 1 + period_months(self.indicator.frequency)
        return self.start.year - 1 + months / 12


def period_start_valid(frequency, start):
    if start.day != 1:
        return False
    if frequency == Indicator.Frequency.YEARLY:
        return start.month == 1
    if frequency == Indicator.Frequency.QUARTERLY:
        return start.month in (1, 4, 7, 10)
    return True


def period_problem(frequency):
    return {
        "yearly": _("A yearly indicator's period starts on 1 January."),
        "quarterly": _("A quarterly indicator's period starts on the first day of a quarter."),
        "monthly": _("A monthly indicator's period starts on the first day of a month."),
    }[frequency]


def period_label(frequency, start):
    if frequency == Indicator.Frequency.YEARLY:
        return f"{start.year}"
    if frequency == Indicator.Frequency.QUARTERLY:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def period_from_label(frequency, label):
    """The start of the period written as `period_label` writes it ("2026", "2026-Q2",
    "2026-05"), or None when the label is not one of `frequency`'s periods."""
    label = (label or "").strip().upper()
    try:
        if frequency == Indicator.Frequency.YEARLY and len(label) == 4:
            return date(int(label), 1, 1)
        if frequency == Indicator.Frequency.QUARTERLY and len(label) == 7 and label[4:6] == "-Q":
            quarter = int(label[6])
            return date(int(label[:4]), 3 * quarter - 2, 1) if 1 <= quarter <= 4 else None
        if frequency == Indicator.Frequency.MONTHLY and len(label) == 7 and label[4] == "-":
            return date(int(label[:4]), int(label[5:]), 1)
    except ValueError:
        return None
    return None


def period_after(frequency, start):
    months = start.month - 1 + period_months(frequency)
    return date(start.year + months // 12, months % 12 + 1, 1)


def period_end(frequency, start):
    from datetime import timedelta

    return period_after(frequency, start) - timedelta(days=1)


class Measurement(models.Model):
    """One value of a period: the total (no dimension value) or one breakdown."""

    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("period")
    )
    dimension_value = models.ForeignKey(
        DimensionValue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("breakdown"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["period", "dimension_value__dimension__order", "dimension_value__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "dimension_value"], name="measurement_per_breakdown"
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(dimension_value__isnull=True),
                name="one_total_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.value.normalize()}"


class Follow(models.Model):
    """A person told of the indicator's new approved values."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="follows", verbose_name=_("indicator")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="indicator_follows",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["indicator", "user"], name="follow_once")]

    def __str__(self):
        return f"{self.user} → {self.indicator}"


class DueReminder(models.Model):
    """A reminder of a period's values sent, so each goes once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        AFTER = "after", _("After the due date")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )
    period_start = models.DateField(_("period starts"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "kind"], name="due_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.indicator} · {self.period_start} · {self.kind}"


# The bulletin, the self-assessment and feedback live in their own modules; imported here so that
# Django finds them in the app's models.
from monitoring.bulletin_models import Bulletin  # noqa: E402, F401
from monitoring.models_assessment import (  # noqa: E402, F401
    KflcAssessment,
    KflcDescriptor,
    KflcEvidence,
    KflcRating,
)
from monitoring.models_feedback import FEEDBACK_MAX_LENGTH, Feedback  # noqa: E402, F401

# Surveys and stakeholders' reports live in their own modules, models of this app all the same.
from monitoring.report_models import (  # noqa: E402, F401
    ReportRequest,
    ReportTag,
    StakeholderReport,
)
from monitoring.survey_models import Answer, Question, Response, Survey  # noqa: E402, F401
