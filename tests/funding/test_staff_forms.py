"""Staff keep the books on the portal: budget lines, contributions and their receipt,
cost-sharing agreements with their shares, cost-benefit analyses with their years, and taking an
allocation back. Bad input re-renders the form with the message and saves nothing; nobody but
staff gets in."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from funding.models import (
    AgreementShare,
    Allocation,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostBenefitYear,
    CostSharingAgreement,
)
from learningcity.models import AuditEntry
from tests.funding.factories import (
    AllocationFactory,
    BudgetLineFactory,
    ContributionFactory,
    CostBenefitAnalysisFactory,
    CostBenefitYearFactory,
    FundingSourceFactory,
)
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.queries import assert_constant_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

TOO_BIG = "99999999999999999999"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def in_other_digits(pk):
    """An existing id written in Arabic-Indic digits, which `int()` would take for it."""
    return str(pk).translate(ARABIC_INDIC)


@pytest.fixture
def sam(sam):
    """Sam reads the pages in English, as the tests' texts are."""
    sam.preferred_language = "en"
    sam.save(update_fields=["preferred_language"])
    return sam


@pytest.fixture
def staff(client_for, sam):
    return client_for(sam)


@pytest.fixture
def adopted_action(db):
    plan = ActionPlanFactory(status="adopted")
    return ActionFactory(objective=ObjectiveFactory(plan=plan), title="Lectura en familia")


@pytest.fixture
def books(db):
    """One of each thing the forms change."""
    allocation = AllocationFactory()
    agreement = CostSharingAgreement.objects.create(
        title_es="Bibliotecas abiertas",
        programme_es="Bibliotecas abiertas",
        currency="MXN",
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 12, 31),
    )
    AgreementShare.objects.create(agreement=agreement, party=FundingSourceFactory(), percent=100)
    return {
        "line": BudgetLineFactory().pk,
        "contribution": allocation.contribution_id,
        "allocation": allocation.pk,
        "agreement": agreement.pk,
        "analysis": CostBenefitYearFactory().analysis_id,
    }


PAGES = [
    "/funding/needs/new/",
    "/funding/needs/{line}/edit/",
    "/funding/needs/{line}/delete/",
    "/funding/contributions/new/",
    "/funding/contributions/{contribution}/edit/",
    "/funding/contributions/{contribution}/received/",
    "/funding/allocations/{allocation}/take-back/",
    "/funding/agreements/",
    "/funding/agreements/new/",
    "/funding/agreements/{agreement}/edit/",
    "/funding/analyses/",
    "/funding/analyses/new/",
    "/funding/analyses/{analysis}/edit/",
]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_people_are_sent_to_log_in(client, books, path):
    response = client.get(path.format(**books))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_citizens_and_organisation_members_are_refused(client_for, alice, bob, books, path):
    assert client_for(alice).get(path.format(**books)).status_code == 403
    assert client_for(bob).get(path.format(**books)).status_code == 403
    assert client_for(bob).post(path.format(**books), {"confirm": "1"}).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_staff_and_the_coordinator_open_the_pages(client_for, sam, carol, books, path):
    assert client_for(sam).get("/en" + path.format(**books)).status_code == 200
    assert client_for(carol).get(path.format(**books)).status_code == 200


def test_an_organisation_member_cannot_take_an_allocation_back(client_for, bob, books):
    client_for(bob).post(f"/funding/allocations/{books['allocation']}/take-back/", {"confirm": "1"})

    assert Allocation.objects.filter(pk=books["allocation"]).exists()


# Budget lines


def line_data(action, /, **changes):
    data = {
        "year": "2027",
        "action": action.pk if action else "",
        "item_es": "Talleres en bibliotecas",
        "item_en": "Workshops in libraries",
        "amount": "45000.00",
        "currency": "MXN",
    }
    return {**data, **changes}


def test_staff_add_a_budget_line_in_both_languages(staff, sam, adopted_action):
    response = staff.post("/en/funding/needs/new/", line_data(adopted_action))

    assert response.status_code == 302
    assert response["Location"].endswith("/funding/needs/?year=2027")
    line = BudgetLine.objects.get()
    assert (line.item_es, line.item_en, line.amount, line.action, line.created_by) == (
        "Talleres en bibliotecas",
        "Workshops in libraries",
        Decimal("45000.00"),
        adopted_action,
        sam,
    )
    assert AuditEntry.objects.filter(actor=sam, action="funding.budget_line_save").exists()
    page = staff.get(response["Location"]).content.decode()
    assert "Workshops in libraries" in page
    assert f"/funding/needs/{line.pk}/edit/" in page


def test_a_budget_line_without_an_action_is_for_the_base_structure(staff, adopted_action):
    staff.post("/en/funding/needs/new/", line_data(None))

    assert BudgetLine.objects.get().action is None


def test_the_budget_line_form_shows_both_languages_side_by_side(staff, adopted_action):
    ActionFactory(title="Acción de otro plan")

    page = staff.get("/en/funding/needs/new/").content.decode()

    assert 'name="item_es"' in page and 'name="item_en"' in page
    assert 'lang="es"' in page and 'lang="en"' in page
    assert "Lectura en familia" in page
    # The actions offered are the plan in force's.
    assert "Acción de otro plan" not in page


def test_staff_change_a_budget_line(staff, adopted_action):
    line = BudgetLineFactory(action=adopted_action)

    response = staff.post(
        f"/en/funding/needs/{line.pk}/edit/", line_data(adopted_action, amount="700")
    )

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.year) == (Decimal("700.00"), 2027)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "-5"}, "Enter an amount above zero."),
        ({"amount": "0"}, "Enter an amount above zero."),
        ({"currency": "XXX"}, "Select a valid choice. XXX is not one of the available choices."),
        ({"item_es": ""}, "This field is required."),
        ({"year": "1999"}, "Ensure this value is greater than or equal to 2000."),
        ({"action": TOO_BIG}, "Select a valid choice."),
        ({"action": "other digits"}, "Select a valid choice."),
    ],
)
def test_a_bad_budget_line_re_renders_with_the_message(staff, adopted_action, changes, message):
    if changes.get("action") == "other digits":
        changes = {"action": in_other_digits(adopted_action.pk)}

    response = staff.post("/en/funding/needs/new/", line_data(adopted_action, **changes))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Please correct the errors below." in page
    assert 'value="Workshops in libraries"' in page
    assert not BudgetLine.objects.exists()


def test_a_bad_change_to_a_budget_line_saves_nothing(staff, adopted_action):
    line = BudgetLineFactory(action=adopted_action, amount=Decimal("500"))

    response = staff.post(
        f"/en/funding/needs/{line.pk}/edit/", line_data(adopted_action, amount="-1")
    )

    assert response.status_code == 200
    line.refresh_from_db()
    assert line.amount == Decimal("500.00")


def test_staff_delete_a_budget_line_after_confirming(staff, sam):
    line = BudgetLineFactory(item="Imprenta", year=2026)

    page = staff.get(f"/en/funding/needs/{line.pk}/delete/").content.decode()
    response = staff.post(f"/en/funding/needs/{line.pk}/delete/")

    assert "Imprenta" in page and not BudgetLine.objects.exists()
    assert response["Location"].endswith("/funding/needs/?year=2026")
    entry = AuditEntry.objects.get(action="funding.budget_line_delete")
    assert (entry.actor, entry.target_repr, entry.changes["amount"]) == (
        sam,
        "2026 · Imprenta",
        ["500.00", None],
    )


# Contributions


def contribution_data(source, /, **changes):
    data = {
        "source": source.pk,
        "form": "cash",
        "description": "Becas para personas adultas",
        "amount": "25000.00",
        "currency": "MXN",
        "year": "2026",
        "pledged_on": "2026-03-01",
        "action": "",
        "target_group": "",
        "district": "",
    }
    return {**data, **changes}


def test_staff_record_a_pledged_contribution(staff, sam, adopted_action):
    source = FundingSourceFactory(name="Fundación Lectora")

    response = staff.post(
        "/en/funding/contributions/new/",
        contribution_data(source, form="in_kind", action=adopted_action.pk),
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (
        contribution.source,
        contribution.form,
        contribution.status,
        contribution.action,
        contribution.created_by,
    ) == (source, "in_kind", "pledged", adopted_action, sam)
    assert "/funding/contributions/new/" in staff.get("/en/funding/contributions/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "-100"}, "Enter an amount above zero."),
        ({"currency": "ZZZ"}, "Select a valid choice. ZZZ is not one of the available choices."),
        ({"pledged_on": "yesterday"}, "Enter a valid date."),
        ({"source": TOO_BIG}, "Select a valid choice."),
        ({"district": "٣"}, "Select a valid choice."),
    ],
)
def test_a_bad_contribution_re_renders_with_the_message(staff, changes, message):
    response = staff.post(
        "/en/funding/contributions/new/", contribution_data(FundingSourceFactory(), **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contribution.objects.exists()


def test_staff_cannot_lower_a_contribution_under_what_is_allocated(staff):
    contribution = ContributionFactory(amount=Decimal("1000"))
    AllocationFactory(contribution=contribution, amount=Decimal("600"))

    response = staff.post(
        f"/en/funding/contributions/{contribution.pk}/edit/",
        contribution_data(contribution.source, amount="500", year="2026"),
    )

    assert response.status_code == 200
    assert "600.00 is already allocated from this contribution." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.amount == Decimal("1000.00")


def test_a_received_contribution_cannot_be_pledged_after_its_receipt(staff):
    contribution = ContributionFactory(
        status="received", pledged_on=date(2026, 2, 1), received_on=date(2026, 3, 1)
    )

    response = staff.post(
        f"/en/funding/contributions/{contribution.pk}/edit/",
        contribution_data(contribution.source, pledged_on="2026-04-01"),
    )

    assert response.status_code == 200
    assert "it cannot be pledged later." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.pledged_on == date(2026, 2, 1)


def test_staff_mark_a_contribution_received(staff, sam):
    contribution = ContributionFactory(pledged_on=date(2026, 2, 1))
    url = f"/en/funding/contributions/{contribution.pk}/received/"
    offered = staff.get(url).content.decode()

    response = staff.post(url, {"received_on": "2026-02-20"})

    assert f'value="{timezone.localdate():%Y-%m-%d}"' in offered
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.received_on) == ("received", date(2026, 2, 20))
    assert AuditEntry.objects.filter(actor=sam, action="funding.contribution_receive").exists()


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        ("2026-01-31", "A contribution cannot be received before it was pledged."),
        ("", "This field is required."),
        ("31/31/2026", "Enter a valid date."),
    ],
)
def test_a_receipt_before_the_pledge_is_refused_with_the_message(staff, received_on, message):
    contribution = ContributionFactory(pledged_on=date(2026, 2, 1))

    response = staff.post(
        f"/en/funding/contributions/{contribution.pk}/received/", {"received_on": received_on}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    contribution.refresh_from_db()
    assert (contribution.status, contribution.received_on) == ("pledged", None)


# Cost-sharing agreements


def agreement_data(shares, existing=(), **changes):
    """The agreement form's data with `shares` (party, percent, amount) as new rows after the
    `existing` rows (share, percent, amount, delete)."""
    data = {
        "title_es": "Mediadores en las escuelas",
        "title_en": "Mediators in schools",
        "action": "",
        "programme_es": "Mediación intercultural",
        "programme_en": "Intercultural mediation",
        "total_amount": "10000",
        "currency": "MXN",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "shares-INITIAL_FORMS": str(len(existing)),
        "shares-TOTAL_FORMS": str(len(existing) + len(shares)),
        "shares-MIN_NUM_FORMS": "0",
        "shares-MAX_NUM_FORMS": "1000",
    }
    rows = [(share.pk, share.party_id, percent, amount, delete)
            for share, percent, amount, delete in existing]  # fmt: skip
    rows += [("", party.pk, percent, amount, False) for party, percent, amount in shares]
    for number, (pk, party, percent, amount, delete) in enumerate(rows):
        data.update(
            {
                f"shares-{number}-id": pk,
                f"shares-{number}-party": party,
                f"shares-{number}-percent": percent,
                f"shares-{number}-amount": amount,
                f"shares-{number}-pays_for": f"Parte {number}",
            }
        )
        if delete:
            data[f"shares-{number}-DELETE"] = "on"
    return {**data, **changes}


@pytest.fixture
def parties(db):
    return [FundingSourceFactory(name=name) for name in ("Alcaldía", "Fundación", "Empresa")]


def test_staff_record_an_agreement_with_its_shares(staff, sam, parties):
    response = staff.post(
        "/en/funding/agreements/new/",
        agreement_data([(parties[0], "60", ""), (parties[1], "", "4000")]),
    )

    assert response.status_code == 302
    agreement = CostSharingAgreement.objects.get()
    assert (agreement.title_es, agreement.title_en, agreement.created_by) == (
        "Mediadores en las escuelas",
        "Mediators in schools",
        sam,
    )
    assert [(share.party, share.percent, share.amount) for share in agreement.shares.all()] == [
        (parties[0], Decimal("60.00"), None),
        (parties[1], None, Decimal("4000.00")),
    ]
    listed = staff.get("/en/funding/agreements/").content.decode()
    assert "Mediators in schools" in listed and "Alcaldía: 60 %" in listed


@pytest.mark.parametrize(
    ("shares", "changes", "message"),
    [
        ([(0, "60", ""), (1, "50", "")], {}, "The shares add up to 110.00 %, over 100 %."),
        ([(0, "60", ""), (1, "", "5000")], {}, "The shares add up to 110.00 %, over 100 %."),
        ([(0, "60", "")], {}, "The shares add up to 60.00 %; they must make 100 %."),
        ([(0, "150", "")], {}, "A share cannot be over 100 %."),
        ([(0, "", "10000")], {"total_amount": ""}, "Enter the agreement&#x27;s total cost"),
        ([(0, "50", "5000")], {}, "Give the share either in per cent or as an amount."),
        ([], {}, "An agreement needs the shares of its parties."),
        ([(0, "100", "")], {"valid_until": "2025-12-31"}, "An agreement cannot end before it"),
        ([(0, "100", "")], {"total_amount": "-10"}, "Enter an amount above zero."),
        ([(0, "100", "")], {"currency": "XYZ"}, "XYZ is not one of the available choices."),
        (
            [(0, "100", "")],
            {"action": "", "programme_es": "", "programme_en": ""},
            "Name the programme, or choose the action the agreement funds.",
        ),
    ],
)
def test_a_bad_agreement_re_renders_with_the_message_and_saves_nothing(
    staff, parties, shares, changes, message
):
    data = agreement_data(
        [(parties[party], percent, amount) for party, percent, amount in shares], **changes
    )

    response = staff.post("/en/funding/agreements/new/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Please correct the errors below." in page
    assert not CostSharingAgreement.objects.exists()
    assert not AgreementShare.objects.exists()


@pytest.mark.parametrize("party", [TOO_BIG, "other digits"])
def test_a_party_id_beyond_64_bits_or_in_other_digits_is_a_form_error(staff, parties, party):
    data = agreement_data([(parties[0], "100", "")])
    data["shares-0-party"] = party if party == TOO_BIG else in_other_digits(parties[0].pk)

    response = staff.post("/en/funding/agreements/new/", data)

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not CostSharingAgreement.objects.exists()


def test_staff_change_the_shares_of_an_agreement(staff, parties):
    staff.post("/en/funding/agreements/new/", agreement_data([(parties[0], "100", "")]))
    agreement = CostSharingAgreement.objects.get()
    share = agreement.shares.get()

    response = staff.post(
        f"/en/funding/agreements/{agreement.pk}/edit/",
        agreement_data(
            [(parties[1], "30", ""), (parties[2], "70", "")], existing=[(share, "100", "", True)]
        ),
    )

    assert response.status_code == 302
    assert [(share.party, share.percent) for share in agreement.shares.all()] == [
        (parties[1], Decimal("30.00")),
        (parties[2], Decimal("70.00")),
    ]


def test_a_bad_change_to_the_shares_keeps_the_agreement_as_it_was(staff, parties):
    staff.post("/en/funding/agreements/new/", agreement_data([(parties[0], "100", "")]))
    agreement = CostSharingAgreement.objects.get()
    share = agreement.shares.get()

    response = staff.post(
        f"/en/funding/agreements/{agreement.pk}/edit/",
        agreement_data(
            [(parties[1], "30", "")], existing=[(share, "80", "", False)], title_en="Changed"
        ),
    )

    assert response.status_code == 200
    assert "The shares add up to 110.00 %, over 100 %." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title_en == "Mediators in schools"
    assert [(share.party, share.percent) for share in agreement.shares.all()] == [
        (parties[0], Decimal("100.00"))
    ]


# Cost-benefit analyses


def analysis_data(rows, existing=(), **changes):
    """The analysis form's data with `rows` (year, cost, benefit) as new rows after the
    `existing` rows (row, year, cost, benefit, delete)."""
    data = {
        "title_es": "Alfabetización digital",
        "title_en": "Digital literacy",
        "action": "",
        "programme_es": "Alfabetización digital",
        "programme_en": "Digital literacy",
        "method": "cba",
        "discount_rate": "5",
        "first_year": "2026",
        "currency": "MXN",
        "assumptions_es": "",
        "assumptions_en": "Income of those who find work.",
        "evidence_es": "",
        "evidence_en": "",
        "years-INITIAL_FORMS": str(len(existing)),
        "years-TOTAL_FORMS": str(len(existing) + len(rows)),
        "years-MIN_NUM_FORMS": "0",
        "years-MAX_NUM_FORMS": "1000",
    }
    all_rows = [(row.pk, year, cost, benefit, delete)
                for row, year, cost, benefit, delete in existing]  # fmt: skip
    all_rows += [("", year, cost, benefit, False) for year, cost, benefit in rows]
    for number, (pk, year, cost, benefit, delete) in enumerate(all_rows):
        data.update(
            {
                f"years-{number}-id": pk,
                f"years-{number}-year": year,
                f"years-{number}-cost": cost,
                f"years-{number}-benefit": benefit,
                f"years-{number}-note": f"Fila {number}",
            }
        )
        if delete:
            data[f"years-{number}-DELETE"] = "on"
    return {**data, **changes}


THE_ISSUES_EXAMPLE = [("0", "100", "0")] + [(str(year), "0", "30") for year in range(1, 6)]


def test_staff_record_an_analysis_and_the_public_page_shows_its_result(client, staff, sam):
    response = staff.post("/en/funding/analyses/new/", analysis_data(THE_ISSUES_EXAMPLE))

    assert response.status_code == 302
    analysis = CostBenefitAnalysis.objects.get()
    assert response["Location"].endswith(f"/funding/analyses/{analysis.pk}/")
    assert (analysis.title_en, analysis.created_by, analysis.years.count()) == (
        "Digital literacy",
        sam,
        6,
    )
    page = client.get(f"/en/funding/analyses/{analysis.pk}/").content.decode()
    assert "29.88" in page and "1.30" in page and "in year 4" in page


@pytest.mark.parametrize(
    ("rows", "changes", "message"),
    [
        ([("0", "-100", "0")], {}, "Costs are never negative."),
        ([("0", "100", "-5")], {}, "Benefits are never negative."),
        ([("101", "100", "0")], {}, "Ensure this value is less than or equal to 100."),
        ([("0", "100", "0"), ("0", "0", "30")], {}, "Please correct the duplicate data for year"),
        ([("0", "100", "0")], {"discount_rate": "-1"}, "The discount rate cannot be negative."),
        ([("0", "100", "0")], {"discount_rate": "101"}, "The discount rate cannot be over 100 %."),
        ([("0", "100", "0")], {"currency": "ABC"}, "ABC is not one of the available choices."),
        ([("0", "100", "0")], {"title_es": ""}, "This field is required."),
    ],
)
def test_a_bad_analysis_re_renders_with_the_message_and_saves_nothing(
    staff, rows, changes, message
):
    response = staff.post("/en/funding/analyses/new/", analysis_data(rows, **changes))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Please correct the errors below." in page
    assert not CostBenefitAnalysis.objects.exists()
    assert not CostBenefitYear.objects.exists()


def test_the_edit_page_names_the_saved_analysis_and_marks_its_spanish_title(staff):
    analysis = CostBenefitAnalysisFactory(title="Huertos escolares")
    url = f"/en/funding/analyses/{analysis.pk}/edit/"
    page = staff.get(url).content.decode()
    assert '<h1>Edit “<span lang="es">Huertos escolares</span>”</h1>' in page
    assert "<title>Edit “Huertos escolares”" in page

    # A refused change keeps the heading on the saved title, not the one typed.
    response = staff.post(url, analysis_data([("0", "-1", "0")], title_es="Otro título"))
    assert response.status_code == 200
    assert "Huertos escolares</span>”</h1>" in response.content.decode()


def test_staff_change_the_years_of_an_analysis(staff):
    analysis = CostBenefitAnalysisFactory()
    first = CostBenefitYearFactory(analysis=analysis, year=0, cost=Decimal("100"))
    second = CostBenefitYearFactory(analysis=analysis, year=1, benefit=Decimal("10"))

    # Year 1 removed and entered again as a new row, in the same save.
    response = staff.post(
        f"/en/funding/analyses/{analysis.pk}/edit/",
        analysis_data(
            [("1", "0", "150"), ("2", "0", "20")],
            existing=[(first, "0", "100", "0", False), (second, "1", "0", "10", True)],
        ),
    )

    assert response.status_code == 302
    assert list(analysis.years.values_list("year", "benefit")) == [
        (0, Decimal("0.00")),
        (1, Decimal("150.00")),
        (2, Decimal("20.00")),
    ]


# Allocations


def test_staff_take_an_allocation_back_after_confirming(staff, sam):
    allocation = AllocationFactory(action=ActionFactory(title="Huertos escolares"))
    url = f"/en/funding/allocations/{allocation.pk}/take-back/"

    listed = staff.get("/en/funding/allocations/").content.decode()
    asked = staff.post(url)
    response = staff.post(url, {"confirm": "1"})

    assert url.removeprefix("/en") in listed
    assert asked.status_code == 200 and "Huertos escolares" in asked.content.decode()
    assert response.status_code == 302
    assert not Allocation.objects.exists()
    assert AuditEntry.objects.filter(actor=sam, action="funding.allocation_delete").exists()


# Query counts


def test_the_new_lists_read_in_constant_queries(staff):
    def add_agreements(count):
        titles = []
        for number in range(count):
            agreement = CostSharingAgreement.objects.create(
                title_es=f"Acuerdo {number}",
                programme_es="Programa",
                action=ActionFactory(),
                currency="MXN",
                valid_from=date(2026, 1, 1),
                valid_until=date(2026, 12, 31),
            )
            party = FundingSourceFactory()
            AgreementShare.objects.create(agreement=agreement, party=party, percent=100)
            titles += [agreement.title, party.name]
        return titles

    def add_analyses(count):
        return [CostBenefitYearFactory().analysis.title for _ in range(count)]

    assert_constant_queries(staff, "/en/funding/agreements/", add_agreements)
    assert_constant_queries(staff, "/en/funding/analyses/", add_analyses)


def test_the_needs_page_lists_its_budget_lines_in_constant_queries(staff):
    def add_lines(count):
        return [BudgetLineFactory(year=2026).item for _ in range(count)] + [
            BudgetLineFactory(year=2026, action=None).item for _ in range(count)
        ]

    assert_constant_queries(staff, "/en/funding/needs/?year=2026", add_lines)


def test_the_edit_pages_read_in_constant_queries(staff, adopted_action):
    agreement = CostSharingAgreement.objects.create(
        title_es="Acuerdo",
        programme_es="Programa",
        total_amount=Decimal("1000"),
        currency="MXN",
        valid_from=date(2026, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    analysis = CostBenefitAnalysisFactory()
    years = iter(range(100))

    def add_shares(count):
        return [
            AgreementShare.objects.create(
                agreement=agreement,
                party=FundingSourceFactory(),
                amount=Decimal(10),
                pays_for=f"Gastos {number}",
            ).pays_for
            for number in range(count)
        ]

    def add_years(count):
        return [
            CostBenefitYearFactory(analysis=analysis, year=next(years), note=f"Nota {n}").note
            for n in range(count)
        ]

    assert_constant_queries(staff, f"/en/funding/agreements/{agreement.pk}/edit/", add_shares)
    assert_constant_queries(staff, f"/en/funding/analyses/{analysis.pk}/edit/", add_years)


def test_the_budget_line_and_contribution_forms_read_in_constant_queries(staff, adopted_action):
    line = BudgetLineFactory(action=adopted_action)
    contribution = ContributionFactory()
    titles = iter(range(100))

    def add_actions(count):
        return [
            ActionFactory(objective=adopted_action.objective, title=f"Huerto {next(titles)}").title
            for _ in range(count)
        ]

    def add_sources(count):
        return [FundingSourceFactory().name for _ in range(count)]

    assert_constant_queries(staff, f"/en/funding/needs/{line.pk}/edit/", add_actions)
    assert_constant_queries(
        staff, f"/en/funding/contributions/{contribution.pk}/edit/", add_sources
    )
