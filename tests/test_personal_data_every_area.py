"""Issue 23, privacy, across every app at once: Erin, a citizen and a member of the Biblioteca
Central, leaves one record in every area that holds personal data. Her download holds each of
them; deleting her account leaves neither her address nor her name in any table, while what she
contributed stays as each app keeps it; and nobody but her and city staff reads her learning
need, her recognition application or her registrations.

The apps' own tests (tests/*/test_personal_data.py, tests/provision/test_recognition.py...) look
at one area each; this one shows the core's hooks reach them all for one person."""

import json
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import services as event_services
from events.models import Registration
from funding import services as funding_services
from funding.models import Booking
from learningcity.models import AuditEntry, NotificationPreference, User
from learningcity.notifications import notification_preferences_set
from monitoring import feedback_services, surveys
from monitoring import services as monitoring_services
from monitoring.models import Feedback, Follow, Response
from planning import services as planning_services
from planning.models import (
    ActionContact,
    ActionPlan,
    ActionRole,
    CommentPeriod,
    DraftComment,
    ProgressUpdate,
    Proposal,
)
from provision import learning_orgs, recognition
from provision import services as provision_services
from provision.learning_org_models import BarrierReport
from provision.models import LearningNeed, Rating
from provision.recognition_models import Credential, RecognitionApplication
from stakeholders import services as stakeholder_services
from stakeholders.forum import services as forum_services
from stakeholders.forum.models import Flag, Post, Subscription, Topic
from stakeholders.models import CommitteeTerm, Membership, OrganisationInvitation
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.funding.factories import SharedResourceFactory
from tests.learningcity.test_personal_data import tables_holding
from tests.monitoring.factories import IndicatorFactory, QuestionFactory, SurveyFactory
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    ConsultationFactory,
    ObjectiveFactory,
)
from tests.provision.factories import (
    LearningNeedFactory,
    LearningSpaceFactory,
    OpportunityFactory,
    RecognitionProcedureFactory,
    SubjectFactory,
)
from tests.stakeholders.factories import (
    PASSWORD,
    CommitteeTermFactory,
    MembershipFactory,
    OrganisationFactory,
    SectorFactory,
    UserFactory,
)
from tests.stakeholders.forum.factories import CategoryFactory, reply, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]

ERIN_EMAIL = "erin.estudiante@example.org"
ERIN_NAME = "Erin Estudiante"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A kind whose default is not "never", so her choice is a row of her own.
NOTIFICATION_KIND = "provision.need_answered"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Her evidence file is written to, and removed from, a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def dana(organisation):
    """Dana, a member of the Biblioteca Central and an assessor of its procedure."""
    user = UserFactory(email="dana@example.org", full_name="Dana Asesora")
    MembershipFactory(user=user, organisation=organisation, role="member")
    return user


@pytest.fixture
def otto(db):
    """Otto, admin of another organisation, the Centro Cultural Sur."""
    user = UserFactory(email="otto@example.org", full_name="Otto Otraorg")
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(name="Centro Cultural Sur", slug="centro-cultural-sur"),
        role="admin",
    )
    return user


@pytest.fixture
def erin(bob, organisation):
    """Erin, a citizen, member of the Biblioteca Central by Bob's invitation."""
    invitation = stakeholder_services.invitation_send(
        organisation=organisation, email=ERIN_EMAIL, role="member", by=bob
    )
    person = UserFactory(email=ERIN_EMAIL, full_name=ERIN_NAME)
    stakeholder_services.invitation_accept(invitation=invitation, user=person)
    return person


def _adopted_action(organisation):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    action = ActionFactory(
        objective=ObjectiveFactory(plan=plan),
        title="Huertos escolares que enseñan",
        lead_organisation=organisation,
    )
    ActionRoleFactory(action=action, organisation=organisation, role=ActionRole.Role.LEAD)
    return action


@pytest.fixture
def everywhere(erin, bob, sam, dana, otto, organisation):
    """One record of Erin's in every area, made through the apps' services (factories only for
    what she does not make herself: the event, the survey, the procedure...)."""
    made = SimpleNamespace()
    other_organisation = otto.memberships.get().organisation

    # Stakeholders: the membership and invitation above, and a committee term.
    made.term = CommitteeTermFactory(person=erin, person_name="", organisation=organisation)

    # Forum: a topic she started (which she then follows), a category she follows, a reply of
    # Bob's that names her, and a flag she raised on another post of his.
    category = CategoryFactory(slug="comparta", name_es="Comparta su experiencia")
    made.topic = start_topic(
        erin, category, title="Huertos para aprender", body="Propongo un huerto en la escuela."
    )
    made.her_post = made.topic.posts.get()
    forum_services.follow(user=erin, category=category)
    made.bobs_reply = reply(made.topic, bob, body=f"Gracias, {ERIN_NAME}, me sumo.")
    bobs_topic = start_topic(bob, category, title="Venta de libros", body="Compren aquí.")
    made.flag = forum_services.post_flag(
        post=bobs_topic.posts.get(), by=erin, reason="spam", note="Parece publicidad"
    )

    # Planning: contact person of an action with a progress update written, a proposal in a
    # consultation, and a comment on a draft plan.
    made.action = _adopted_action(organisation)
    planning_services.action_contact_add(
        action=made.action, person=erin, organisation=organisation, by=sam
    )
    made.update = planning_services.progress_update_submit(
        update=ProgressUpdate(action=made.action, done="Sembramos el huerto de la escuela."),
        by=erin,
        organisation=organisation,
    )
    participant = planning_services.consultation_invite(
        consultation=ConsultationFactory(), email=ERIN_EMAIL, sector=SectorFactory(), by=sam
    )
    planning_services.consultation_join(participant=participant, user=erin)
    made.proposal = planning_services.proposal_create(
        participant=participant, title="Un huerto en cada escuela"
    )
    draft = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    CommentPeriod.objects.create(
        plan=draft,
        opens_on=TODAY.date() - timedelta(days=1),
        closes_on=TODAY.date() + timedelta(days=30),
        opened_by=sam,
    )
    made.draft_comment = planning_services.draft_comment_create(
        plan=draft, by=erin, text="Que el plan cuente con los huertos vecinales."
    )

    # Events: a registration with her account, and one as a guest with her address.
    made.event = EventFactory(title="Taller de compostaje", slug="taller-de-compostaje")
    made.registration = event_services.registration_create(
        event=made.event, user=erin, language="es"
    )
    made.guest_registration = event_services.registration_create(
        event=EventFactory(title="Feria del libro"), name=ERIN_NAME, email=ERIN_EMAIL, language="es"
    )

    # Provision: a learning need with her contact details, a recognition application with its
    # evidence, accepted by Dana (which issues the credential), a rating and a barrier report.
    made.need = provision_services.need_submit(
        need=LearningNeedFactory.build(
            subject=SubjectFactory(name_es="Jardinería"),
            subject_other="Huertos en azotea",
            details="Trabajo de noche; escríbanme.",
            name=ERIN_NAME,
            email=ERIN_EMAIL,
        ),
        by=erin,
    )
    procedure = RecognitionProcedureFactory(
        provider=organisation, title_es="Mediación de lectura", assessors=[dana]
    )
    made.application = recognition.application_submit(
        application=RecognitionApplication(
            statement="Leo cuentos a familias cada sábado.",
            evidence_file=SimpleUploadedFile("constancia.pdf", PDF, "application/pdf"),
        ),
        procedure=procedure,
        by=erin,
    )
    made.evidence = made.application.evidence_file.name
    made.storage = made.application.evidence_file.storage
    recognition.application_decide(
        application=made.application, accept=True, reasons="Sesiones bien preparadas.", by=dana
    )
    made.credential = Credential.objects.get(application=made.application)
    made.rating = provision_services.rating_submit(
        opportunity=OpportunityFactory(name="Taller de huertos", organization=other_organisation),
        author=erin,
        stars=5,
        comment="Muy práctico.",
        attended=True,
    )
    made.barrier = learning_orgs.barrier_submit(
        report=BarrierReport(
            space=LearningSpaceFactory(name="Biblioteca Norte"),
            kind=BarrierReport.Kind.ACCESS,
            description="La rampa estaba cerrada.",
            name=ERIN_NAME,
            email=ERIN_EMAIL,
            language="es",
        ),
        by=erin,
    )

    # Monitoring: a survey answered signed in, feedback left with her address but not signed
    # in, and an indicator followed.
    made.survey = SurveyFactory(title="¿Qué quiere aprender?")
    question = QuestionFactory(survey=made.survey, kind="text", text="¿Qué curso le falta?")
    made.response = surveys.survey_answer(
        survey=made.survey, user=erin, token=None, answers={question: "Carpintería"}
    )
    made.feedback = feedback_services.feedback_submit(
        text="Más cursos por la tarde, por favor.",
        language="es",
        contact_name=ERIN_NAME,
        contact_email=ERIN_EMAIL,
    )
    made.indicator = IndicatorFactory(name="Personas adultas en cursos")
    monitoring_services.follow_set(indicator=made.indicator, user=erin, following=True)

    # Funding: a booking she asked for her organisation (funding keeps nothing of hers but who
    # asked).
    made.booking = funding_services.booking_request(
        resource=SharedResourceFactory(organisation=other_organisation, name="Sala multiusos"),
        organisation=organisation,
        purpose="Taller de huertos",
        starts_on=TODAY.date() + timedelta(days=7),
        ends_on=TODAY.date() + timedelta(days=7),
        units=Decimal(3),
        by=erin,
    )

    # Notifications: how often she hears of an answered need.
    notification_preferences_set(user=erin, frequencies={NOTIFICATION_KIND: "never"})
    return made


def _download(client):
    response = client.get(reverse("account_personal_data"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_download_holds_her_record_in_every_area(client_for, erin, everywhere):
    made = everywhere

    data = _download(client_for(erin))

    assert data["account"]["email"] == ERIN_EMAIL
    # Stakeholders.
    assert [m["organisation"] for m in data["memberships"]] == ["Biblioteca Central"]
    assert [i["organisation"] for i in data["invitations_received"]] == ["Biblioteca Central"]
    assert [t["organisation"] for t in data["committee_terms"]] == ["Biblioteca Central"]
    # Forum.
    assert [p["text"] for p in data["forum_posts"]] == ["Propongo un huerto en la escuela."]
    assert [t["title"] for t in data["forum_topics_started"]] == ["Huertos para aprender"]
    followed = {(f["topic"], f["category"]) for f in data["forum_follows"]}
    assert ("Huertos para aprender", None) in followed
    assert (None, "Comparta su experiencia") in followed
    assert [f["note"] for f in data["forum_flags"]] == ["Parece publicidad"]
    # Planning.
    assert [c["action"] for c in data["action_contacts"]] == [made.action.title]
    assert [u["done"] for u in data["progress_updates_written"]] == [
        "Sembramos el huerto de la escuela."
    ]
    assert [p["title"] for p in data["consultation_proposals"]] == ["Un huerto en cada escuela"]
    # Events: with the account and as a guest.
    registrations = {r["event"]: r for r in data["event_registrations"]}
    assert set(registrations) == {"Taller de compostaje", "Feria del libro"}
    assert registrations["Feria del libro"]["email"] == ERIN_EMAIL
    # Provision.
    [need] = data["learning_needs"]
    assert (need["name"], need["email"], need["in_your_words"]) == (
        ERIN_NAME,
        ERIN_EMAIL,
        "Huertos en azotea",
    )
    [application] = data["recognition_applications"]
    assert application["what_you_learned"] == "Leo cuentos a familias cada sábado."
    assert application["evidence_file"] == made.evidence
    assert [(c["code"], c["holder"]) for c in data["credentials"]] == [
        (made.credential.code, ERIN_NAME)
    ]
    assert [r["comment"] for r in data["learning_ratings"]] == ["Muy práctico."]
    assert [b["what_happened"] for b in data["barrier_reports"]] == ["La rampa estaba cerrada."]
    # Monitoring.
    [answered] = data["survey_answers"]
    assert answered["survey"] == "¿Qué quiere aprender?"
    assert [a["answer"] for a in answered["answers"]] == ["Carpintería"]
    assert [(f["text"], f["email"]) for f in data["feedback"]] == [
        ("Más cursos por la tarde, por favor.", ERIN_EMAIL)
    ]
    assert [i["indicator"] for i in data["indicators_followed"]] == ["Personas adultas en cursos"]
    # Notifications: her choice, and what she was told (chosen as a contact, credential issued).
    assert data["notification_preferences"][NOTIFICATION_KIND] == "never"
    assert len(data["notifications"]) >= 2


def test_the_download_holds_her_comment_on_a_draft_plan(client_for, erin, everywhere):
    text = json.dumps(_download(client_for(erin)), ensure_ascii=False)
    assert "Que el plan cuente con los huertos vecinales." in text


def test_deleting_her_account_leaves_her_address_and_name_nowhere_and_her_contributions_stay(
    client_for, erin, everywhere
):
    made = everywhere
    pk = erin.pk
    assert len(tables_holding(ERIN_EMAIL)) >= 8, "the fixture should spread the address around"
    assert len(tables_holding(ERIN_NAME)) >= 5

    response = client_for(erin).post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert not response.context["user"].is_authenticated
    assert not User.objects.filter(pk=pk).exists()
    assert tables_holding(ERIN_EMAIL) == []
    assert tables_holding(ERIN_NAME) == []
    assert AuditEntry.objects.get(action="account.delete").changes == {"account": [None, pk]}
    # Stakeholders: her membership and invitation go; the committee seat she held stays.
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not OrganisationInvitation.objects.exists()
    assert CommitteeTerm.objects.get(pk=made.term.pk).holder == "Un antiguo miembro"
    # Forum: her topic keeps its title and her post its place, without its text; Bob's reply
    # stays without her name; her follows and flag go.
    assert Topic.objects.get(pk=made.topic.pk).title == "Huertos para aprender"
    her_post = Post.objects.get(pk=made.her_post.pk)
    assert (her_post.body, her_post.author, her_post.status) == ("", None, "hidden_by_author")
    bobs_reply = Post.objects.get(pk=made.bobs_reply.pk)
    assert bobs_reply.body == "Gracias, un antiguo miembro, me sumo."
    assert not Subscription.objects.filter(user_id=pk).exists()
    assert not Flag.objects.filter(pk=made.flag.pk).exists()
    # Planning: she is no longer a contact; her update and her proposal stay, without her.
    assert not ActionContact.objects.filter(action=made.action).exists()
    update = ProgressUpdate.objects.get(pk=made.update.pk)
    assert (update.author, update.done) == (None, "Sembramos el huerto de la escuela.")
    assert Proposal.objects.get(pk=made.proposal.pk).participant.is_former_member
    comment = DraftComment.objects.get(pk=made.draft_comment.pk)
    assert (comment.author, comment.text) == (None, "Que el plan cuente con los huertos vecinales.")
    # Events: both registrations stay for the figures, without her, the coming place given up.
    for registration in (made.registration, made.guest_registration):
        kept = Registration.objects.get(pk=registration.pk)
        assert (kept.user, kept.name, kept.status) == (None, "un antiguo miembro", "cancelled")
    # Provision: the need stays counted without who sent it; the application, its evidence and
    # the credential go with her; her rating goes; the barrier stays without her.
    need = LearningNeed.objects.get(pk=made.need.pk)
    assert (need.user, need.name, need.email, need.details) == (None, "", "", "")
    assert need.subject_other == "Huertos en azotea"
    assert not RecognitionApplication.objects.exists()
    assert not Credential.objects.exists()
    assert not made.storage.exists(made.evidence)
    assert not Rating.objects.filter(pk=made.rating.pk).exists()
    barrier = BarrierReport.objects.get(pk=made.barrier.pk)
    assert (barrier.user, barrier.name, barrier.email) == (None, "", "")
    assert barrier.description == "La rampa estaba cerrada."
    # Monitoring: her survey answers and her feedback stay, anonymous; her follow goes.
    response = Response.objects.get(pk=made.response.pk)
    assert response.user is None
    assert [answer.text for answer in response.answers.all()] == ["Carpintería"]
    feedback = Feedback.objects.get(pk=made.feedback.pk)
    assert (feedback.text, feedback.contact_name, feedback.contact_email) == (
        "Más cursos por la tarde, por favor.",
        "",
        "",
    )
    assert not Follow.objects.filter(indicator=made.indicator).exists()
    # Funding keeps the booking, for her organisation, without who asked.
    booking = Booking.objects.get(pk=made.booking.pk)
    assert (booking.requested_by, booking.organisation.name) == (None, "Biblioteca Central")
    # Notifications: her choices go.
    assert not NotificationPreference.objects.filter(user_id=pk).exists()


# Her own words naming her ----------------------------------------------------------------
# What she wrote and stays after her account (an update, a proposal, an answer...) may sign
# with her name and address; the core promises neither is then in any table.
SIGNED = f"Escríbanme: {ERIN_NAME}, {ERIN_EMAIL}."


def _consultation_participant(erin, sam):
    participant = planning_services.consultation_invite(
        consultation=ConsultationFactory(), email=ERIN_EMAIL, sector=SectorFactory(), by=sam
    )
    planning_services.consultation_join(participant=participant, user=erin)
    return participant


def _in_forum_post(erin, sam, organisation):
    start_topic(erin, CategoryFactory(), title="Huertos", body=SIGNED)


def _in_barrier_report(erin, sam, organisation):
    learning_orgs.barrier_submit(
        report=BarrierReport(
            space=LearningSpaceFactory(), kind=BarrierReport.Kind.ACCESS, description=SIGNED,
            language="es",
        ),
        by=erin,
    )  # fmt: skip


def _in_learning_need(erin, sam, organisation):
    provision_services.need_submit(
        need=LearningNeedFactory.build(subject=SubjectFactory(), subject_other=SIGNED), by=erin
    )


def _in_progress_update(erin, sam, organisation):
    action = _adopted_action(organisation)
    planning_services.action_contact_add(
        action=action, person=erin, organisation=organisation, by=sam
    )
    planning_services.progress_update_submit(
        update=ProgressUpdate(action=action, done=SIGNED), by=erin, organisation=organisation
    )


def _in_proposal(erin, sam, organisation):
    planning_services.proposal_create(
        participant=_consultation_participant(erin, sam), title="Huertos", description=SIGNED
    )


def _in_proposal_comment(erin, sam, organisation):
    participant = _consultation_participant(erin, sam)
    proposal = planning_services.proposal_create(participant=participant, title="Huertos")
    planning_services.proposal_comment(participant=participant, proposal=proposal, text=SIGNED)


def _in_draft_comment(erin, sam, organisation):
    draft = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    CommentPeriod.objects.create(
        plan=draft,
        opens_on=TODAY.date() - timedelta(days=1),
        closes_on=TODAY.date() + timedelta(days=30),
        opened_by=sam,
    )
    planning_services.draft_comment_create(plan=draft, by=erin, text=SIGNED)


def _in_survey_answer(erin, sam, organisation):
    question = QuestionFactory(kind="text")
    surveys.survey_answer(survey=question.survey, user=erin, token=None, answers={question: SIGNED})


def _in_feedback(erin, sam, organisation):
    feedback_services.feedback_submit(text=SIGNED, language="es", author=erin)


def _in_booking_purpose(erin, sam, organisation):
    funding_services.booking_request(
        resource=SharedResourceFactory(),
        organisation=organisation,
        purpose=SIGNED[:255],
        starts_on=TODAY.date(),
        ends_on=TODAY.date(),
        units=Decimal(1),
        by=erin,
    )


@pytest.mark.parametrize(
    "write",
    [
        _in_forum_post,
        _in_barrier_report,
        _in_learning_need,
        _in_progress_update,
        _in_proposal,
        _in_proposal_comment,
        _in_draft_comment,
        _in_survey_answer,
        _in_feedback,
        _in_booking_purpose,
    ],
    ids=lambda write: write.__name__.removeprefix("_in_"),
)
def test_what_she_wrote_stays_without_her_name_and_address(
    client_for, erin, sam, organisation, write
):
    write(erin, sam, organisation)
    assert tables_holding(ERIN_NAME), "the record should hold her name before"

    client_for(erin).post(reverse("account_delete"), {"password": PASSWORD})

    assert not User.objects.filter(email=ERIN_EMAIL).exists()
    assert (tables_holding(ERIN_EMAIL), tables_holding(ERIN_NAME)) == ([], [])


@pytest.mark.parametrize("outsider", ["alice", "otto"])
def test_another_citizen_or_another_organisation_s_member_cannot_read_her_records(
    request, client, client_for, everywhere, outsider
):
    made = everywhere
    client_for(request.getfixturevalue(outsider))
    application_url = made.application.get_absolute_url()
    refused = {
        "her learning need": client.get(reverse("provision:need", args=[made.need.pk])),
        "the learning needs": client.get(reverse("provision:needs")),
        "her application": client.get(application_url),
        "her evidence": client.get(f"{application_url}evidence/"),
        "withdrawing her application": client.post(f"{application_url}withdraw/"),
        "withdrawing her credential": client.post(
            reverse("provision:credential-withdraw", args=[made.credential.code]),
            {"reason": "No."},
        ),
        "her barrier report": client.get(reverse("provision:barrier", args=[made.barrier.pk])),
        "the attendees of her event": client.get(
            reverse("events:attendees", args=[made.event.slug])
        ),
        "the check-in desk of her event": client.get(
            reverse("events:check-in", args=[made.event.slug])
        ),
        # Her registration's page is the e-mailed link's secret: another one finds nothing.
        "a registration by a guessed link": client.get(
            reverse("events:registration", args=["a" * len(made.registration.token)])
        ),
    }
    # Whether an application exists is nobody else's business: not found, not forbidden.
    hidden = {
        "her application",
        "her evidence",
        "withdrawing her application",
        "a registration by a guessed link",
    }

    codes = {what: response.status_code for what, response in refused.items()}

    assert codes == {what: 404 if what in hidden else 403 for what in refused}
    assert ERIN_NAME not in client.get(made.event.get_absolute_url()).content.decode()
    profile = client.get(reverse("account_profile")).content.decode()
    assert made.credential.code not in profile and "Taller de compostaje" not in profile
    assert RecognitionApplication.objects.get().status == "accepted"
    assert Credential.objects.get().withdrawn_at is None


def test_she_reads_her_own_application_and_account_page(client_for, erin, everywhere):
    made = everywhere
    client = client_for(erin)
    assert client.get(made.application.get_absolute_url()).status_code == 200
    assert client.get(f"{made.application.get_absolute_url()}evidence/").status_code == 200
    profile = client.get(reverse("account_profile")).content.decode()
    assert made.credential.code in profile and "Taller de compostaje" in profile


def test_staff_read_her_need_and_her_application(client_for, sam, everywhere):
    made = everywhere
    client = client_for(sam)
    page = client.get(reverse("provision:need", args=[made.need.pk]))
    assert page.status_code == 200
    assert ERIN_EMAIL in page.content.decode() and "Trabajo de noche" in page.content.decode()
    assert client.get(made.application.get_absolute_url()).status_code == 200
