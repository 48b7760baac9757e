"""The city's self-assessment against UNESCO's Key Features of Learning Cities: once a year
city staff rate each of the 12 areas of focus (and, if they wish, the city's KFLC features
under them) on a 1–5 scale whose levels are described as data, with evidence, as a draft
until they complete it. Imported by monitoring.models, so Django finds the models there.

Per year rather than per monitoring Period: a Period is one indicator's year, quarter or month,
while the self-assessment is the whole programme's, once a year, like the GNLC's reporting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from learningcity.models import SHORT_TEXT, BilingualName
from learningcity.models.base import localised
from planning.models import Action, KflcFeature, KflcFocus

LEVELS = [MinValueValidator(1), MaxValueValidator(5)]
YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


class KflcDescriptor(BilingualName):
    """What a level of the 1–5 scale means: for every area of focus, or for one of them when
    the city describes its levels more closely."""

    level = models.PositiveSmallIntegerField(_("level"), validators=LEVELS)
    focus = models.ForeignKey(
        KflcFocus,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="descriptors",
        verbose_name=_("area of focus"),
        help_text=_("Leave empty for the description every area of focus uses."),
    )
    description_es = models.TextField(_("description in Spanish"), max_length=SHORT_TEXT)
    description_en = models.TextField(_("description in English"), max_length=SHORT_TEXT)

    class Meta:
        verbose_name = _("level descriptor")
        verbose_name_plural = _("level descriptors")
        ordering = ["focus__code", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["level"],
                condition=models.Q(focus__isnull=True),
                name="one_generic_descriptor_per_level",
            ),
            models.UniqueConstraint(fields=["focus", "level"], name="one_descriptor_per_focus"),
        ]

    def __str__(self):
        return f"{self.level}. {self.name}"

    @property
    def description(self):
        return localised(self, "description")


class KflcAssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=KflcAssessment.Status.COMPLETED)

    def visible_to(self, user):
        """Completed assessments are public; drafts are city staff's."""
        from learningcity.permissions import can

        return self if can(user, "monitoring.assess_kflc") else self.completed()


class KflcAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEARS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now, editable=False)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    history = HistoricalRecords()

    objects = KflcAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("KFLC self-assessment")
        verbose_name_plural = _("KFLC self-assessments")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("monitoring:kflc-year", args=[self.year])

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class KflcRating(models.Model):
    """One area of focus (or one feature under it) rated in an assessment."""

    assessment = models.ForeignKey(
        KflcAssessment,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("self-assessment"),
    )
    focus = models.ForeignKey(
        KflcFocus, on_delete=models.PROTECT, related_name="+", verbose_name=_("area of focus")
    )
    feature = models.ForeignKey(
        KflcFeature,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feature"),
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVELS)
    descriptor = models.ForeignKey(
        KflcDescriptor,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("descriptor"),
    )
    note = models.TextField(_("why this level"), max_length=SHORT_TEXT, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["focus__code", "feature__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "focus"],
                condition=models.Q(feature__isnull=True),
                name="one_rating_per_focus",
            ),
            models.UniqueConstraint(
                fields=["assessment", "feature"],
                condition=models.Q(feature__isnull=False),
                name="one_rating_per_feature",
            ),
        ]

    def __str__(self):
        return f"{self.feature or self.focus}: {self.level}"

    def clean(self):
        if self.feature_id and self.focus_id and self.feature.focus_id != self.focus_id:
            raise ValidationError({"feature": _("The feature belongs to another area of focus.")})
        if self.descriptor_id and self.level is not None and self.descriptor.level != self.level:
            raise ValidationError({"descriptor": _("The descriptor is of another level.")})


class KflcEvidence(models.Model):
    """What shows a rating is right: an indicator, a plan action, or a document's address."""

    rating = models.ForeignKey(
        KflcRating, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("rating")
    )
    indicator = models.ForeignKey(
        "monitoring.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan action"),
    )
    url = models.URLField(_("document or web address"), blank=True, max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(indicator__isnull=False, action__isnull=True, url="")
                    | models.Q(indicator__isnull=True, action__isnull=False, url="")
                    | (models.Q(indicator__isnull=True, action__isnull=True) & ~models.Q(url=""))
                ),
                name="evidence_is_one_thing",
            )
        ]

    def __str__(self):
        return self.label

    def clean(self):
        given = [bool(self.indicator_id), bool(self.action_id), bool(self.url)]
        if sum(given) != 1:
            raise ValidationError(_("Evidence is one indicator, one plan action or one address."))

    @property
    def label(self):
        if self.indicator_id:
            return str(self.indicator)
        if self.action_id:
            return str(self.action)
        return self.title or self.url

    @property
    def link(self):
        if self.indicator_id:
            return self.indicator.get_absolute_url()
        if self.action_id:
            return self.action.get_absolute_url()
        return self.url
