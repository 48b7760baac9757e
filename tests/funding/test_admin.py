"""Staff keep funding in the administration; every save goes through funding.services."""

import pytest
from django.urls import reverse

from funding.models import BudgetLine, Contribution, CostBenefitAnalysis, CostSharingAgreement
from learningcity.models import AuditEntry
from tests.admin_forms import change_form_data
from tests.funding.factories import BudgetLineFactory, ContributionFactory, FundingSourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_a_contribution_edited_in_the_admin_is_recorded_by_the_service(client_for, sam):
    contribution = ContributionFactory()
    url = reverse("admin:funding_contribution_change", args=[contribution.pk])
    client = client_for(sam)

    response = client.post(url, change_form_data(client.get(url), amount="2500.00"))

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert str(contribution.amount) == "2500.00"
    assert AuditEntry.objects.filter(actor=sam, action="funding.contribution_save").exists()


def test_the_admin_refuses_a_receipt_before_the_pledge(client_for, sam):
    contribution = ContributionFactory()
    url = reverse("admin:funding_contribution_change", args=[contribution.pk])
    client = client_for(sam)

    response = client.post(
        url,
        change_form_data(
            client.get(url), status="received", pledged_on="2026-03-01", received_on="2026-02-01"
        ),
    )

    assert response.status_code == 200
    assert Contribution.objects.get().status == "pledged"


def _agreement_data(client, parties, shares):
    url = reverse("admin:funding_costsharingagreement_add")
    data = change_form_data(
        client.get(url),
        title_es="Bibliotecas abiertas",
        programme_es="Bibliotecas abiertas",
        currency="MXN",
        valid_from="2026-01-01",
        valid_until="2027-12-31",
        total_amount="10000",
    )
    for number, (party, percent) in enumerate(zip(parties, shares, strict=True)):
        data[f"shares-{number}-party"] = str(party.pk)
        data[f"shares-{number}-percent"] = percent
    return url, data


def test_shares_over_100_percent_are_refused_with_the_message(client_for, sam):
    client = client_for(sam)
    url, data = _agreement_data(
        client, [FundingSourceFactory(), FundingSourceFactory()], ["70", "40"]
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "110" in response.content.decode()
    assert not CostSharingAgreement.objects.exists()


def test_shares_that_make_100_percent_are_saved_through_the_service(client_for, sam):
    client = client_for(sam)
    url, data = _agreement_data(
        client, [FundingSourceFactory(), FundingSourceFactory()], ["70", "30"]
    )

    response = client.post(url, data)

    assert response.status_code == 302
    agreement = CostSharingAgreement.objects.get()
    assert agreement.shares.count() == 2
    assert agreement.created_by == sam


def test_allocations_are_not_added_in_the_admin(client_for, sam):
    response = client_for(sam).get(reverse("admin:funding_allocation_add"))

    assert response.status_code == 403


def test_a_citizen_does_not_reach_the_funding_admin(client_for, alice):
    response = client_for(alice).get(reverse("admin:funding_contribution_changelist"))

    assert response.status_code in {302, 403}


def test_an_analysis_and_its_years_are_saved_through_the_service(client_for, sam):
    client = client_for(sam)
    url = reverse("admin:funding_costbenefitanalysis_add")
    data = change_form_data(
        client.get(url), title_es="Alfabetización", programme_es="Alfabetización", method="cba",
        discount_rate="5", currency="MXN",
    )  # fmt: skip
    rows = [("0", "100", "0")] + [(str(year), "0", "30") for year in range(1, 3)]
    for number, (year, cost, benefit) in enumerate(rows):
        data[f"years-{number}-year"] = year
        data[f"years-{number}-cost"] = cost
        data[f"years-{number}-benefit"] = benefit
    data["years-TOTAL_FORMS"] = str(len(rows))

    response = client.post(url, data)

    assert response.status_code == 302
    analysis = CostBenefitAnalysis.objects.get()
    assert analysis.years.count() == 3
    assert AuditEntry.objects.filter(action="funding.analysis_save", actor=sam).exists()


def test_a_budget_line_deleted_in_the_admin_goes_through_the_service(client_for, sam):
    line = BudgetLineFactory()
    url = reverse("admin:funding_budgetline_delete", args=[line.pk])

    response = client_for(sam).post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not BudgetLine.objects.exists()
    assert AuditEntry.objects.filter(action="funding.budget_line_delete", actor=sam).exists()


def test_a_share_over_100_percent_in_the_admin_is_a_message_not_an_error(client_for, sam):
    client = client_for(sam)
    url, data = _agreement_data(client, [FundingSourceFactory()], ["150"])

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Una parte no puede superar el 100 %." in response.content.decode()


def test_the_admin_pages_of_the_books_still_open(client_for, sam):
    client = client_for(sam)
    for name in ["budgetline", "contribution", "costsharingagreement", "costbenefitanalysis"]:
        assert client.get(reverse(f"admin:funding_{name}_add")).status_code == 200
        assert client.get(reverse(f"admin:funding_{name}_changelist")).status_code == 200
