"""Learning organisations and a learner-friendly city (UNESCO's guidelines, "Accessibility":
help organisations become learning organisations; a learner-friendly environment).

An organisation's admins pledge what it commits to, assess themselves once a year against a
fixed list, ask the city for support and report yearly; the organisations that pledged are
listed publicly. A learning space's organisation fills its learner-friendly checklist, and
anyone may report a barrier they met at a space, which city staff answer and follow to its
resolution. Everything is written through provision.learning_orgs.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stakeholders.models import Organisation

# What an organisation may commit to, each a boolean field of its pledge.
COMMITMENTS = ("staff_learning_time", "mentoring", "open_premises")

# The self-assessment's fixed items: code, what is assessed.
ASSESSMENT_ITEMS = [
    ("leadership", _("Our leaders encourage and take part in learning")),
    ("learning_time", _("Staff have time to learn during working hours")),
    ("mentoring", _("Experienced staff mentor newcomers and each other")),
    ("sharing", _("People share what they learn with their colleagues")),
    ("plans", _("Each person has a learning plan, reviewed every year")),
    ("recognition", _("Learning is recognised: certificates, new tasks, promotion")),
    ("openness", _("Our premises and resources are open to learners of the city")),
    ("partnerships", _("We learn with other organisations of the city")),
]
ASSESSMENT_ITEM_LABELS = dict(ASSESSMENT_ITEMS)


class Progress(models.IntegerChoices):
    NOT_YET = 1, _("Not yet")
    STARTING = 2, _("Starting")
    ON_THE_WAY = 3, _("Well on the way")
    IN_PLACE = 4, _("Fully in place")


def _user_field(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class PledgeQuerySet(models.QuerySet):
    def public(self):
        """Pledges of organisations city staff verified."""
        return self.filter(organisation__verified=True)


class LearningOrganisationPledge(models.Model):
    """An organisation's pledge to become a learning organisation: what it commits to, and its
    own words."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="learning_pledge",
        verbose_name=_("organisation"),
    )
    staff_learning_time = models.BooleanField(
        _("learning time for staff"),
        default=False,
        help_text=_("Staff may learn during working hours."),
    )
    mentoring = models.BooleanField(
        _("mentoring"),
        default=False,
        help_text=_("Experienced people accompany newcomers and learners."),
    )
    open_premises = models.BooleanField(
        _("open premises"),
        default=False,
        help_text=_("Rooms, equipment or collections are open to learners of the city."),
    )
    statement = models.TextField(
        _("our commitments in our words"),
        max_length=2000,
        help_text=_("What you will do, by when; shown on your public page."),
    )
    pledged_by = _user_field(_("pledged by"))
    pledged_at = models.DateTimeField(_("pledged"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning organisation pledge")
        verbose_name_plural = _("learning organisation pledges")
        ordering = ["organisation__name", "pk"]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("provision:learning-organisation", args=[self.organisation.slug])

    def clean(self):
        errors = {}
        if not any(getattr(self, name) for name in COMMITMENTS):
            errors["staff_learning_time"] = _("Choose at least one commitment.")
        if not (self.statement or "").strip():
            errors["statement"] = _("Say in a few words what your organisation commits to.")
        if errors:
            raise ValidationError(errors)

    @property
    def commitments(self):
        return [
            self._meta.get_field(name).verbose_name for name in COMMITMENTS if getattr(self, name)
        ]


class SelfAssessment(models.Model):
    """An organisation's self-assessment of one year: each item of ASSESSMENT_ITEMS rated, with
    a comment."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="learning_assessments",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    updated_by = _user_field(_("filled by"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("learning organisation self-assessment")
        verbose_name_plural = _("learning organisation self-assessments")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="learning_assessment_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.year}"


class SelfAssessmentAnswer(models.Model):
    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("self-assessment"),
    )
    item = models.CharField(_("item"), max_length=20, choices=ASSESSMENT_ITEMS)
    rating = models.PositiveSmallIntegerField(_("how far you are"), choices=Progress.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="learning_assessment_item_once"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=4), name="learning_assessment_rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {self.get_rating_display()}"


class SupportRequestQuerySet(models.QuerySet):
    def waiting(self):
        """Not yet answered: what city staff have to handle."""
        return self.filter(
            status__in=[SupportRequest.Status.SUBMITTED, SupportRequest.Status.IN_PROGRESS]
        )


class SupportRequest(models.Model):
    """An organisation asks the city for support to become a learning organisation."""

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice")
        TRAINING = "training", _("Training for our staff")
        PARTNER = "partner", _("A partner to learn with")

    class Status(models.TextChoices):
        # Contexts: the Spanish agrees with "solicitud" (feminine), unlike other statuses.
        SUBMITTED = "submitted", pgettext_lazy("support request status", "Submitted")
        IN_PROGRESS = "in_progress", pgettext_lazy("support request status", "In progress")
        ANSWERED = "answered", pgettext_lazy("support request status", "Answered")
        CLOSED = "closed", pgettext_lazy("support request status", "Closed")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="learning_support_requests",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("what you ask for"), max_length=12, choices=Kind.choices)
    description = models.TextField(
        _("your request"), max_length=2000, help_text=_("What you need, for whom, and by when.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    response = models.TextField(_("the city's answer"), max_length=2000, blank=True)
    requested_by = _user_field(_("asked by"))
    handled_by = _user_field(_("handled by"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="support_status_created")]

    def __str__(self):
        return f"{self.organisation} · {self.get_kind_display()}"

    def clean(self):
        if self.status == self.Status.ANSWERED and not (self.response or "").strip():
            raise ValidationError({"response": _("Write the answer the organisation will read.")})


class YearlyReport(models.Model):
    """What a learning organisation did in a year, in a few paragraphs, public with its page."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="learning_reports",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    text = models.TextField(
        _("what we did this year"),
        max_length=3000,
        help_text=_("What your people learned, what you opened to the city, what comes next."),
    )
    written_by = _user_field(_("written by"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="learning_report_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.year}"


# What makes a space friendly to learners, each a boolean field of its checklist.
CHECKLIST_ITEMS = (
    "welcome",
    "signage",
    "hours",
    "languages",
    "accessibility",
    "costs_explained",
)


class SpaceChecklist(models.Model):
    """A learning space's learner-friendly checklist, filled by the organisation that runs it."""

    space = models.OneToOneField(
        "provision.LearningSpace",
        on_delete=models.CASCADE,
        related_name="checklist",
        verbose_name=_("learning space"),
    )
    welcome = models.BooleanField(
        _("a welcome"), default=False, help_text=_("Someone greets newcomers and shows them round.")
    )
    signage = models.BooleanField(
        _("clear signs"), default=False, help_text=_("Signs lead from the street to every room.")
    )
    hours = models.BooleanField(
        _("convenient hours"),
        default=False,
        help_text=_("Open some evenings or at weekends, for people who work."),
    )
    languages = models.BooleanField(
        _("other languages"),
        default=False,
        help_text=_("Information or help in languages other than Spanish."),
    )
    accessibility = models.BooleanField(
        _("accessible"),
        default=False,
        help_text=_("Step-free entrance, accessible toilets, seats to rest."),
    )
    costs_explained = models.BooleanField(
        _("costs explained"),
        default=False,
        help_text=_("What is free and what costs money is said before people come."),
    )
    note = models.CharField(_("anything to add"), max_length=500, blank=True)
    updated_by = _user_field(_("filled by"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("learner-friendly checklist")
        verbose_name_plural = _("learner-friendly checklists")

    def __str__(self):
        return str(self.space)

    @property
    def items(self):
        """(label, help text, ticked) for every item of the checklist."""
        return [
            (field.verbose_name, field.help_text, getattr(self, field.name))
            for field in (self._meta.get_field(name) for name in CHECKLIST_ITEMS)
        ]

    @property
    def score(self):
        return sum(1 for name in CHECKLIST_ITEMS if getattr(self, name))


class BarrierReportQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status__in=[BarrierReport.Status.NEW, BarrierReport.Status.IN_PROGRESS])

    def public(self):
        return self.filter(is_public=True)


class BarrierReport(models.Model):
    """A barrier someone met at a learning space, told with or without an account. Its contact
    details are read by city staff only; staff decide whether the barrier and their answer show
    on the space's page."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Getting in or moving around")
        INFORMATION = "information", _("Information or signs")
        HOURS = "hours", _("Opening hours")
        LANGUAGE = "language", _("Language")
        COST = "cost", _("Costs")
        WELCOME = "welcome", _("How I was received")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("barrier report status", "New")
        IN_PROGRESS = "in_progress", pgettext_lazy("barrier report status", "Being dealt with")
        RESOLVED = "resolved", pgettext_lazy("barrier report status", "Resolved")
        CLOSED = "closed", pgettext_lazy("barrier report status", "Closed without change")

    space = models.ForeignKey(
        "provision.LearningSpace",
        on_delete=models.CASCADE,
        related_name="barrier_reports",
        verbose_name=_("learning space"),
    )
    kind = models.CharField(_("what kind of barrier"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("what happened"), max_length=1000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = _user_field(_("account"))
    # The language the person wrote in, for the e-mail that answers them.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    response = models.TextField(_("answer"), max_length=2000, blank=True)
    is_public = models.BooleanField(
        _("shown on the space's page"),
        default=False,
        help_text=_("The barrier and the answer, never who reported it."),
    )
    handled_by = _user_field(_("handled by"))
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="barrier_status_created")]

    def __str__(self):
        return f"{self.space} · {self.get_kind_display()}"

    def clean(self):
        if self.status != self.Status.NEW and not (self.response or "").strip():
            raise ValidationError({"response": _("Write the answer the person will read.")})
        if self.is_public and not (self.response or "").strip():
            raise ValidationError({"is_public": _("Answer the barrier before showing it.")})

    @property
    def contact_email(self):
        if self.email:
            return self.email
        return self.user.email if self.user_id is not None else ""
