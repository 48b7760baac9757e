"""Every write to funding, each in one transaction, validated before saving and recorded in the
audit trail with who made it. The admin, the portal's forms and the demo all come through here.

The balance of a contribution is guarded by locking its row (`select_for_update`) before the
allocations are summed: two allocations from the same contribution at once are served one after
the other, and the second sees the first. On SQLite the embedded run's immediate transactions
serialise the writers the same way.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from funding.calculations import money
from funding.models import (
    AgreementShare,
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
    ExchangeRate,
    FundingSource,
    SharedResource,
)
from funding.notifications import BOOKING_DECIDED, BOOKING_REQUESTED
from learningcity import audit
from learningcity.notifications import notify
from stakeholders.models import Membership, Organisation

audit.register(
    {
        "funding.budget_line_save": gettext_noop("Saved a budget line"),
        "funding.budget_line_delete": gettext_noop("Deleted a budget line"),
        "funding.source_save": gettext_noop("Saved a funding source"),
        "funding.contribution_save": gettext_noop("Saved a contribution"),
        "funding.contribution_receive": gettext_noop("Marked a contribution as received"),
        "funding.allocation_create": gettext_noop("Allocated money to an action"),
        "funding.allocation_delete": gettext_noop("Took back an allocation"),
        "funding.exchange_rate_save": gettext_noop("Saved an exchange rate"),
        "funding.agreement_save": gettext_noop("Saved a cost-sharing agreement"),
        "funding.analysis_save": gettext_noop("Saved a cost-benefit analysis"),
        "funding.resource_save": gettext_noop("Offered a shared resource"),
        "funding.booking_request": gettext_noop("Asked to book a shared resource"),
        "funding.booking_decide": gettext_noop("Answered a request to book a shared resource"),
        "funding.booking_finish": gettext_noop("Closed a booking and counted it as in kind"),
    }
)

ZERO = Decimal(0)


def _save(obj, *, by, action, exclude=None):
    if obj.pk is None and getattr(by, "is_authenticated", False) and hasattr(obj, "created_by_id"):
        obj.created_by = by
    stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    obj.full_clean(exclude=exclude)
    obj.save()
    changes = audit.diff(stored, obj, audit.editable_fields(obj)) if stored else {}
    audit.record(actor=by, action=action, target=obj, changes=changes)
    return obj


@transaction.atomic
def budget_line_save(*, line, by):
    return _save(line, by=by, action="funding.budget_line_save")


@transaction.atomic
def budget_line_delete(*, line, by):
    """Take a need out of the budget: the entry keeps what it was, since the row goes."""
    audit.record(
        actor=by,
        action="funding.budget_line_delete",
        target=line,
        changes={"amount": (line.amount, None), "year": (line.year, None)},
    )
    line.delete()


@transaction.atomic
def source_save(*, source, by):
    return _save(source, by=by, action="funding.source_save")


@transaction.atomic
def exchange_rate_save(*, rate, by):
    return _save(rate, by=by, action="funding.exchange_rate_save")


def allocated(contribution):
    return contribution.allocations.aggregate(total=Sum("amount"))["total"] or ZERO


@transaction.atomic
def contribution_save(*, contribution, by):
    """Add or change a contribution. Its amount may not fall under what is already allocated
    from it, nor its currency change once money is allocated."""
    if contribution.pk:
        stored = Contribution.objects.select_for_update().get(pk=contribution.pk)
        spent = allocated(stored)
        if spent and contribution.currency != stored.currency:
            raise ValidationError(
                {
                    "currency": ValidationError(
                        _("Money is allocated from this contribution in its currency."),
                        code="currency_locked",
                    )
                }
            )
        if contribution.amount is not None and contribution.amount < spent:
            raise ValidationError(
                {
                    "amount": ValidationError(
                        _("%(spent)s is already allocated from this contribution.")
                        % {"spent": money(spent)},
                        code="under_allocated",
                    )
                }
            )
    return _save(contribution, by=by, action="funding.contribution_save")


@transaction.atomic
def contribution_receive(*, contribution, received_on, by):
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    contribution.status = Contribution.Status.RECEIVED
    contribution.received_on = received_on
    contribution.full_clean()
    contribution.save(update_fields=["status", "received_on"])
    audit.record(
        actor=by,
        action="funding.contribution_receive",
        target=contribution,
        changes={"received_on": received_on},
    )
    return contribution


@transaction.atomic
def allocation_create(
    *, contribution, action, amount, by, district=None, target_group=None, note=""
):
    """Allocate `amount` of `contribution` to `action`. Refused when more than what is left of
    the contribution: its row is locked first, so the sum read is the sum at commit."""
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    allocation = Allocation(
        contribution=locked,
        action=action,
        amount=amount,
        district=district,
        target_group=target_group,
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    allocation.full_clean()
    left = locked.amount - allocated(locked)
    if amount > left:
        raise ValidationError(
            {
                "amount": ValidationError(
                    _("Only %(left)s %(currency)s is left of this contribution to allocate.")
                    % {"left": left, "currency": locked.currency},
                    code="over_allocated",
                )
            }
        )
    allocation.save()
    audit.record(
        actor=by,
        action="funding.allocation_create",
        target=allocation,
        changes={"amount": amount, "action": action},
    )
    return allocation


@transaction.atomic
def allocation_delete(*, allocation, by):
    audit.record(
        actor=by,
        action="funding.allocation_delete",
        target=allocation.contribution,
        changes={"amount": (allocation.amount, None)},
    )
    allocation.delete()


def check_shares(total_amount, shares):
    """`shares`: (percent, amount) pairs, one of them None. Each share's worth is its percent of
    the total or its amount; together they must make exactly 100 % (or the total)."""
    if not shares:
        raise ValidationError(_("An agreement needs the shares of its parties."), code="no_shares")
    percents = [percent for percent, _amount in shares if percent is not None]
    amounts = [amount for percent, amount in shares if percent is None and amount is not None]
    if amounts and total_amount is None:
        raise ValidationError(
            _("Enter the agreement's total cost to give shares as amounts."), code="total_needed"
        )
    share = sum(percents, ZERO)
    if total_amount:
        share += sum(amounts, ZERO) * 100 / total_amount
    if share > 100:
        raise ValidationError(
            _("The shares add up to %(share)s %%, over 100 %%.") % {"share": round(share, 2)},
            code="over_100",
        )
    if share != 100:
        raise ValidationError(
            _("The shares add up to %(share)s %%; they must make 100 %%.")
            % {"share": round(share, 2)},
            code="under_100",
        )


@transaction.atomic
def agreement_save(*, agreement, by, shares=None):
    """Save an agreement, and when `shares` (AgreementShare instances, the whole set) is given,
    replace its shares with them once they add up."""
    _save(agreement, by=by, action="funding.agreement_save")
    if shares is None:
        return agreement
    check_shares(agreement.total_amount, [(share.percent, share.amount) for share in shares])
    keep = []
    for share in shares:
        share.agreement = agreement
        share.full_clean()
        share.save()
        keep.append(share.pk)
    AgreementShare.objects.filter(agreement=agreement).exclude(pk__in=keep).delete()
    return agreement


@transaction.atomic
def analysis_save(*, analysis, by, years=None):
    """Save a cost-benefit analysis and, when given, the whole set of its yearly rows."""
    _save(analysis, by=by, action="funding.analysis_save")
    if years is None:
        return analysis
    seen = set()
    for row in years:
        if row.year in seen:
            raise ValidationError(_("Year %(year)s is given twice.") % {"year": row.year})
        seen.add(row.year)
    # The rows left out go first, so a year removed and entered again as a new row is not
    # refused as a duplicate of the row it replaces.
    analysis.years.exclude(pk__in=[row.pk for row in years if row.pk]).delete()
    for row in years:
        row.analysis = analysis
        row.full_clean()
        row.save()
    return analysis


@transaction.atomic
def resource_save(*, resource, by):
    return _save(resource, by=by, action="funding.resource_save")


@transaction.atomic
def booking_request(*, resource, organisation, purpose, starts_on, ends_on, units, by, action=None):
    if not resource.active:
        raise ValidationError(_("This resource is not offered any more."), code="inactive")
    booking = Booking(
        resource=resource,
        organisation=organisation,
        requested_by=by,
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        action=action,
    )
    booking.full_clean()
    booking.save()
    audit.record(actor=by, action="funding.booking_request", target=booking)
    link = reverse("funding:booking_answer", args=[booking.pk])
    for member in _members(resource.organisation_id):
        notify(
            recipient=member,
            kind=BOOKING_REQUESTED,
            template="funding/email/booking_requested",
            context={"booking": booking},
            link=link,
        )
    return booking


def _members(organisation_id):
    """The active members of an organisation, its admins first."""
    memberships = (
        Membership.objects.filter(organisation_id=organisation_id, user__is_active=True)
        .select_related("user")
        .order_by("role", "user_id")
    )
    return [membership.user for membership in memberships]


def _locked_booking(booking, status):
    locked = Booking.objects.select_for_update().select_related("resource").get(pk=booking.pk)
    if locked.status != status:
        raise ValidationError(
            _("This booking is %(status)s already.") % {"status": locked.get_status_display()},
            code="status",
        )
    return locked


@transaction.atomic
def booking_decide(*, booking, accept, by):
    """The offering organisation accepts or declines a request."""
    booking = _locked_booking(booking, Booking.Status.REQUESTED)
    booking.status = Booking.Status.ACCEPTED if accept else Booking.Status.DECLINED
    booking.decided_by = by
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=by,
        action="funding.booking_decide",
        target=booking,
        changes={"status": booking.status},
    )
    asked = booking.requested_by
    told = [asked] if asked and asked.is_active else _members(booking.organisation_id)
    for person in told:
        notify(
            recipient=person,
            kind=BOOKING_DECIDED,
            template="funding/email/booking_decided",
            context={"booking": booking},
            link=reverse("funding:resources"),
        )
    return booking


# The kind of source an organisation is when it lends something and has no source of its own yet.
SOURCE_KIND = {
    Organisation.Kind.COMPANY: FundingSource.Kind.BUSINESS,
    Organisation.Kind.MEDIA: FundingSource.Kind.BUSINESS,
    Organisation.Kind.NGO: FundingSource.Kind.FOUNDATION,
    Organisation.Kind.COMMUNITY: FundingSource.Kind.FOUNDATION,
    Organisation.Kind.OTHER: FundingSource.Kind.FOUNDATION,
}


def organisation_source(organisation, *, by):
    """The organisation's funding source, made the first time it gives something. Schools,
    libraries, museums and public bodies count as local government unless staff say otherwise."""
    source = organisation.funding_sources.order_by("pk").first()
    if source is None:
        source = source_save(
            source=FundingSource(
                name=organisation.name,
                organisation=organisation,
                kind=SOURCE_KIND.get(organisation.kind, FundingSource.Kind.LOCAL_GOVERNMENT),
            ),
            by=by,
        )
    return source


@transaction.atomic
def booking_finish(*, booking, units_used, by, finished_on=None):
    """Close an accepted booking: what was used becomes a received in-kind contribution of the
    offering organisation, worth the units used times the resource's unit value."""
    booking = _locked_booking(booking, Booking.Status.ACCEPTED)
    if units_used is None or units_used <= 0:
        raise ValidationError({"units_used": _("Enter the units used, above zero.")})
    resource = booking.resource
    finished_on = finished_on or timezone.localdate()
    if finished_on < booking.starts_on:
        raise ValidationError(_("A booking cannot finish before it starts."), code="too_early")
    contribution = contribution_save(
        contribution=Contribution(
            source=organisation_source(resource.organisation, by=by),
            form=Contribution.Form.IN_KIND,
            description=_("%(resource)s for %(organisation)s")
            % {"resource": resource.name, "organisation": booking.organisation.name},
            amount=(units_used * resource.unit_value).quantize(Decimal("0.01")),
            currency=resource.currency,
            year=finished_on.year,
            status=Contribution.Status.RECEIVED,
            pledged_on=booking.starts_on if booking.starts_on <= finished_on else finished_on,
            received_on=finished_on,
            action=booking.action,
        ),
        by=by,
    )
    booking.status = Booking.Status.FINISHED
    booking.units_used = units_used
    booking.contribution = contribution
    booking.save(update_fields=["status", "units_used", "contribution"])
    audit.record(
        actor=by,
        action="funding.booking_finish",
        target=booking,
        changes={"units_used": units_used, "contribution": contribution.amount},
    )
    return booking


# Staff put an earlier value back from the activity page, through the same services.
for _model, _restore in {
    BudgetLine: lambda *, target, by: budget_line_save(line=target, by=by),
    FundingSource: lambda *, target, by: source_save(source=target, by=by),
    ExchangeRate: lambda *, target, by: exchange_rate_save(rate=target, by=by),
    Contribution: lambda *, target, by: contribution_save(contribution=target, by=by),
    CostSharingAgreement: lambda *, target, by: agreement_save(agreement=target, by=by),
    CostBenefitAnalysis: lambda *, target, by: analysis_save(analysis=target, by=by),
    SharedResource: lambda *, target, by: resource_save(resource=target, by=by),
}.items():
    audit.register_restorer(_model, audit.Restorer(_restore))
