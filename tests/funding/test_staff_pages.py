"""Staff's funding pages: needs and gaps, contributions and allocations with CSV, the
allocation form; nobody else reads them."""

import csv
import io
from decimal import Decimal

import pytest

from funding.models import Allocation
from tests.funding.factories import (
    AllocationFactory,
    BudgetLineFactory,
    ContributionFactory,
    FundingSourceFactory,
)
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import TargetGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

PAGES = [
    "/funding/needs/",
    "/funding/contributions/",
    "/funding/contributions.csv",
    "/funding/allocations/",
    "/funding/allocations.csv",
    "/funding/allocations/new/",
]


@pytest.fixture
def sam(sam):
    """Sam reads the pages in English, as the tests' texts are."""
    sam.preferred_language = "en"
    sam.save(update_fields=["preferred_language"])
    return sam


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_people_are_sent_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_citizens_and_organisation_admins_are_refused(client_for, alice, bob, path):
    assert client_for(alice).get(path).status_code == 403
    assert client_for(bob).get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_staff_read_the_books(client_for, sam, path):
    assert client_for(sam).get(f"/en{path}").status_code == 200


def test_the_needs_page_warns_about_an_unfunded_action(client_for, sam):
    funded = ActionFactory(title="Bibliotecas abiertas")
    unfunded = ActionFactory(title="Huertos escolares")
    BudgetLineFactory(action=funded, amount=Decimal("1000"), year=2026)
    BudgetLineFactory(action=unfunded, amount=Decimal("800"), year=2026)
    AllocationFactory(
        action=funded, amount=Decimal("600"), contribution=ContributionFactory(year=2026)
    )

    page = client_for(sam).get("/en/funding/needs/?year=2026").content.decode()

    warning = page.split('class="message warning"')[1].split("</div>")[0]
    assert "Huertos escolares" in warning
    assert "Bibliotecas abiertas" not in warning
    assert "Partly funded" in page
    # The contribution's 400 left unallocated counts for the base structure, which needs none.
    assert "400.00" in page


def test_the_csv_turns_formulas_into_text(client_for, sam):
    ContributionFactory(
        source=FundingSourceFactory(name='=HYPERLINK("http://x")'), description="+1+1"
    )

    response = client_for(sam).get("/en/funding/contributions.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Source"
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][3] == "'+1+1"


def test_the_allocations_csv_lists_each_allocation(client_for, sam):
    AllocationFactory(action=ActionFactory(title="-Acción"), amount=Decimal("12.50"))

    rows = list(
        csv.reader(
            io.StringIO(
                client_for(sam).get("/en/funding/allocations.csv").content.decode("utf-8-sig")
            )
        )
    )

    assert rows[1][2:4] == ["'-Acción", "12.50"]


@pytest.fixture
def adopted_action(db):
    plan = ActionPlanFactory(status="adopted")
    return ActionFactory(objective=ObjectiveFactory(plan=plan), title="Lectura en familia")


def test_staff_allocate_from_the_form(client_for, sam, adopted_action):
    contribution = ContributionFactory(amount=Decimal("1000"))
    group = TargetGroupFactory(marginalised=True)

    response = client_for(sam).post(
        "/en/funding/allocations/new/",
        {
            "contribution": contribution.pk,
            "action": adopted_action.pk,
            "amount": "250.00",
            "target_group": group.pk,
        },
    )

    assert response.status_code == 302
    allocation = Allocation.objects.get()
    assert (allocation.amount, allocation.target_group, allocation.created_by) == (
        Decimal("250.00"),
        group,
        sam,
    )


def test_an_allocation_over_the_balance_re_renders_the_form_with_the_message(
    client_for, sam, adopted_action
):
    contribution = ContributionFactory(amount=Decimal("1000"))
    AllocationFactory(contribution=contribution, amount=Decimal("900"))

    response = client_for(sam).post(
        "/en/funding/allocations/new/",
        {"contribution": contribution.pk, "action": adopted_action.pk, "amount": "150"},
    )

    assert response.status_code == 200
    assert "Only 100.00 MXN is left of this contribution to allocate." in response.content.decode()
    assert contribution.allocations.count() == 1


@pytest.mark.parametrize("amount", ["-5", "abc", "0"])
def test_bad_amounts_re_render_the_form(client_for, sam, adopted_action, amount):
    contribution = ContributionFactory()

    response = client_for(sam).post(
        "/en/funding/allocations/new/",
        {"contribution": contribution.pk, "action": adopted_action.pk, "amount": amount},
    )

    assert response.status_code == 200
    assert not Allocation.objects.exists()


def test_the_lists_read_in_constant_queries(client_for, sam):
    client = client_for(sam)

    def add_contributions(count):
        return [
            ContributionFactory(
                source=FundingSourceFactory(), description=f"Aporte {n}"
            ).description
            for n in range(count)
        ]

    def add_allocations(count):
        return [
            AllocationFactory(target_group=TargetGroupFactory()).action.title for _ in range(count)
        ]

    assert_constant_queries(client, "/en/funding/contributions/", add_contributions)
    assert_constant_queries(client, "/en/funding/allocations/", add_allocations)


def test_the_needs_page_reads_in_constant_queries(client_for, sam):
    def add_rows(count):
        return [
            BudgetLineFactory(year=2026, action=ActionFactory()).action.title for _ in range(count)
        ]

    assert_constant_queries(client_for(sam), "/en/funding/needs/?year=2026", add_rows)
