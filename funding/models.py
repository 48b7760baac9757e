"""Money for the programme: what it needs (budget lines), who gives (sources, contributions,
cost-sharing agreements), where it goes (allocations), what stakeholders lend (shared resources)
and what learning gives back (cost-benefit analyses).

Money is a Decimal with a currency code from `CURRENCIES`, never a float. Rules that span rows
(the balance left of a contribution, shares adding up) live in `services.py`, which every write
goes through; the models check what one row can know.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import field_in
from learningcity.models import LONG_TEXT, SHORT_TEXT, District, TargetGroup
from learningcity.uploads import validate_document
from planning.models import Action
from stakeholders.models import Organisation

# ISO 4217 codes a city may record money in: the currencies of the GNLC's regions the portal's
# cities use, plus the ones international partners pay in. Extend the list, never free text.
CURRENCIES = [
    ("EUR", _("Euro (EUR)")),
    ("USD", _("US dollar (USD)")),
    ("GBP", _("Pound sterling (GBP)")),
    ("CHF", _("Swiss franc (CHF)")),
    ("ARS", _("Argentine peso (ARS)")),
    ("BOB", _("Boliviano (BOB)")),
    ("BRL", _("Brazilian real (BRL)")),
    ("CLP", _("Chilean peso (CLP)")),
    ("COP", _("Colombian peso (COP)")),
    ("CRC", _("Costa Rican colón (CRC)")),
    ("DOP", _("Dominican peso (DOP)")),
    ("GTQ", _("Guatemalan quetzal (GTQ)")),
    ("MXN", _("Mexican peso (MXN)")),
    ("PEN", _("Peruvian sol (PEN)")),
    ("PYG", _("Paraguayan guaraní (PYG)")),
    ("UYU", _("Uruguayan peso (UYU)")),
    ("CAD", _("Canadian dollar (CAD)")),
    ("CNY", _("Chinese yuan (CNY)")),
    ("JPY", _("Japanese yen (JPY)")),
    ("KRW", _("South Korean won (KRW)")),
    ("INR", _("Indian rupee (INR)")),
    ("ZAR", _("South African rand (ZAR)")),
]
CURRENCY_CODES = {code for code, _label in CURRENCIES}

MONEY = {"max_digits": 14, "decimal_places": 2}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
POSITIVE = [MinValueValidator(Decimal("0.01"), _("Enter an amount above zero."))]


def validate_currency(value):
    if value not in CURRENCY_CODES:
        raise ValidationError(
            _("%(code)s is not a currency the portal knows."),
            code="currency",
            params={"code": value},
        )


def currency_field():
    return models.CharField(
        _("currency"), max_length=3, choices=CURRENCIES, validators=[validate_currency]
    )


class Recorded(models.Model):
    """Who entered a row, and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered"), default=timezone.now, editable=False)

    class Meta:
        abstract = True


class BudgetLine(Recorded):
    """What the plan's base structure (no action) or one action needs in a year."""

    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("action"),
        help_text=_("Leave empty for the plan's base structure (coordination, secretariat...)."),
    )
    item = models.CharField(_("item"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    amount = models.DecimalField(_("amount needed"), validators=POSITIVE, **MONEY)
    currency = currency_field()

    class Meta:
        ordering = ["year", "action_id", "item"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.year} · {self.item}"


class FundingSource(Recorded):
    class Kind(models.TextChoices):
        BUSINESS = "business", _("Business")
        FOUNDATION = "foundation", _("Foundation")
        PHILANTHROPIST = "philanthropist", _("Philanthropist")
        INTERNATIONAL = "international", _("International partner")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        SUPRANATIONAL = "supranational", _("Supranational body")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_sources",
        verbose_name=_("registered organisation"),
    )
    anonymous = models.BooleanField(
        _("asks for anonymity"),
        default=False,
        help_text=_("The public page shows “Anonymous donor” instead of the name."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self):
        return self.name

    @property
    def public_name(self):
        return _("Anonymous donor") if self.anonymous else self.name


class Contribution(Recorded):
    class Form(models.TextChoices):
        CASH = "cash", _("Cash")
        IN_KIND = "in_kind", _("In kind (valued)")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        RECEIVED = "received", _("Received")

    source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("source"),
    )
    form = models.CharField(_("form"), max_length=8, choices=Form.choices, default=Form.CASH)
    description = models.CharField(_("description"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount or value"), validators=POSITIVE, **MONEY)
    currency = currency_field()
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLEDGED
    )
    pledged_on = models.DateField(_("pledged on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earmarked_contributions",
        verbose_name=_("earmarked for the action"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earmarked for the target group"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earmarked for the district"),
    )

    class Meta:
        ordering = ["-year", "-pledged_on", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="contribution_positive"),
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=True)
                | models.Q(received_on__gte=models.F("pledged_on")),
                name="contribution_received_after_pledge",
            ),
        ]

    def __str__(self):
        return f"{self.source} · {self.amount} {self.currency} ({self.year})"

    def clean(self):
        errors = {}
        if self.received_on and self.pledged_on and self.received_on < self.pledged_on:
            errors["received_on"] = ValidationError(
                _("A contribution cannot be received before it was pledged."), code="before_pledge"
            )
        if self.status == self.Status.RECEIVED and not self.received_on:
            errors["received_on"] = ValidationError(
                _("Enter the date the contribution was received."), code="required"
            )
        if self.status == self.Status.PLEDGED and self.received_on:
            errors["status"] = ValidationError(
                _("A contribution with a date of receipt is received."), code="status"
            )
        if errors:
            raise ValidationError(errors)


class Allocation(Recorded):
    """Part of a contribution given to an action, possibly for a district or a target group."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("contribution"),
    )
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("action")
    )
    amount = models.DecimalField(_("amount"), validators=POSITIVE, **MONEY)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_positive")
        ]

    def __str__(self):
        return f"{self.amount} {self.contribution.currency} → {self.action}"


class ExchangeRate(Recorded):
    """How many units of the city's currency one unit of `currency` was worth in `year`."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    currency = currency_field()
    rate = models.DecimalField(
        _("value in the city's currency"),
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"), _("Enter a rate above zero."))],
    )

    class Meta:
        ordering = ["-year", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["year", "currency"], name="one_rate_per_year")
        ]

    def __str__(self):
        return f"{self.year}: 1 {self.currency} = {self.rate}"


class CostSharingAgreement(Recorded):
    title = models.CharField(_("title"), max_length=200)
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_sharing_agreements",
        verbose_name=_("action"),
    )
    programme = models.CharField(
        _("programme"),
        max_length=200,
        blank=True,
        help_text=_("What the parties pay for, when it is not one action of the plan."),
    )
    total_amount = models.DecimalField(
        _("total cost"),
        null=True,
        blank=True,
        validators=POSITIVE,
        help_text=_("Needed when any party's share is an amount."),
        **MONEY,
    )
    currency = currency_field()
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("cost-sharing agreement")
        verbose_name_plural = _("cost-sharing agreements")

    def __str__(self):
        return self.title

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("An agreement cannot end before it starts.")}, code="dates"
            )
        if not self.action_id and not self.programme:
            # Under the default language's field: the programme is kept per language.
            programme = field_in("programme", settings.LANGUAGE_CODE)
            raise ValidationError(
                {programme: _("Name the programme, or choose the action the agreement funds.")},
                code="required",
            )


class AgreementShare(models.Model):
    agreement = models.ForeignKey(
        CostSharingAgreement,
        on_delete=models.CASCADE,
        related_name="shares",
        verbose_name=_("agreement"),
    )
    party = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="shares", verbose_name=_("party")
    )
    percent = models.DecimalField(
        _("share in per cent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.01"), _("Enter a share above zero.")),
            MaxValueValidator(Decimal(100), _("A share cannot be over 100 %%.")),
        ],
    )
    amount = models.DecimalField(
        _("share as an amount"), null=True, blank=True, validators=POSITIVE, **MONEY
    )
    pays_for = models.CharField(_("pays for"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self):
        return f"{self.party}: {self.percent} %" if self.percent is not None else str(self.party)

    def clean(self):
        if (self.percent is None) == (self.amount is None):
            raise ValidationError(
                _("Give the share either in per cent or as an amount."), code="share_basis"
            )


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(
        CostSharingAgreement,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("document"), upload_to="funding/agreements/", validators=[validate_document]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class CostBenefitAnalysis(Recorded):
    class Method(models.TextChoices):
        COST_BENEFIT = "cba", _("Cost-benefit analysis")
        SROI = "sroi", _("Social return on investment")
        HUMAN_CAPITAL = "human_capital", _("Human-capital (earnings) approach")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_benefit_analyses",
        verbose_name=_("action"),
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    method = models.CharField(
        _("method"), max_length=16, choices=Method.choices, default=Method.COST_BENEFIT
    )
    discount_rate = models.DecimalField(
        _("discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal(0), _("The discount rate cannot be negative.")),
            MaxValueValidator(Decimal(100), _("The discount rate cannot be over 100 %%.")),
        ],
    )
    first_year = models.PositiveSmallIntegerField(
        _("calendar year of year 0"), validators=YEAR, null=True, blank=True
    )
    currency = currency_field()
    assumptions = models.TextField(_("assumptions"), blank=True, max_length=LONG_TEXT)
    evidence = models.TextField(_("evidence notes"), blank=True, max_length=LONG_TEXT)

    class Meta:
        ordering = ["title"]
        verbose_name = _("cost-benefit analysis")
        verbose_name_plural = _("cost-benefit analyses")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("funding:analysis", args=[self.pk])

    def result(self):
        """NPV, benefit-cost ratio and payback year, from the prefetched or stored rows."""
        from funding.calculations import cost_benefit

        rows = [(row.year, row.cost, row.benefit) for row in self.years.all()]
        return cost_benefit(rows, self.discount_rate / 100)


class CostBenefitYear(models.Model):
    analysis = models.ForeignKey(
        CostBenefitAnalysis,
        on_delete=models.CASCADE,
        related_name="years",
        verbose_name=_("analysis"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MaxValueValidator(100)], help_text=_("0 for today, 1, 2...")
    )
    cost = models.DecimalField(
        _("cost"),
        default=0,
        validators=[MinValueValidator(0, _("Costs are never negative."))],
        **MONEY,
    )
    benefit = models.DecimalField(
        _("monetised benefit"),
        default=0,
        validators=[MinValueValidator(0, _("Benefits are never negative."))],
        **MONEY,
    )
    note = models.CharField(_("what it is"), max_length=255, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("year of costs and benefits")
        verbose_name_plural = _("years of costs and benefits")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "year"], name="one_row_per_analysis_year")
        ]

    def __str__(self):
        return str(self.year)


class SharedResource(Recorded):
    """Something an organisation lends to the programme: a room, equipment, volunteers' hours, a
    digital platform, valued per unit so what is used counts as an in-kind contribution."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Room")
        EQUIPMENT = "equipment", _("Equipment")
        VOLUNTEER_HOURS = "volunteer_hours", _("Volunteer hours")
        DIGITAL_PLATFORM = "digital_platform", _("Digital platform")

    class Unit(models.TextChoices):
        HOUR = "hour", _("hour")
        DAY = "day", _("day")
        SESSION = "session", _("session")
        ITEM = "item", _("item")
        MONTH = "month", _("month")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="shared_resources",
        verbose_name=_("offered by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=SHORT_TEXT)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    unit_value = models.DecimalField(_("value of one unit"), validators=POSITIVE, **MONEY)
    currency = currency_field()
    active = models.BooleanField(_("offered now"), default=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")

    def __str__(self):
        return self.name


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        FINISHED = "finished", _("Finished")

    resource = models.ForeignKey(
        SharedResource,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("resource"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="resource_bookings",
        verbose_name=_("requested for"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    purpose = models.CharField(_("purpose"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    units = models.DecimalField(
        _("units requested"), max_digits=8, decimal_places=2, validators=POSITIVE
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for the action"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    units_used = models.DecimalField(
        _("units used"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking",
        verbose_name=_("in-kind contribution"),
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self):
        return f"{self.resource} · {self.organisation}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A booking cannot end before it starts.")})
        if self.resource_id and self.organisation_id == self.resource.organisation_id:
            raise ValidationError(
                _("An organisation does not book its own resources."), code="own_resource"
            )
