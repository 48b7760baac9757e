"""The city's celebrations of learning: festivals, conferences, celebrations and activities, and
the series that repeat them (a celebration every first Saturday, a festival every May)."""

import secrets
import zoneinfo
from datetime import datetime, timedelta

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from learningcity.models import (
    LATITUDE,
    LONG_TEXT,
    LONGITUDE,
    SHORT_TEXT,
    AccessibilityFeature,
    CityProfile,
    District,
    Sector,
    new_token,
)
from learningcity.permissions import STAFF, has_role, organisation_roles
from stakeholders.models import Organisation, PartnerCity

# A rule may name at most this many occurrences ahead, so a typing slip ("FREQ=MINUTELY") cannot
# fill the calendar.
MOST_OCCURRENCES = 400
# What a recurrence rule may say: dateutil reads more (DTSTART, several rules), RFC 5545's RRULE
# property holds one rule and our series keeps its start apart.
RULE_PARTS = {
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
}  # fmt: skip
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


CODE_LETTERS = "ACDEFGHJKLMNPQRTUVWXY34679"


def new_check_in_code():
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(6))


def city_zone():
    return zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone)


def validate_rule(value):
    """An RRULE value of RFC 5545, one rule, daily or rarer (e.g. FREQ=MONTHLY;BYDAY=1SA)."""
    parts = {}
    for part in (value or "").upper().split(";"):
        name, _sep, setting = part.partition("=")
        if not setting or name not in RULE_PARTS:
            raise ValidationError(
                _("“%(part)s” is not part of a recurrence rule such as FREQ=MONTHLY;BYDAY=1SA.")
                % {"part": part},
                code="rule_part",
            )
        parts[name] = setting
    if parts.get("FREQ") not in FREQUENCIES:
        raise ValidationError(
            _("Say how often with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."), code="frequency"
        )
    try:
        rrulestr(value.upper(), dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("The recurrence rule cannot be read: %(error)s") % {"error": error}, code="rule"
        ) from None


class Kind(models.TextChoices):
    FESTIVAL = "festival", _("Learning festival")
    CONFERENCE = "conference", _("Conference")
    CELEBRATION = "celebration", _("Celebration")
    ACTIVITY = "activity", _("Learning activity")


class EventSeries(models.Model):
    """A celebration that repeats by a rule (RFC 5545's RRULE): its occurrences are events made
    from the rule by `events.services.series_schedule`, and calendars receive the rule itself."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=SHORT_TEXT)
    slug = models.SlugField(_("address in the portal"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CELEBRATION
    )
    starts_at = models.DateTimeField(
        _("first occurrence starts"),
        help_text=_("The rule repeats this day's time, in the city's time zone."),
    )
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))
    rule = models.CharField(
        _("recurrence rule"),
        max_length=200,
        validators=[validate_rule],
        help_text=_(
            "As in calendars (RFC 5545): FREQ=MONTHLY;BYDAY=1SA is the first Saturday of each "
            "month, FREQ=YEARLY;BYMONTH=5;BYDAY=2SA the second Saturday of May."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("series of events")
        verbose_name_plural = _("series of events")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.duration is not None and self.duration <= timedelta(0):
            raise ValidationError({"duration": _("The duration must be longer than nothing.")})

    def occurrences(self, *, until, after=None):
        """The start of each occurrence from `after` (the first one by default) up to `until`,
        aware, at the same wall-clock time in the city whatever its daylight saving."""
        zone = city_zone()
        first = timezone.localtime(self.starts_at, zone)
        rule = rrulestr(self.rule.upper(), dtstart=first.replace(tzinfo=None))
        starts = []
        for local in rule:
            start = local.replace(tzinfo=zone)
            if start > until or len(starts) >= MOST_OCCURRENCES:
                break
            if after is None or start >= after:
                starts.append(start)
        return starts


PUBLIC_STATUSES = ["published", "cancelled"]


class EventQuerySet(models.QuerySet):
    def public(self):
        """What anyone reads: published events, and cancelled ones so nobody turns up."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """Public events; staff see every event; an organisation's members see its own too."""
        if has_role(user, STAFF):
            return self.all()
        own = list(organisation_roles(user))
        if own:
            return self.filter(
                Q(status__in=PUBLIC_STATUSES)
                | Q(pk__in=Event.objects.filter(organisers__in=own).values("pk"))
            )
        return self.public()

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Event(models.Model):
    """A festival, conference, celebration or learning activity, at its own venue (never a space
    of provision's: events do not import it), online, or both."""

    Kind = Kind

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROPOSED = "proposed", _("Proposed, waiting for staff")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address in the portal"), max_length=140, unique=True)
    summary = models.TextField(
        _("summary"), blank=True, max_length=SHORT_TEXT, help_text=_("One or two sentences.")
    )
    description = models.TextField(
        _("programme"), blank=True, max_length=LONG_TEXT, help_text=_("What happens, and when.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
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
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For events people may follow online.")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the city's currency; empty when free."),
    )
    accessibility_features = models.ManyToManyField(
        AccessibilityFeature,
        blank=True,
        related_name="+",
        verbose_name=_("accessibility of the venue"),
    )
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    invited_cities = models.ManyToManyField(
        PartnerCity, blank=True, related_name="+", verbose_name=_("partner cities invited")
    )
    # An action of whichever version of the plan staff chose; the page shows the same action
    # (its lineage) in the plan in force, so links survive new versions of the plan.
    plan_actions = models.ManyToManyField(
        "planning.Action",
        blank=True,
        related_name="+",
        verbose_name=_("actions of the plan it serves"),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    exhibitors_until = models.DateTimeField(
        _("exhibitor applications close"),
        null=True,
        blank=True,
        help_text=_("For a learning festival: organisations apply to exhibit until then."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration stays open until the event starts."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # An event an organisation proposed (services.event_propose): its admins may revise it
    # while it waits for staff or after staff sent it back with `review_message`.
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True, editable=False)
    review_message = models.TextField(_("message from city staff"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "ends_at"], name="event_status_ends")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.is_free and self.price:
            errors["price"] = _("A free event has no price; empty it or untick “free”.")
        if not self.is_free and not self.price:
            errors["price"] = _("Give the price, or tick “free of charge”.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if closes and self.ends_at and closes > self.ends_at:
            errors["registration_closes_at"] = _("Registration must close by the end of the event.")
        if errors:
            raise ValidationError(errors)

    @property
    def revisable(self):
        """A proposal waiting for staff, or sent back by them: its organisation may change it."""
        return self.proposed_at is not None and self.status in (
            self.Status.DRAFT,
            self.Status.PROPOSED,
        )

    def registration_problem(self, now=None):
        """Why nobody may register now (a sentence), or None while registration is open."""
        now = now or timezone.now()
        if self.status != Event.Status.PUBLISHED:
            return _("This event does not take registrations.")
        if self.starts_at <= now:
            return _("This event has already started; registration is closed.")
        if self.registration_opens_at and now < self.registration_opens_at:
            return _("Registration opens on %(date)s.") % {
                "date": formats.date_format(
                    timezone.localtime(self.registration_opens_at), "DATETIME_FORMAT"
                )
            }
        if self.registration_closes_at and now >= self.registration_closes_at:
            return _("Registration closed on %(date)s.") % {
                "date": formats.date_format(
                    timezone.localtime(self.registration_closes_at), "DATETIME_FORMAT"
                )
            }
        return None

    def exhibitor_problem(self, now=None):
        """Why organisations may not apply to exhibit now (a sentence), or None."""
        now = now or timezone.now()
        if self.kind != Kind.FESTIVAL or self.exhibitors_until is None:
            return _("This event takes no exhibitors.")
        if self.status != Event.Status.PUBLISHED or now >= self.exhibitors_until:
            return _("Applications to exhibit are closed.")
        return None

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def is_hybrid(self):
        return bool(self.online_url) and bool(self.venue_name or self.address)


class RegistrationQuerySet(models.QuerySet):
    def holding(self):
        """Registrations that count: a place or a turn on the waiting list."""
        return self.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )


class Registration(models.Model):
    """A person's registration for an event: with their account, or as a guest whose e-mail
    address is confirmed by a link first. Places and the waiting list are
    learningcity.capacity's."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the e-mail address to be confirmed")
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    # Kept in lower case: one address registers once, however it is typed.
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # The order of the waiting list: who asked first is promoted first.
    requested_at = models.DateTimeField(_("asked for a place"), default=timezone.now)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The secret of the links e-mailed to the person: confirm the address, see or cancel.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Said at the door, from the confirmation e-mail: short, and without letters that read alike.
    code = models.CharField(
        _("check-in code"), max_length=8, default=new_check_in_code, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_registration_per_address",
            ),
            models.UniqueConstraint(fields=["event", "code"], name="one_check_in_code_per_event"),
        ]

    def __str__(self):
        return f"{self.name} · {self.event}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:registration", args=[self.token])


class Speaker(models.Model):
    """Someone who speaks at an event's sessions, perhaps from a partner city."""

    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(
        _("organisation or role"), max_length=200, blank=True, help_text=_("E.g. Mayor of Medellín")
    )
    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the partner city"),
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Session(models.Model):
    """A session of an event's programme (a talk, a panel, a workshop), in a room, at a time."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=SHORT_TEXT)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})
        event = self.event if self.event_id else None
        if (
            event
            and self.starts_at
            and self.ends_at
            and (self.starts_at < event.starts_at or self.ends_at > event.ends_at)
        ):
            raise ValidationError(
                {"starts_at": _("The session must take place within the event's dates.")}
            )


class MediaCoverage(models.Model):
    """What the press, radio, television or the web said of an event, logged by staff."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="coverage", verbose_name=_("event")
    )
    outlet = models.CharField(_("outlet"), max_length=150)
    title = models.CharField(_("headline"), max_length=255, blank=True)
    published_on = models.DateField(_("published on"))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("media coverage")
        verbose_name_plural = _("media coverage")
        ordering = ["-published_on", "pk"]

    def __str__(self):
        return f"{self.outlet} · {self.published_on}"


class ExhibitorApplication(models.Model):
    """An organisation's application to exhibit at a learning festival: what it will show, the
    hands-on activity it offers, what it needs; city staff accept or reject it with a message."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="exhibitor_applications",
        verbose_name=_("organisation"),
    )
    showing = models.TextField(
        _("what you will show"),
        max_length=SHORT_TEXT,
        help_text=_("Courses, products, materials."),
    )
    activity = models.TextField(_("hands-on activity you offer"), max_length=SHORT_TEXT, blank=True)
    needs = models.TextField(_("space and equipment you need"), max_length=SHORT_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message from city staff"), max_length=SHORT_TEXT, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("exhibitor application")
        verbose_name_plural = _("exhibitor applications")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="one_exhibitor_application_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.event}"


class ExhibitorCall(models.Model):
    """A call for exhibitors staff sent for a festival: to the verified organisations of the
    sectors chosen (all when none is), e-mailed by a Celery task once."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="exhibitor_calls", verbose_name=_("event")
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="+", verbose_name=_("sectors")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True, editable=False)
    organisations = models.PositiveIntegerField(_("organisations written to"), default=0)

    class Meta:
        verbose_name = _("call for exhibitors")
        verbose_name_plural = _("calls for exhibitors")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} · {self.created_at:%Y-%m-%d}"


class MediaContact(models.Model):
    """A journalist or newsroom staff invite to the city's events."""

    name = models.CharField(_("name"), max_length=150)
    outlet = models.CharField(_("outlet"), max_length=150)
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    active = models.BooleanField(_("receives press releases"), default=True)

    class Meta:
        verbose_name = _("media contact")
        verbose_name_plural = _("media contacts")
        ordering = ["outlet", "name"]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


class PressRelease(models.Model):
    """An invitation or press release about an event, e-mailed to the active media contacts by a
    Celery task, once."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="press_releases", verbose_name=_("event")
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), max_length=LONG_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    recipients = models.PositiveIntegerField(_("media contacts written to"), default=0)

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
