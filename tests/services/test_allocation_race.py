"""Two staff members allocate from the same contribution at the same moment, on PostgreSQL: two
threads, two connections, two overlapping transactions. The lock on the contribution's row
(funding.services.allocation_create) makes the second wait for the first and count its
allocation: the contribution is never overspent."""

import time
from decimal import Decimal

import pytest

from funding import services
from funding.models import Allocation
from tests.funding.factories import ContributionFactory
from tests.planning.factories import ActionFactory
from tests.services.test_capacity_race import postgresql  # noqa: F401  (the fixture)
from tests.services.test_event_registration_race import at_once
from tests.stakeholders.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_allocations_of_most_of_a_contribution_at_once_never_overspend(postgresql, monkeypatch):  # noqa: F811
    contribution = ContributionFactory(amount=Decimal("1000.00"))
    action = ActionFactory()
    staff = [UserFactory(roles=["staff"]), UserFactory(roles=["staff"])]
    # Each allocation lingers between reading the balance and saving (full_clean runs in between).
    full_clean = Allocation.full_clean

    def slow(self, *args, **kwargs):
        time.sleep(0.5)
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(Allocation, "full_clean", slow)

    errors = at_once(
        [
            lambda person=person: services.allocation_create(
                contribution=contribution, action=action, amount=Decimal("700"), by=person
            )
            for person in staff
        ],
        monkeypatch,
    )

    assert [[e.code for e in error.error_dict["amount"]] for error in errors] == [
        ["over_allocated"]
    ]
    assert contribution.allocations.count() == 1
