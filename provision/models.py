"""Learning provision: what people may learn (opportunities), where (community learning spaces)
and about what (subjects).

Names follow Open Referral's HSDS where they fit (DESIGN.md §9): an opportunity is HSDS's
*service* (`organization`, `url`, `languages`, `fees_description`, `eligibility` as target
groups), a space its *location* (`latitude`, `longitude`, `address`), opening hours its
*schedule* (`byday`, `opens_at`, `closes_at`). The admin, the pages and the demo write through
provision.services.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.models import (
    LATITUDE,
    LONG_TEXT,
    LONGITUDE,
    SHORT_TEXT,
    AccessibilityFeature,
    BilingualNameModel,
    CityProfile,
    District,
    TargetGroup,
)
from learningcity.permissions import STAFF, has_role, organisation_roles
from stakeholders.models import Organisation

# "Starting soon" on the search page: within this many days from today.
SOON = timedelta(days=30)


def check_point(latitude, longitude, *, field="latitude"):
    """Errors (a dict for ValidationError) when a point is half given, outside the city's
    bounding box, or would be inside it with latitude and longitude swapped."""
    if latitude is None and longitude is None:
        return {}
    if latitude is None or longitude is None:
        return {field: _("Give both the latitude and the longitude, or neither.")}
    city = CityProfile.objects.current()
    if city.contains(latitude, longitude):
        return {}
    if city.contains(longitude, latitude):
        return {
            field: _(
                "The latitude and the longitude seem swapped: the point lies in the city the "
                "other way round."
            )
        }
    return {
        field: _("The point (latitude %(lat)s, longitude %(lon)s) lies outside the city's limits.")
        % {"lat": latitude, "lon": longitude}
    }


# Flexible arrangements for marginalised groups (UNESCO's guidelines, "Accessibility"): an
# opportunity may have all of them, a space those that make sense for a place.
ARRANGEMENTS = ("childcare", "interpreters", "easy_read", "outreach")


def arrangements_of(row):
    """The labels of the flexible arrangements `row` (an opportunity or a space) offers."""
    fields = {field.name: field for field in row._meta.get_fields()}
    return [fields[name].verbose_name for name in ARRANGEMENTS if getattr(row, name, False)]


class Subject(BilingualNameModel):
    """What is learned: languages, digital skills, arts... (the forum's `Topic` is something
    else)."""

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class Language(BilingualNameModel):
    """A language teaching is given in (HSDS `languages`), by its ISO 639 code as `slug`."""

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("language of teaching")
        verbose_name_plural = _("languages of teaching")


class Resource(BilingualNameModel):
    """What a space offers families and communities: a children's corner, computers, study
    rooms... (loaded by a data migration; staff add more in the admin)."""

    class Meta(BilingualNameModel.Meta):
        verbose_name = _("resource for families and communities")
        verbose_name_plural = _("resources for families and communities")


class Published(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def _visible(queryset, user, organisation_field):
    """Published rows; staff see all; an organisation's members also their organisation's."""
    if has_role(user, STAFF):
        return queryset.all()
    own = list(organisation_roles(user))
    if own:
        return queryset.filter(
            Q(status=Published.PUBLISHED) | Q(**{f"{organisation_field}__in": own})
        )
    return queryset.filter(status=Published.PUBLISHED)


class LearningSpaceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Published.PUBLISHED)

    def visible_to(self, user):
        return _visible(self, user, "organization")


class LearningSpace(models.Model):
    """A community learning space (HSDS `location`): a library, a community centre, a school
    open to the public..."""

    class Kind(models.TextChoices):
        LIBRARY = "library", _("Library")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        SCHOOL = "school", _("School open to the public")
        OTHER = "other", _("Other learning space")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the portal"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=SHORT_TEXT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(
        _("status"), max_length=12, choices=Published.choices, default=Published.DRAFT
    )
    organization = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_spaces",
        verbose_name=_("run by"),
    )
    address = models.CharField(_("address"), max_length=255)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    accessibility_features = models.ManyToManyField(
        AccessibilityFeature, blank=True, related_name="+", verbose_name=_("accessibility")
    )
    resources = models.ManyToManyField(
        Resource,
        blank=True,
        related_name="spaces",
        verbose_name=_("resources for families and communities"),
    )
    childcare = models.BooleanField(
        _("childcare"),
        default=False,
        help_text=_("Someone looks after children while parents learn."),
    )
    interpreters = models.BooleanField(
        _("interpreters"),
        default=False,
        help_text=_("Interpreters (another language or sign language) can be asked for."),
    )
    easy_read = models.BooleanField(
        _("easy-read materials"),
        default=False,
        help_text=_("Information and materials in plain words with pictures."),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = LearningSpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning space")
        verbose_name_plural = _("learning spaces")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("provision:space", args=[self.slug])

    def clean(self):
        errors = check_point(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def flexible_arrangements(self):
        return arrangements_of(self)


class OpeningHours(models.Model):
    """One opening of a space on a day of the week (HSDS `schedule`: `byday`, `opens_at`,
    `closes_at`); two rows on one day for a break at noon."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    space = models.ForeignKey(
        LearningSpace,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("space"),
    )
    byday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["byday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="opening_closes_after_opens"
            )
        ]

    def __str__(self):
        return f"{self.get_byday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A space must close after it opens.")})

    @property
    def schema_day(self):
        """The day as schema.org names it (https://schema.org/Monday...)."""
        return f"https://schema.org/{self.Weekday(self.byday).name.title()}"


class OpportunityQuerySet(models.QuerySet):
    def public(self):
        """Published opportunities that have not ended."""
        today = timezone.localdate()
        return self.filter(status=Published.PUBLISHED).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )

    def visible_to(self, user):
        return _visible(self, user, "organization")


class Opportunity(models.Model):
    """A learning opportunity (HSDS `service`): a course, a workshop, a club... given by an
    organisation, in a space of the city, at its own place, or online.

    `latitude`, `longitude` and `district` say where it happens: the space's, copied by the
    services when it has one (so the map's bounding box reads one indexed table), else its own.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the portal"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    status = models.CharField(
        _("status"), max_length=12, choices=Published.choices, default=Published.DRAFT
    )
    organization = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="learning_opportunities",
        verbose_name=_("provider"),
    )
    subjects = models.ManyToManyField(
        Subject, blank=True, related_name="opportunities", verbose_name=_("subjects")
    )
    format = models.CharField(
        _("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON
    )
    location = models.ForeignKey(
        LearningSpace,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("learning space"),
        help_text=_("Where it is held; leave empty for its own place or online only."),
    )
    address = models.CharField(
        _("address"), max_length=255, blank=True, help_text=_("When it is not in a space.")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    fees_description = models.CharField(
        _("cost"),
        max_length=300,
        blank=True,
        help_text=_("What it costs and any reductions, when it is not free."),
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("especially for")
    )
    mornings = models.BooleanField(_("in the mornings"), default=False)
    evenings = models.BooleanField(_("in the evenings"), default=False)
    weekends = models.BooleanField(_("at weekends"), default=False)
    childcare = models.BooleanField(
        _("childcare"),
        default=False,
        help_text=_("Someone looks after children while parents learn."),
    )
    interpreters = models.BooleanField(
        _("interpreters"),
        default=False,
        help_text=_("Interpreters (another language or sign language) can be asked for."),
    )
    easy_read = models.BooleanField(
        _("easy-read materials"),
        default=False,
        help_text=_("Information and materials in plain words with pictures."),
    )
    outreach = models.BooleanField(
        _("mobile or outreach"),
        default=False,
        help_text=_("It comes to where people are: a neighbourhood, a workplace, a home."),
    )
    schedule_description = models.CharField(
        _("when"), max_length=300, blank=True, help_text=_("E.g. Tuesdays and Thursdays, 6–8 pm.")
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    recognition_available = models.BooleanField(_("recognition available"), default=False)
    recognition = models.CharField(
        _("recognition"),
        max_length=300,
        blank=True,
        help_text=_("The certificate or credit learners may obtain."),
    )
    url = models.URLField(_("website"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)
    # Filled by provision.search on PostgreSQL; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning opportunity")
        verbose_name_plural = _("learning opportunities")
        ordering = ["starts_on", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_on"], name="opportunity_status_start"),
            models.Index(fields=["latitude", "longitude"], name="opportunity_point"),
            # What the public finds (published, not ended) counted from the index alone:
            # 12 ms for 20,000 opportunities read from the table, 3 ms from this index.
            models.Index(
                fields=["ends_on"],
                condition=Q(status="published"),
                name="opportunity_public_ends",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="opportunity_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("provision:detail", args=[self.slug])

    def clean(self):
        errors = check_point(self.latitude, self.longitude)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The opportunity cannot end before it starts.")
        if self.recognition_available and not self.recognition:
            errors["recognition"] = _("Say what recognition learners may obtain.")
        if self.format != self.Format.ONLINE and self.location is None and not self.address:
            errors["location"] = _("Choose the space where it is held, or give its address.")
        if self.format != self.Format.IN_PERSON and not self.url:
            errors["url"] = _("Give the link where people follow it online.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def flexible_arrangements(self):
        return arrangements_of(self)

    @property
    def schedule_slots(self):
        """The labels of the parts of the week it is held in."""
        return [
            Opportunity._meta.get_field(name).verbose_name
            for name in ("mornings", "evenings", "weekends")
            if getattr(self, name)
        ]


class GuidancePointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class GuidancePoint(models.Model):
    """A place where city staff or partners help people find their way into learning: they
    listen, explain what is on offer and help with enrolment. Kept by staff in the admin."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=SHORT_TEXT,
        help_text=_("What help people find there, in plain words."),
    )
    is_active = models.BooleanField(_("open to the public"), default=True)
    address = models.CharField(_("address"), max_length=255)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=LONGITUDE
    )
    hours = models.CharField(
        _("opening hours"), max_length=300, help_text=_("E.g. Monday to Friday, 9 am–2 pm.")
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)

    objects = GuidancePointQuerySet.as_manager()

    class Meta:
        verbose_name = _("guidance point")
        verbose_name_plural = _("guidance points")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = check_point(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)


class RatingQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Rating.Status.APPROVED)


class Rating(models.Model):
    """What a learner thought of an opportunity they attended (KFLC 2.5, quality of provision):
    one to five stars and a short comment, shown once a moderator approved it; the provider may
    answer it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not published")

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("learning opportunity"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("written by"),
    )
    stars = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (poor) to 5 (excellent)."),
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    attended = models.BooleanField(_("I took part in it"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    response = models.CharField(_("the provider's answer"), max_length=1000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "author"],
                name="rating_once_per_person",
                violation_error_message=_("You have already rated this learning opportunity."),
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="rating_stars_one_to_five"
            ),
        ]
        indexes = [models.Index(fields=["opportunity", "status"], name="rating_opportunity_status")]

    def __str__(self):
        return f"{self.opportunity} · {self.stars}/5"


class LearningNeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=LearningNeed.Status.NEW)


# What may stop a person from learning, each a boolean field of a need (`barrier_<code>`), so
# the staff's counts by barrier are one aggregate query.
BARRIERS = [
    ("cost", _("The cost")),
    ("time", _("Not having the time")),
    ("childcare", _("Looking after my children")),
    ("language", _("The language")),
    ("disability", _("A disability or health condition")),
    ("transport", _("Getting there")),
    ("other", _("Something else")),
]


def _barrier_field(label):
    return models.BooleanField(label, default=False)


class LearningNeed(models.Model):
    """What someone would like to learn, where, when, and what stops them, told to the city
    with or without an account. Its contact details are read by city staff only: no public page
    and no open data shows them. Nothing else is kept of who sent it (no address, no browser)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    subject = models.ForeignKey(
        Subject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("subject"),
    )
    subject_other = models.CharField(_("something else to learn"), max_length=200, blank=True)
    details = models.TextField(_("more details"), max_length=1000, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    mornings = models.BooleanField(_("in the mornings"), default=False)
    evenings = models.BooleanField(_("in the evenings"), default=False)
    weekends = models.BooleanField(_("at weekends"), default=False)
    barrier_cost = _barrier_field(_("the cost"))
    barrier_time = _barrier_field(_("not having the time"))
    barrier_childcare = _barrier_field(_("looking after children"))
    barrier_language = _barrier_field(_("the language"))
    barrier_disability = _barrier_field(_("a disability or health condition"))
    barrier_transport = _barrier_field(_("getting there"))
    barrier_other = _barrier_field(_("something else"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    # The language the person wrote in, for the e-mail that answers them.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    response = models.TextField(_("response"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    opportunities = models.ManyToManyField(
        Opportunity,
        blank=True,
        related_name="answered_needs",
        verbose_name=_("learning opportunities that answer it"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    objects = LearningNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning need")
        verbose_name_plural = _("learning needs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "district"], name="need_status_district")]

    def __str__(self):
        return self.what

    def clean(self):
        if self.subject_id is None and not self.subject_other.strip():
            raise ValidationError(
                {"subject": _("Choose a subject, or say in your own words what you want to learn.")}
            )
        if self.status != self.Status.NEW and not self.response.strip():
            raise ValidationError({"response": _("Write the answer the person will read.")})

    @property
    def what(self):
        """The subject, or the person's words when none fits."""
        if self.subject_id is not None and not self.subject_other:
            return str(self.subject)
        if self.subject_id is not None:
            return f"{self.subject} · {self.subject_other}"
        return self.subject_other

    @property
    def barriers(self):
        return [label for code, label in BARRIERS if getattr(self, f"barrier_{code}")]

    @property
    def schedule_slots(self):
        return [
            LearningNeed._meta.get_field(name).verbose_name
            for name in ("mornings", "evenings", "weekends")
            if getattr(self, name)
        ]

    @property
    def contact_email(self):
        """Where the answer goes: the address typed, else the account's."""
        if self.email:
            return self.email
        return self.user.email if self.user_id is not None else ""


# Recognition of non-formal learning: its own module, kept here so Django finds the models.
# Learning organisations and a learner-friendly city live in their own module.
from provision.learning_org_models import (  # noqa: E402, F401
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SelfAssessmentAnswer,
    SpaceChecklist,
    SupportRequest,
    YearlyReport,
)
from provision.recognition_models import (  # noqa: E402, F401
    Credential,
    RecognitionApplication,
    RecognitionProcedure,
)
