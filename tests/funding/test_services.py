"""The rules of funding, as the services enforce them for the admin, the portal and the demo."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import (
    AgreementShare,
    Booking,
    Contribution,
    CostSharingAgreement,
    FundingSource,
)
from learningcity.models import AuditEntry
from tests.funding.factories import (
    AllocationFactory,
    ContributionFactory,
    FundingSourceFactory,
    SharedResourceFactory,
)
from tests.planning.factories import ActionFactory
from tests.stakeholders.factories import OrganisationFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def codes(error):
    return {code for errors in error.value.error_dict.values() for e in errors for code in [e.code]}


def test_staff_record_a_contribution_and_the_audit_trail_names_them(sam):
    contribution = services.contribution_save(
        contribution=ContributionFactory.build(source=FundingSourceFactory()), by=sam
    )

    assert contribution.created_by == sam
    assert AuditEntry.objects.filter(actor=sam, action="funding.contribution_save").exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"amount": Decimal("-5")}, "amount"),
        ({"amount": Decimal("0")}, "amount"),
        ({"currency": "XXX"}, "currency"),
        ({"currency": "eur"}, "currency"),
        (
            {"status": "received", "pledged_on": date(2026, 3, 1), "received_on": date(2026, 2, 1)},
            "received_on",
        ),
        ({"status": "received", "received_on": None}, "received_on"),
    ],
)
def test_bad_contributions_are_refused_with_a_message(sam, changes, field):
    contribution = ContributionFactory.build(source=FundingSourceFactory(), **changes)

    with pytest.raises(ValidationError) as error:
        services.contribution_save(contribution=contribution, by=sam)

    assert field in error.value.message_dict
    assert Contribution.objects.count() == 0


def test_a_contribution_is_received_after_its_pledge(sam):
    contribution = ContributionFactory(pledged_on=date(2026, 3, 1))

    with pytest.raises(ValidationError) as error:
        services.contribution_receive(
            contribution=contribution, received_on=date(2026, 2, 28), by=sam
        )
    assert "before_pledge" in codes(error)

    services.contribution_receive(contribution=contribution, received_on=date(2026, 3, 1), by=sam)
    contribution.refresh_from_db()
    assert contribution.status == "received"


def test_an_allocation_takes_what_is_left_and_no_more(sam):
    contribution = ContributionFactory(amount=Decimal("1000.00"))
    action = ActionFactory()
    services.allocation_create(
        contribution=contribution, action=action, amount=Decimal("600"), by=sam
    )

    with pytest.raises(ValidationError) as error:
        services.allocation_create(
            contribution=contribution, action=action, amount=Decimal("400.01"), by=sam
        )

    assert "over_allocated" in codes(error)
    assert "400.00" in error.value.message_dict["amount"][0]
    services.allocation_create(
        contribution=contribution, action=action, amount=Decimal("400"), by=sam
    )
    assert contribution.allocations.count() == 2


def test_an_allocation_is_never_negative(sam):
    with pytest.raises(ValidationError):
        services.allocation_create(
            contribution=ContributionFactory(), action=ActionFactory(), amount=Decimal("-1"), by=sam
        )


def test_a_contribution_cannot_shrink_under_what_is_allocated_from_it(sam):
    allocation = AllocationFactory(amount=Decimal("700"))
    contribution = allocation.contribution
    contribution.amount = Decimal("600")

    with pytest.raises(ValidationError) as error:
        services.contribution_save(contribution=contribution, by=sam)

    assert "under_allocated" in codes(error)


def agreement(**fields):
    return CostSharingAgreement(
        title="Bibliotecas abiertas",
        programme="Bibliotecas abiertas",
        currency="MXN",
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 12, 31),
        **fields,
    )


def test_shares_that_make_100_percent_are_saved(sam):
    parties = [FundingSourceFactory(), FundingSourceFactory()]

    saved = services.agreement_save(
        agreement=agreement(total_amount=Decimal("10000")),
        shares=[
            AgreementShare(party=parties[0], percent=Decimal("60")),
            AgreementShare(party=parties[1], amount=Decimal("4000")),
        ],
        by=sam,
    )

    assert saved.shares.count() == 2


@pytest.mark.parametrize(
    "shares, code",
    [
        ([("70", None), ("40", None)], "over_100"),
        ([("50", None), ("30", None)], "under_100"),
        ([("50", None), (None, "6000")], "over_100"),
    ],
)
def test_shares_that_do_not_add_up_are_refused(sam, shares, code):
    with pytest.raises(ValidationError) as error:
        services.agreement_save(
            agreement=agreement(total_amount=Decimal("10000")),
            shares=[
                AgreementShare(
                    party=FundingSourceFactory(),
                    percent=percent and Decimal(percent),
                    amount=amount and Decimal(amount),
                )
                for percent, amount in shares
            ],
            by=sam,
        )

    assert error.value.code == code
    assert not CostSharingAgreement.objects.exists()


def test_a_share_over_100_percent_is_refused(sam):
    with pytest.raises(ValidationError):
        services.agreement_save(
            agreement=agreement(),
            shares=[AgreementShare(party=FundingSourceFactory(), percent=Decimal("120"))],
            by=sam,
        )


def test_shares_as_amounts_need_the_total(sam):
    with pytest.raises(ValidationError) as error:
        services.agreement_save(
            agreement=agreement(),
            shares=[AgreementShare(party=FundingSourceFactory(), amount=Decimal("100"))],
            by=sam,
        )

    assert error.value.code == "total_needed"


def test_an_agreement_ends_after_it_starts(sam):
    bad = agreement()
    bad.valid_until = date(2025, 1, 1)

    with pytest.raises(ValidationError) as error:
        services.agreement_save(agreement=bad, by=sam)

    assert "valid_until" in error.value.message_dict


def test_a_finished_booking_becomes_a_received_in_kind_contribution(sam):
    lender = OrganisationFactory(kind="library")
    room = SharedResourceFactory(organisation=lender, unit_value=Decimal("250.00"))
    borrower = OrganisationFactory()
    booking = services.booking_request(
        resource=room,
        organisation=borrower,
        purpose="Taller de lectura",
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 30),
        units=Decimal("10"),
        by=sam,
    )
    services.booking_decide(booking=booking, accept=True, by=sam)

    finished = services.booking_finish(
        booking=booking, units_used=Decimal("8.5"), finished_on=date(2026, 5, 2), by=sam
    )

    contribution = finished.contribution
    assert finished.status == Booking.Status.FINISHED
    assert contribution.amount == Decimal("2125.00")
    assert (contribution.form, contribution.status) == ("in_kind", "received")
    assert (contribution.year, contribution.received_on) == (2026, date(2026, 5, 2))
    assert contribution.source.organisation == lender
    assert contribution.source.kind == FundingSource.Kind.LOCAL_GOVERNMENT


def test_a_booking_is_finished_only_once_accepted(sam):
    room = SharedResourceFactory()
    booking = services.booking_request(
        resource=room,
        organisation=OrganisationFactory(),
        purpose="Reunión",
        starts_on=date(2026, 4, 1),
        ends_on=date(2026, 4, 1),
        units=Decimal("2"),
        by=sam,
    )

    with pytest.raises(ValidationError):
        services.booking_finish(booking=booking, units_used=Decimal("2"), by=sam)
    services.booking_decide(booking=booking, accept=False, by=sam)
    with pytest.raises(ValidationError):
        services.booking_decide(booking=booking, accept=True, by=sam)
    assert not Contribution.objects.exists()


def test_an_organisation_does_not_book_its_own_resource(sam):
    room = SharedResourceFactory()

    with pytest.raises(ValidationError):
        services.booking_request(
            resource=room,
            organisation=room.organisation,
            purpose="Uso propio",
            starts_on=date(2026, 4, 1),
            ends_on=date(2026, 4, 1),
            units=Decimal("1"),
            by=sam,
        )


def test_allocations_earmark_districts_and_target_groups(sam):
    group = TargetGroupFactory(marginalised=True)
    allocation = services.allocation_create(
        contribution=ContributionFactory(),
        action=ActionFactory(),
        amount=Decimal("10"),
        target_group=group,
        by=sam,
    )

    assert allocation.target_group == group
