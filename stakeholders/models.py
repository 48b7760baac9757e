import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from learningcity.models import (
    LATITUDE,
    LONG_TEXT,
    LONGITUDE,
    SHORT_TEXT,
    District,
    Sector,
    new_token,
)
from learningcity.permissions import ORG_ADMIN, ORG_MEMBER, STAFF, has_role
from learningcity.uploads import validate_document


def normalise_name(name):
    """Lower case, no accents, no punctuation, single spaces: how two names are compared."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def validate_organisation_name(value):
    """A name people can read and tell apart: some letter or digit, nothing invisible.

    Format characters (Unicode category Cf: bidi overrides and isolates, direction marks,
    zero-width characters) change how the text around them is shown, so a name holding one can
    pass for another; control characters (Cc) are not text at all.
    """
    if any(unicodedata.category(character) in {"Cc", "Cf"} for character in value):
        raise ValidationError(
            _(
                "The name contains invisible or control characters (such as text-direction "
                "marks). Type it again without them."
            ),
            code="invisible_characters",
        )
    if not normalise_name(value):
        raise ValidationError(
            _("A name needs at least one letter or digit."), code="no_letters_or_digits"
        )


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Verified organisations for everyone; members also see their own unverified ones."""
        if has_role(user, STAFF):
            return self
        if getattr(user, "is_authenticated", False):
            return self.filter(
                models.Q(verified=True) | models.Q(memberships__user=user)
            ).distinct()
        return self.filter(verified=True)


class Organisation(models.Model):
    """A stakeholder organisation. Public once city staff verify it."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        UNIVERSITY = "university", _("University or college")
        LIBRARY = "library", _("Library")
        MUSEUM = "museum", _("Museum or cultural centre")
        NGO = "ngo", _("Non-governmental organisation")
        COMPANY = "company", _("Company")
        PUBLIC_BODY = "public_body", _("Public body")
        COMMUNITY = "community", _("Community group")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, validators=[validate_organisation_name])
    slug = models.SlugField(_("address in the portal"), max_length=220, unique=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("sector")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("district"),
    )
    # Case- and accent-free form of the name, so "Museo  de la Ciudad" and "museo de la ciudad"
    # cannot both be registered.
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    verified = models.BooleanField(_("verified by city staff"), default=False)
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    rejected_at = models.DateTimeField(_("rejected on"), null=True, blank=True)
    rejection_reason = models.TextField(
        _("reason for rejection"), blank=True, max_length=SHORT_TEXT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            # The public directory lists verified organisations by name, 20 a page: read in
            # order from this index instead of sorting every organisation for each page.
            models.Index(
                fields=["name"], condition=models.Q(verified=True), name="organisation_public_name"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stakeholders:organisation", args=[self.slug])

    def clean(self):
        # Before the unique checks, which full_clean() runs after clean(), compare the real key.
        self.name_key = normalise_name(self.name)

    def validate_unique(self, exclude=None):
        """A clash of keys is reported on the name people typed, and not when the name was refused.

        Model forms leave `name_key` out (it is not on the form): their `clean_name` checks it.
        """
        exclude = set(exclude or ())
        check_key = not exclude & {"name", "name_key"}
        errors = {}
        try:
            super().validate_unique(exclude=exclude | {"name_key"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if check_key and self.name_key:
            clash = Organisation.objects.filter(name_key=self.name_key).exclude(pk=self.pk)
            if clash.exists():
                errors.setdefault("name", []).append(
                    ValidationError(
                        _("An organisation with this name is already registered."),
                        code="unique_name",
                    )
                )
        if errors:
            raise ValidationError(errors)

    @property
    def status(self):
        if self.verified:
            return _("Verified")
        if self.rejected_at:
            return _("Rejected on %(date)s: %(reason)s") % {
                "date": date_format(timezone.localtime(self.rejected_at)),
                "reason": self.rejection_reason,
            }
        return _("Awaiting verification")

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


class Membership(models.Model):
    """A person's role in an organisation: member, or admin who manages it."""

    class Role(models.TextChoices):
        MEMBER = ORG_MEMBER, _("Member")
        ADMIN = ORG_ADMIN, _("Administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


def _invitation_expiry():
    return timezone.now() + timedelta(days=OrganisationInvitation.VALID_DAYS)


class OrganisationInvitation(models.Model):
    """An e-mailed invitation to join an organisation. Expires, and works once."""

    VALID_DAYS = 14

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("stakeholders:invitation", args=[self.token])

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self):
        return self.accepted_at is None and not self.is_expired


class CommitteeSeat(models.Model):
    """A seat on the learning-city development committee, held by successive people."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("sector represented"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(
        _("title"),
        max_length=150,
        blank=True,
        help_text=_("E.g. “Representative of the universities”."),
    )
    responsibilities = models.TextField(_("responsibilities"), blank=True, max_length=SHORT_TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title or f"{self.get_role_display()} · {self.sector}"


class CommitteeTermQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start__lte=on).filter(models.Q(end__isnull=True) | models.Q(end__gte=on))


class CommitteeTerm(models.Model):
    """Who holds a seat, from when to when. Terms of one seat never overlap."""

    seat = models.ForeignKey(
        CommitteeSeat, on_delete=models.CASCADE, related_name="terms", verbose_name=_("seat")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_terms",
        verbose_name=_("person with an account"),
    )
    person_name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("For someone without an account.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committee_terms",
        verbose_name=_("organisation"),
    )
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"), null=True, blank=True)

    objects = CommitteeTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["seat", "-start"]

    def __str__(self):
        return f"{self.holder} · {self.seat}"

    def clean(self):
        if not self.person_id and not self.person_name.strip():
            raise ValidationError({"person_name": _("Choose a person or write their name.")})
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("A term cannot end before it starts.")})
        if self.seat_id and self.start:
            overlapping = CommitteeTerm.objects.filter(seat_id=self.seat_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                models.Q(end__isnull=True) | models.Q(end__gte=self.start)
            )
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            clash = overlapping.first()
            if clash:
                raise ValidationError(
                    _("This seat is already held by %(holder)s from %(start)s to %(end)s.")
                    % {
                        "holder": clash.holder,
                        "start": clash.start,
                        "end": clash.end or _("no end date"),
                    }
                )

    @property
    def holder(self):
        if self.person_id:
            return self.person.get_full_name()
        # Neither a person nor a name: the holder deleted their account.
        return self.person_name or gettext("A former member")


class CommitteeMeeting(models.Model):
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, max_length=LONG_TEXT)
    present = models.ManyToManyField(
        CommitteeTerm, blank=True, related_name="meetings", verbose_name=_("present")
    )

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date"]

    def __str__(self):
        return str(_("Meeting of %(date)s") % {"date": self.date})


class CommitteeDecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if has_role(user, STAFF):
            return self
        return self.filter(published=True)


class CommitteeDecision(models.Model):
    """What the committee agreed on the principles of the learning city, by consensus or not."""

    class Topic(models.TextChoices):
        DEVELOPMENT = "development", _("Development")
        IMPLEMENTATION = "implementation", _("Implementation")
        MONITORING = "monitoring", _("Monitoring")
        FUNDING = "funding", _("Funding")

    meeting = models.ForeignKey(
        CommitteeMeeting,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    text = models.TextField(_("decision"), max_length=LONG_TEXT)
    consensus = models.BooleanField(_("consensus reached"), default=True)
    published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    objects = CommitteeDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        ordering = ["-meeting__date", "pk"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text[:60]}"


class PartnerCity(models.Model):
    """A national or international alliance with another city."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("International")

    class Agreement(models.TextChoices):
        TWINNING = "twinning", _("Twinning")
        MEMORANDUM = "memorandum", _("Memorandum of understanding")
        COOPERATION = "cooperation", _("Cooperation agreement")
        INFORMAL = "informal", _("Informal partnership")

    name = models.CharField(_("city"), max_length=150)
    country = models.CharField(_("country"), max_length=100)
    scope = models.CharField(_("scope"), max_length=14, choices=Scope.choices)
    agreement = models.CharField(_("kind of agreement"), max_length=12, choices=Agreement.choices)
    since = models.DateField(_("partners since"))
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="one_partner_per_city")
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class Exchange(models.Model):
    """An exchange of experience or good practice with a partner city."""

    partner = models.ForeignKey(
        PartnerCity, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("partner")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    document = models.FileField(
        _("document"), upload_to="exchanges/", blank=True, validators=[validate_document]
    )

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.partner.name}: {self.topic}"


class NetworkMembership(models.Model):
    """The city's membership of UNESCO's GNLC or another network."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    network = models.CharField(_("network"), max_length=200)
    is_gnlc = models.BooleanField(_("UNESCO Global Network of Learning Cities"), default=False)
    website = models.URLField(_("website"), blank=True)
    since = models.DateField(_("member since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("focal point"),
    )
    obligations = models.TextField(_("obligations"), blank=True, max_length=LONG_TEXT)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["-is_gnlc", "network"]

    def __str__(self):
        return self.network


class NetworkObligation(models.Model):
    """Something the membership requires by a date, such as the GNLC's progress report."""

    membership = models.ForeignKey(
        NetworkMembership,
        on_delete=models.CASCADE,
        related_name="deadlines",
        verbose_name=_("membership"),
    )
    title = models.CharField(_("what is due"), max_length=200)
    due = models.DateField(_("due"))
    done = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due"]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self):
        return self.done is None and self.due < timezone.localdate()


class MinistryContact(models.Model):
    """A contact with the Ministry of Education or another ministry. Staff only."""

    ministry = models.CharField(_("ministry"), max_length=200)
    person = models.CharField(_("person contacted"), max_length=150)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=255)
    strategy = models.CharField(
        _("national strategy or programme"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the national lifelong-learning strategy this contact concerns."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=LONG_TEXT)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=LONG_TEXT)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("ministry contact")
        verbose_name_plural = _("ministry liaison")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.ministry}: {self.subject}"

    def clean(self):
        if self.follow_up_due and not self.follow_up.strip():
            raise ValidationError({"follow_up": _("Say what the follow-up is.")})


class ActionArea(models.TextChoices):
    """The six key areas of action of UNESCO's guidelines."""

    PLANNING = "planning", _("Planning")
    PARTICIPATION = "participation", _("Participation")
    CELEBRATION = "celebration", _("Celebration")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    MONITORING = "monitoring", _("Monitoring and evaluation")
    FUNDING = "funding", _("Sustainable funding")


class GoodPractice(models.Model):
    """A good practice or resource: from our city, a partner city or the GNLC."""

    class Source(models.TextChoices):
        OUR_CITY = "city", _("Our city")
        PARTNER = "partner", _("A partner city")
        GNLC = "gnlc", _("UNESCO GNLC")
        OTHER = "other", _("Other")

    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", _("Case study")
        TOOL = "tool", _("Tool or guide")
        RESEARCH = "research", _("Research")
        POLICY = "policy", _("Policy document")

    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=LONG_TEXT)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    partner = models.ForeignKey(
        PartnerCity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("partner city"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    action_areas = models.JSONField(
        _("action areas"), default=list, help_text=_("Codes of the guidelines' action areas.")
    )
    subjects = models.CharField(
        _("subjects"), max_length=255, blank=True, help_text=_("Comma-separated keywords.")
    )
    link = models.URLField(_("link"), blank=True)
    document = models.FileField(
        _("document"), upload_to="good-practices/", blank=True, validators=[validate_document]
    )
    published = models.DateField(_("published"), default=timezone.localdate)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        unknown = set(self.action_areas or []) - set(ActionArea.values)
        if unknown or not self.action_areas:
            raise ValidationError({"action_areas": _("Choose one or more action areas.")})
        if self.source == self.Source.PARTNER and not self.partner_id:
            raise ValidationError({"partner": _("Say which partner city it comes from.")})

    @property
    def action_area_labels(self):
        labels = dict(ActionArea.choices)
        return [labels[code] for code in self.action_areas if code in labels]

    @property
    def subject_list(self):
        return [subject.strip() for subject in self.subjects.split(",") if subject.strip()]


class GnlcActivity(models.Model):
    """A GNLC activity the city takes part in, with who went and what was learned."""

    class Kind(models.TextChoices):
        PEER_LEARNING = "peer_learning", _("Peer-learning exchange")
        CAPACITY = "capacity", _("Capacity-building programme")
        POLICY_DIALOGUE = "policy_dialogue", _("Policy dialogue")
        CONFERENCE = "conference", _("Conference")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("who took part"), blank=True, max_length=SHORT_TEXT)
    learned = models.TextField(_("what was learned"), blank=True, max_length=LONG_TEXT)

    class Meta:
        verbose_name = _("GNLC activity")
        verbose_name_plural = _("GNLC activities")
        ordering = ["-date"]

    def __str__(self):
        return self.title


# The forum's models live in their own module, registered with this app by being imported here.
from stakeholders.forum.models import Category, Flag, Post, Subscription, Topic  # noqa: E402, F401
