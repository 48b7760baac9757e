"""Learning organisations: an organisation's admins pledge, assess themselves once a year, ask
the city for support (staff answer; the organisation hears of each change) and report yearly;
the pledged organisations are listed publicly. A learner-friendly city: a space's organisation
fills its checklist; anyone reports a barrier met at a space, and staff answer it to its end."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from learningcity.models import AuditEntry, Notification, OutgoingEmail
from learningcity.personal_data import account_delete
from provision import learning_orgs as services
from provision.learning_org_models import (
    ASSESSMENT_ITEMS,
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SpaceChecklist,
    SupportRequest,
    YearlyReport,
)
from provision.personal_data import delete_barriers, export_barriers
from tests.admin_forms import change_form_data
from tests.learningcity.test_personal_data import tables_holding
from tests.provision.factories import LearningSpaceFactory
from tests.provision.learning_org_factories import (
    BarrierReportFactory,
    PledgeFactory,
    SelfAssessmentAnswerFactory,
    SelfAssessmentFactory,
    SupportRequestFactory,
    YearlyReportFactory,
)
from tests.queries import assert_constant_queries, max_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]

LIST = "/en/provision/learning-organisations/"
BASE = "/en/provision/learning-organisations/biblioteca-central/"
SUPPORT_LIST = "/en/provision/support-requests/"
BARRIERS = "/en/provision/barriers/"
YEAR = 2026


@pytest.fixture
def client_for(client_for):
    """Signed in, reading the English pages."""

    def make(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return client_for(person)

    return make


@pytest.fixture
def pledged(organisation, bob):
    """The Biblioteca Central, whose admin Bob pledged."""
    return services.pledge_save(
        organisation=organisation,
        commitments=["staff_learning_time", "open_premises"],
        statement="Dos horas a la semana para aprender.",
        by=bob,
    )


@pytest.fixture
def dave(organisation):
    """Dave, a member (not an admin) of the Biblioteca Central."""
    person = UserFactory(email="dave@example.org", full_name="Dave Miembro")
    MembershipFactory(user=person, organisation=organisation, role="member")
    return person


@pytest.fixture
def space(organisation):
    return LearningSpaceFactory(
        name="Biblioteca Norte", slug="biblioteca-norte", organization=organisation
    )


def all_answers(rating="3"):
    data = {}
    for code, _label in ASSESSMENT_ITEMS:
        data[f"rating_{code}"] = rating
        data[f"comment_{code}"] = f"Sobre {code}"
    return data


# Learning organisations -------------------------------------------------------------------


def test_an_admin_pledges_and_the_verified_organisation_is_listed_publicly(
    client, client_for, bob, organisation
):
    response = client_for(bob).post(
        BASE + "pledge/",
        {"commitments": ["mentoring", "open_premises"], "statement": "Mentoría para todos."},
    )

    assert response.status_code == 302
    pledge = LearningOrganisationPledge.objects.get()
    assert (pledge.organisation, pledge.mentoring, pledge.staff_learning_time) == (
        organisation,
        True,
        False,
    )
    assert AuditEntry.objects.filter(action="provision.pledge_save", actor=bob).exists()
    client.logout()
    assert "Biblioteca Central" in client.get(LIST).content.decode()
    page = client.get(BASE).content.decode()
    assert "Mentoría para todos." in page and "Open premises" in page


def test_an_unverified_organisation_s_pledge_is_not_public(client, pledged, organisation):
    organisation.verified = False
    organisation.save(update_fields=["verified"])

    assert "Biblioteca Central" not in client.get(LIST).content.decode()
    assert client.get(BASE).status_code == 404


def test_an_organisation_that_did_not_pledge_has_no_public_page(client, organisation):
    assert client.get(BASE).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"statement": "Algo"}, "Choose at least one commitment."),
        ({"commitments": ["mentoring"]}, "This field is required."),
        ({"commitments": ["free_coffee"], "statement": "Algo"}, "Select a valid choice."),
        ({"commitments": ["mentoring"], "statement": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_bad_pledge_re_renders_the_form_and_saves_nothing(client_for, bob, data, message):
    response = client_for(bob).post(BASE + "pledge/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Please correct the errors below." in page
    assert not LearningOrganisationPledge.objects.exists()


@pytest.mark.parametrize("page", ["manage/", "pledge/", "assessment/", "support/", "report/"])
def test_only_the_organisation_s_admins_act_for_it(
    client, client_for, pledged, dave, alice, sam, page
):
    assert "/accounts/login/" in client.get(BASE + page)["Location"]
    other_admin = UserFactory()
    MembershipFactory(user=other_admin, organisation=OrganisationFactory(), role="admin")
    for person in (dave, alice, sam, other_admin):
        assert client_for(person).get(BASE + page).status_code == 403
        assert client_for(person).post(BASE + page, {"statement": "x"}).status_code == 403


def test_the_services_refuse_whoever_is_not_the_organisation_s_admin(
    organisation, pledged, dave, sam
):
    for person in (dave, sam):
        with pytest.raises(PermissionDenied):
            services.pledge_save(
                organisation=organisation, commitments=["mentoring"], statement="x", by=person
            )
        with pytest.raises(PermissionDenied):
            services.support_request_submit(
                organisation=organisation, kind="advice", description="x", by=person
            )
        with pytest.raises(PermissionDenied):
            services.yearly_report_save(organisation=organisation, year=YEAR, text="x", by=person)


def test_an_unknown_organisation_is_not_found(client_for, bob):
    assert (
        client_for(bob).get("/en/provision/learning-organisations/nadie/manage/").status_code == 404
    )


def test_the_self_assessment_asks_for_a_pledge_first(client_for, bob, organisation):
    response = client_for(bob).get(BASE + "assessment/")

    assert response.status_code == 302 and response["Location"].endswith("/pledge/")


def test_an_admin_fills_the_self_assessment_once_a_year_and_filling_again_replaces_it(
    client, client_for, bob, pledged
):
    admin = client_for(bob)
    admin.post(BASE + "assessment/", all_answers("2"))
    response = admin.post(BASE + "assessment/", all_answers("4"))

    assert response.status_code == 302
    assessment = SelfAssessment.objects.get()
    assert assessment.year == YEAR
    assert sorted(assessment.answers.values_list("rating", flat=True)) == [4] * 8
    assert "Sobre leadership" in admin.get(BASE + "assessment/").content.decode()
    client.logout()
    page = client.get(BASE).content.decode()
    assert "Fully in place" in page and "Sobre mentoring" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rating_leadership": ""}, "This field is required."),
        ({"rating_mentoring": "5"}, "Select a valid choice."),
        ({"comment_sharing": "x" * 501}, "at most 500 characters"),
    ],
)
def test_a_bad_self_assessment_re_renders_and_saves_nothing(
    client_for, bob, pledged, change, message
):
    response = client_for(bob).post(BASE + "assessment/", {**all_answers(), **change})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_the_service_refuses_a_self_assessment_with_an_item_missing(organisation, bob, pledged):
    answers = {code: (3, "") for code, _label in ASSESSMENT_ITEMS[1:]}

    with translation.override("en"), pytest.raises(ValidationError, match="Rate every item"):
        services.self_assessment_save(organisation=organisation, year=YEAR, answers=answers, by=bob)
    assert not SelfAssessment.objects.exists()


def test_an_admin_writes_a_yearly_report_one_per_year(client, client_for, bob, pledged):
    admin = client_for(bob)
    admin.post(BASE + "report/", {"text": "Primer borrador."})
    admin.post(BASE + "report/", {"text": "Veinte personas tomaron cursos."})

    assert list(YearlyReport.objects.values_list("year", "text")) == [
        (YEAR, "Veinte personas tomaron cursos.")
    ]
    assert admin.post(BASE + "report/", {"text": ""}).status_code == 200
    client.logout()
    assert "Veinte personas tomaron cursos." in client.get(BASE).content.decode()


# Support requests -----------------------------------------------------------------------


def test_an_admin_asks_for_support_and_the_organisation_s_admins_are_notified(
    client_for, bob, pledged, organisation
):
    other_admin = UserFactory(email="eva@example.org", preferred_language="en")
    MembershipFactory(user=other_admin, organisation=organisation, role="admin")

    response = client_for(bob).post(
        BASE + "support/", {"kind": "training", "description": "Un taller de mentoría."}
    )

    assert response.status_code == 302
    request = SupportRequest.objects.get()
    assert (request.status, request.requested_by, request.organisation) == (
        "submitted",
        bob,
        organisation,
    )
    notified = Notification.objects.filter(kind="provision.support_request_changed")
    assert set(notified.values_list("recipient__email", flat=True)) == {
        "bob@example.org",
        "eva@example.org",
    }
    assert "Submitted" in notified.get(recipient=other_admin).subject


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": "Algo"}, "This field is required."),
        ({"kind": "money", "description": "Algo"}, "Select a valid choice."),
        ({"kind": "advice", "description": ""}, "This field is required."),
    ],
)
def test_a_bad_request_for_support_re_renders_and_sends_nothing(
    client_for, bob, pledged, data, message
):
    response = client_for(bob).post(BASE + "support/", data)

    assert response.status_code == 200 and message in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_staff_take_up_and_answer_a_request_and_the_organisation_hears_of_each_change(
    client_for, sam, bob, pledged, organisation
):
    request = services.support_request_submit(
        organisation=organisation, kind="advice", description="¿Cómo empezamos?", by=bob
    )
    staff = client_for(sam)
    assert "¿Cómo empezamos?" in staff.get(SUPPORT_LIST).content.decode()

    staff.post(f"{SUPPORT_LIST}{request.pk}/", {"status": "in_progress", "response": ""})
    response = staff.post(
        f"{SUPPORT_LIST}{request.pk}/", {"status": "answered", "response": "Le llamamos el lunes."}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.response, request.handled_by) == (
        "answered",
        "Le llamamos el lunes.",
        sam,
    )
    notes = Notification.objects.filter(recipient=bob).order_by("pk")
    assert notes.count() == 3
    assert "Le llamamos el lunes." in notes.last().text
    assert "Le llamamos el lunes." in client_for(bob).get(BASE + "manage/").content.decode()


def test_an_answer_needs_words_and_nothing_changes_without_them(client_for, sam):
    request = SupportRequestFactory()

    response = client_for(sam).post(f"{SUPPORT_LIST}{request.pk}/", {"status": "answered"})

    assert response.status_code == 200
    assert "Write the answer the organisation will read." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "submitted"
    assert not Notification.objects.exists()


def test_only_staff_handle_requests_for_support(client, client_for, bob, alice):
    request = SupportRequestFactory()
    for url in (SUPPORT_LIST, f"{SUPPORT_LIST}{request.pk}/"):
        client.logout()
        assert "/accounts/login/" in client.get(url)["Location"]
        assert client_for(alice).get(url).status_code == 403
        assert client_for(bob).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.support_request_update(
            support_request=request, status="closed", response="x", by=bob
        )
    assert SupportRequest.objects.get().status == "submitted"


def test_waiting_requests_and_barriers_are_in_the_staff_inbox_and_nobody_else_s(
    client_for, sam, alice
):
    SupportRequestFactory(organisation=OrganisationFactory(name="Museo del Agua"))
    SupportRequestFactory(organisation=OrganisationFactory(name="Ya Cerrado"), status="closed")
    BarrierReportFactory(space=LearningSpaceFactory(name="Casa de Cultura Sur"))

    page = client_for(sam).get("/en/inbox/").content.decode()

    assert "Requests for support from learning organisations" in page
    assert "Museo del Agua" in page and "Ya Cerrado" not in page
    assert "Barriers reported at learning spaces" in page and "Casa de Cultura Sur" in page
    citizen = client_for(alice).get("/en/inbox/").content.decode()
    assert "Requests for support" not in citizen and "Barriers reported" not in citizen


# A learner-friendly city ------------------------------------------------------------------


def test_the_space_s_organisation_admin_fills_its_checklist_and_it_shows_on_the_space(
    client, client_for, bob, space
):
    response = client_for(bob).post(
        f"/en/provision/spaces/{space.slug}/checklist/",
        {"ticked": ["welcome", "signage", "costs_explained"], "note": "Visitas guiadas los lunes."},
    )

    assert response.status_code == 302
    checklist = SpaceChecklist.objects.get(space=space)
    assert (checklist.welcome, checklist.hours, checklist.score) == (True, False, 3)
    client.logout()
    page = client.get(f"/en/provision/spaces/{space.slug}/").content.decode()
    assert "Visitas guiadas los lunes." in page and "Costs explained" in page


def test_only_the_space_s_organisation_admins_fill_its_checklist(
    client, client_for, dave, alice, sam, space
):
    url = f"/en/provision/spaces/{space.slug}/checklist/"
    assert "/accounts/login/" in client.get(url)["Location"]
    for person in (dave, alice, sam):
        assert client_for(person).post(url, {"ticked": ["welcome"]}).status_code == 403
    assert not SpaceChecklist.objects.exists()
    assert client_for(sam).get("/en/provision/spaces/nowhere/checklist/").status_code == 404


def test_a_bad_checklist_re_renders_and_saves_nothing(client_for, bob, space):
    response = client_for(bob).post(
        f"/en/provision/spaces/{space.slug}/checklist/", {"ticked": ["wifi"]}
    )

    assert response.status_code == 200 and "Select a valid choice." in response.content.decode()
    assert not SpaceChecklist.objects.exists()


def test_anyone_reports_a_barrier_and_keeps_no_trace_but_what_they_typed(client, space):
    response = client.post(
        f"/en/provision/spaces/{space.slug}/barrier/",
        {"kind": "access", "description": "La rampa está bloqueada.", "email": "ana@example.org"},
        REMOTE_ADDR="10.1.2.3",
        follow=True,
    )

    assert "Thank you" in response.content.decode()
    report = BarrierReport.objects.get()
    assert (report.space, report.status, report.user, report.language) == (space, "new", None, "en")
    assert "10.1.2.3" not in " ".join(str(value) for value in vars(report).values())
    assert AuditEntry.objects.get(action="provision.barrier_submit").actor is None


def test_a_signed_in_person_s_barrier_is_linked_to_their_account(client_for, alice, space):
    client_for(alice).post(
        f"/en/provision/spaces/{space.slug}/barrier/",
        {"kind": "hours", "description": "Cierra pronto."},
    )

    assert BarrierReport.objects.get().user == alice


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": "Algo"}, "This field is required."),
        ({"kind": "weather", "description": "Algo"}, "Select a valid choice."),
        ({"kind": "access"}, "This field is required."),
        (
            {"kind": "access", "description": "Algo", "email": "nope"},
            "Enter a valid email address.",
        ),
        ({"kind": "access", "description": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_a_bad_barrier_report_re_renders_and_saves_nothing(client, space, data, message):
    response = client.post(f"/en/provision/spaces/{space.slug}/barrier/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Please correct the errors below." in page
    assert not BarrierReport.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(client, space):
    response = client.post(
        f"/en/provision/spaces/{space.slug}/barrier/",
        {"kind": "access", "description": "Spam", "website": "http://spam"},
        follow=True,
    )

    assert "Thank you" in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_a_draft_space_takes_no_barrier_reports(client):
    draft = LearningSpaceFactory(status="draft")

    assert client.get(f"/en/provision/spaces/{draft.slug}/barrier/").status_code == 404


def test_staff_answer_a_barrier_the_reporter_is_emailed_and_it_shows_without_who_sent_it(
    client, client_for, sam, space
):
    report = BarrierReportFactory(
        space=space, email="ana@example.org", name="Ana Vecina", language="en",
        description="La rampa está bloqueada.",
    )  # fmt: skip
    staff = client_for(sam)
    page = staff.get(f"{BARRIERS}{report.pk}/").content.decode()
    assert "ana@example.org" in page and "Ana Vecina" in page

    response = staff.post(
        f"{BARRIERS}{report.pk}/",
        {"status": "resolved", "response": "Quitamos las macetas.", "is_public": "on"},
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.handled_by, report.is_public) == ("resolved", sam, True)
    email = OutgoingEmail.objects.get(to="ana@example.org")
    assert "Biblioteca Norte" in email.subject and "Quitamos las macetas." in email.body
    client.logout()
    public = client.get(f"/en/provision/spaces/{space.slug}/").content.decode()
    assert "Quitamos las macetas." in public and "La rampa está bloqueada." in public
    assert "ana@example.org" not in public and "Ana Vecina" not in public


def test_a_signed_in_reporter_is_notified(sam, alice, space):
    report = BarrierReportFactory(space=space, user=alice)

    services.barrier_respond(
        report=report, status="in_progress", response="Lo revisamos.", is_public=False, by=sam
    )

    assert Notification.objects.get(recipient=alice).kind == "provision.barrier_answered"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "resolved", "response": ""}, "Write the answer the person will read."),
        (
            {"status": "new", "response": "", "is_public": "on"},
            "Answer the barrier before showing it.",
        ),
        ({"status": "fixed", "response": "Hecho."}, "Select a valid choice."),
    ],
)
def test_a_bad_answer_to_a_barrier_re_renders_and_changes_nothing(client_for, sam, data, message):
    report = BarrierReportFactory(email="ana@example.org")

    response = client_for(sam).post(f"{BARRIERS}{report.pk}/", data)

    assert response.status_code == 200 and message in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.is_public) == ("new", False)
    assert not OutgoingEmail.objects.exists()


def test_only_staff_moderate_barriers(client, client_for, bob, alice, mona):
    report = BarrierReportFactory()
    for url in (BARRIERS, f"{BARRIERS}{report.pk}/"):
        client.logout()
        assert "/accounts/login/" in client.get(url)["Location"]
        for person in (alice, bob, mona):
            assert client_for(person).get(url).status_code == 403
    assert (
        client_for(bob)
        .post(f"{BARRIERS}{report.pk}/", {"status": "resolved", "response": "x"})
        .status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.barrier_respond(
            report=report, status="resolved", response="x", is_public=True, by=bob
        )
    assert BarrierReport.objects.get().status == "new"


def test_unanswered_or_hidden_barriers_stay_off_the_space_s_page(client, sam, space):
    BarrierReportFactory(space=space, description="Nadie me atendió.")
    hidden = BarrierReportFactory(space=space, description="Un escalón alto.")
    services.barrier_respond(
        report=hidden, status="closed", response="No podemos cambiarlo.", is_public=False, by=sam
    )

    page = client.get(f"/en/provision/spaces/{space.slug}/").content.decode()

    assert "Nadie me atendió." not in page and "Un escalón alto." not in page


def test_a_person_s_barriers_are_in_their_data_and_lose_their_contact_when_deleted(alice, space):
    BarrierReportFactory(space=space, user=alice, description="Soy Alice Ciudadana.")
    BarrierReportFactory(space=space, email="ALICE@example.org", name="Alice")
    BarrierReportFactory(space=space, email="other@example.org")

    exported = export_barriers(user=alice)["barrier_reports"]
    delete_barriers(user=alice, emails=[alice.email], names=[alice.full_name])

    assert [row["space"] for row in exported] == ["Biblioteca Norte", "Biblioteca Norte"]
    assert BarrierReport.objects.count() == 3
    assert not BarrierReport.objects.filter(user=alice).exists()
    assert not BarrierReport.objects.filter(email__iexact=alice.email).exists()
    assert not BarrierReport.objects.filter(description__icontains="Alice Ciudadana").exists()
    assert BarrierReport.objects.filter(email="other@example.org").exists()


def test_after_the_account_is_deleted_its_barriers_hold_neither_address_nor_name(sam, space):
    dora = UserFactory(email="dora.docente@example.org", full_name="Dora Docente")
    report = BarrierReportFactory(
        space=space, user=dora, name="Dora Docente", email="dora.docente@example.org",
        description="Soy Dora Docente y no encontré la entrada.",
    )  # fmt: skip
    services.barrier_respond(
        report=report, status="resolved", response="Hola, Dora Docente: ya hay letrero.",
        is_public=False, by=sam,
    )  # fmt: skip

    account_delete(user=dora, by=dora)

    assert tables_holding("dora.docente@example.org") == []
    assert tables_holding("Dora Docente") == []
    assert BarrierReport.objects.get().status == "resolved"


# Query counts ------------------------------------------------------------------------------


def test_the_public_list_s_queries_do_not_grow_with_its_organisations(client):
    def add_rows(count):
        return [PledgeFactory().organisation.name for _number in range(count)]

    assert_constant_queries(client, LIST, add_rows)


def test_the_staff_lists_queries_do_not_grow_with_their_rows(client_for, sam):
    staff = client_for(sam)

    def add_requests(count):
        return [SupportRequestFactory().description for _number in range(count)]

    def add_barriers(count):
        return [BarrierReportFactory().description for _number in range(count)]

    assert_constant_queries(staff, SUPPORT_LIST, add_requests)
    assert_constant_queries(staff, BARRIERS, add_barriers)


def test_the_public_page_and_the_admin_page_read_a_fixed_number_of_queries(
    client, client_for, bob, pledged, organisation
):
    def fill(years):
        for year in years:
            assessment = SelfAssessmentFactory(organisation=organisation, year=year)
            for code, _label in ASSESSMENT_ITEMS:
                SelfAssessmentAnswerFactory(assessment=assessment, item=code)
            YearlyReportFactory(organisation=organisation, year=year)
            SupportRequestFactory(organisation=organisation)
            LearningSpaceFactory(organization=organisation)

    fill([2020])
    client.get(BASE)
    with max_queries(20) as first:
        client.get(BASE)
    fill([2021, 2022, 2023])
    with max_queries(len(first.captured_queries)):
        assert "2023" in client.get(BASE).content.decode()
    admin = client_for(bob)
    admin.get(BASE + "manage/")
    with max_queries(30) as first:
        admin.get(BASE + "manage/")
    fill([2024, 2025])
    with max_queries(len(first.captured_queries)):
        assert "2025" in admin.get(BASE + "manage/").content.decode()


def test_the_space_page_s_queries_do_not_grow_with_its_barriers(client, sam, space):
    def add_rows(count):
        shown = []
        for _number in range(count):
            report = BarrierReportFactory(space=space)
            services.barrier_respond(
                report=report, status="resolved", response="Hecho.", is_public=True, by=sam
            )
            shown.append(report.description)
        return shown

    assert_constant_queries(client, f"/en/provision/spaces/{space.slug}/", add_rows)


def test_the_english_pages_speak_english(client, pledged):
    with translation.override("en"):
        assert "Learning organisations" in client.get(LIST).content.decode()


# The administration -----------------------------------------------------------------------


def test_staff_answer_a_barrier_and_a_request_in_the_admin_through_the_services(
    client_for, sam, bob, pledged, organisation
):
    report = BarrierReportFactory(email="ana@example.org")
    request = SupportRequestFactory(organisation=organisation)
    client = client_for(sam)
    translation.activate("en")

    for url, status in (
        (reverse("admin:provision_barrierreport_change", args=[report.pk]), "resolved"),
        (reverse("admin:provision_supportrequest_change", args=[request.pk]), "answered"),
    ):
        data = change_form_data(client.get(url), status=status)
        data["response"] = "Resuelto."
        assert client.post(url, data).status_code == 302

    report.refresh_from_db()
    request.refresh_from_db()
    assert (report.status, report.handled_by, request.status) == ("resolved", sam, "answered")
    assert OutgoingEmail.objects.filter(to="ana@example.org").exists()
    assert Notification.objects.filter(recipient=bob).exists()
    assert client.get(reverse("admin:provision_barrierreport_add")).status_code == 403
    pledge_url = reverse("admin:provision_learningorganisationpledge_change", args=[pledged.pk])
    assert client.get(pledge_url).status_code == 200


def test_people_without_the_staff_role_cannot_read_barriers_in_the_admin(client_for, bob):
    report = BarrierReportFactory(email="ana@example.org")
    url = reverse("admin:provision_barrierreport_change", args=[report.pk])

    assert client_for(bob).get(url).status_code in {302, 403}


def test_the_organisation_s_page_shows_its_admins_the_way_to_pledge_and_manage(
    client, client_for, bob, dave, organisation
):
    page = f"/en/stakeholders/organisations/{organisation.slug}/"
    assert "Pledge to become a learning organisation" not in client.get(page).content.decode()
    assert "Pledge to become a learning organisation" not in (
        client_for(dave).get(page).content.decode()
    )
    assert "Pledge to become a learning organisation" in client_for(bob).get(page).content.decode()

    PledgeFactory(organisation=organisation)

    assert "Manage it as a learning organisation" in client.get(page).content.decode()
