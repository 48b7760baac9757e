"""Every e-mail the portal sends, allauth's and ours, in both languages.

Each is sent the way people cause it (a sign-up, a password reset, a registration, a review...)
with templates that print a marker for any variable they cannot fill, then read from the outbox:
no empty placeholder ("Hello from !"), the programme's name, the recipient's language, and in
Spanish one register, usted.
"""

import re
from copy import deepcopy
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.test.signals import template_rendered
from django.utils import timezone, translation

from events.models import ExhibitorApplication, MediaContact, PressRelease, Registration
from events.services import (
    event_review,
    exhibitor_call_send,
    exhibitor_review,
    press_release_send,
    registration_cancel,
    registration_confirm,
    registration_create,
)
from events.tasks import registration_reminders_task
from funding import services as funding_services
from funding.models import Booking
from learningcity.models import CityProfile, NotificationPreference, OutgoingEmail, Sector
from monitoring.bulletins import bulletin_draft, bulletin_send
from monitoring.feedback_services import feedback_answer, feedback_submit
from monitoring.models import ReportRequest
from monitoring.services import (
    follow_set,
    period_approve,
    period_return,
    period_submit,
    period_values_save,
)
from monitoring.stakeholder_reports import reminders_send as report_reminders_send
from monitoring.stakeholder_reports import report_request_send
from monitoring.timeliness import reminders_send
from planning.models import Action, ActionPlan, CommentPeriod, ProgressUpdate, StocktakeEntry
from planning.services import (
    action_contact_add,
    consultation_invite,
    draft_comment_answer,
    draft_comment_create,
    progress_update_review,
    stocktake_review,
    workshop_cancel_place,
    workshop_request_place,
    workshop_send_invitations,
)
from planning.tasks import action_reminders_task, quiet_actions_summary_task
from provision import learning_orgs, recognition
from provision.models import BarrierReport, LearningNeed, SupportRequest
from provision.recognition_models import RecognitionApplication, RecognitionProcedure
from provision.services import need_respond, need_submit, rating_moderate, rating_submit
from stakeholders.forum import services as forum_services
from stakeholders.forum.models import Topic
from stakeholders.models import Organisation
from stakeholders.services import (
    invitation_send,
    organisation_register,
    organisation_reject,
    organisation_update,
    organisation_verify,
)
from tests.events.factories import EventFactory
from tests.funding.factories import SharedResourceFactory
from tests.monitoring.factories import IndicatorFactory
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ConsultationFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ProgressUpdateFactory,
    StocktakeEntryFactory,
    WorkshopFactory,
    WorkshopParticipationFactory,
)
from tests.provision.factories import LearningSpaceFactory, OpportunityFactory
from tests.stakeholders.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.stakeholders.forum.factories import CategoryFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MISSING = "@@MISSING@@"
STRONG = "learning-is-for-life-2026"
# Informal Spanish ("tú"): the portal writes to people as "usted".
TUTEO = re.compile(
    r"\b(tú|tu|tus|te|ti|contigo|estás|puedes|tienes|quieres|vete|introdúcelo|haz|has recibido)\b",
    re.IGNORECASE,
)
# What a placeholder left empty looks like: a space or nothing before punctuation.
EMPTY_PLACEHOLDER = re.compile(r"(de parte de|from|por usar|using)\s*[!.,]", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(the|you|your|and)\b", re.IGNORECASE)
SPANISH_WORDS = re.compile(r"\b(el|la|su|de|que|usted)\b", re.IGNORECASE)


def our_email_templates():
    """Every e-mail template of the portal's own apps (`<name>_subject.txt`)."""
    return {
        str(path.relative_to(path.parents[2])).removesuffix("_subject.txt")
        for path in ROOT.glob("*/templates/*/email/*_subject.txt")
    }


@pytest.fixture
def strict_templates(settings):
    """Templates print a marker wherever a variable is missing, instead of nothing."""
    templates = deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = MISSING
    settings.TEMPLATES = templates


@pytest.fixture
def rendered():
    names = set()

    def collect(sender, template, **kwargs):
        names.add(template.name)

    template_rendered.connect(collect)
    yield names
    template_rendered.disconnect(collect)


@pytest.fixture
def city(db):
    profile = CityProfile.objects.current()
    profile.programme_name_es = "Villa Aprende"
    profile.programme_name_en = "Learning Villa"
    profile.save()
    return profile


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Runs `action`, sends what it queued, and returns the outbox rows it made."""

    def run(action, *args, **kwargs):
        before = set(OutgoingEmail.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            action(*args, **kwargs)
        return list(OutgoingEmail.objects.exclude(pk__in=before).order_by("pk"))

    return run


def check(email, language, city):
    text = f"{email.subject}\n{email.body}"
    assert MISSING not in text, f"a variable is missing in {email.subject!r}:\n{email.body}"
    assert not EMPTY_PLACEHOLDER.search(text), f"an empty placeholder in:\n{text}"
    assert email.subject.strip()
    if language == "es":
        assert not TUTEO.search(text), f"«{TUTEO.search(text)[0]}» (tú) in:\n{text}"
        assert len(SPANISH_WORDS.findall(text)) > len(ENGLISH_WORDS.findall(text)), text
    else:
        assert len(ENGLISH_WORDS.findall(text)) > len(SPANISH_WORDS.findall(text)), text
    return text


def allauth_emails(client, send, language):
    """The account e-mails, caused as people cause them, for someone who reads `language`."""
    prefix = "" if language == "es" else "/en"
    existing = UserFactory(email=f"existing-{language}@example.org", preferred_language=language)
    emails = send(
        client.post,
        f"{prefix}/accounts/signup/",
        {"email": f"new-{language}@example.org", "password1": STRONG, "password2": STRONG},
    )
    client.logout()
    emails += send(client.post, f"{prefix}/accounts/password/reset/", {"email": existing.email})
    emails += send(
        client.post, f"{prefix}/accounts/password/reset/", {"email": f"nobody-{language}@x.org"}
    )
    # Someone else, on the other language's pages, signs up with the existing address.
    other = "/en" if language == "es" else ""
    emails += send(
        client.post,
        f"{other}/accounts/signup/",
        {"email": existing.email, "password1": STRONG, "password2": STRONG},
    )
    client.force_login(
        UserFactory(email=f"unconfirmed-{language}@example.org", preferred_language=language)
    )
    emails += send(
        client.post,
        f"{prefix}/accounts/email/",
        {"action_send": "", "email": f"unconfirmed-{language}@example.org"},
    )
    client.logout()
    return emails


def our_emails(send, language, reference_data):
    """The portal's own e-mails, each sent by the service that sends it."""
    staff = UserFactory(
        email=f"staff-{language}@example.org", roles=["staff"], preferred_language=language
    )
    admin = UserFactory(email=f"admin-{language}@example.org", preferred_language=language)
    invitee = UserFactory(email=f"invitee-{language}@example.org", preferred_language=language)
    sector = Sector.objects.first()
    emails = []

    def register(name):
        organisation = Organisation(
            name=name,
            kind=Organisation.Kind.OTHER,
            sector=sector,
            description="Talleres de lectura para familias.",
            email=f"contacto-{language}@example.org",
        )
        return organisation_register(user=admin, organisation=organisation)

    emails += send(register, f"Biblioteca {language} uno")
    verified = Organisation.objects.get(name=f"Biblioteca {language} uno")
    emails += send(organisation_verify, organisation=verified, by=staff)
    verified.name = f"Biblioteca {language} uno y ludoteca"
    emails += send(organisation_update, organisation=verified, by=admin)
    emails += send(organisation_verify, organisation=verified, by=staff)
    emails += send(register, f"Biblioteca {language} dos")
    rejected = Organisation.objects.get(name=f"Biblioteca {language} dos")
    emails += send(
        organisation_reject, organisation=rejected, by=staff, reason="Falta la dirección."
    )
    emails += send(
        invitation_send, organisation=verified, email=invitee.email, role="member", by=admin
    )
    entry = StocktakeEntryFactory(
        submitted_by=admin, organisation=verified, status=StocktakeEntry.Status.PENDING
    )
    emails += send(stocktake_review, entry=entry, by=staff, decision=StocktakeEntry.Status.ACCEPTED)
    consultation = ConsultationFactory(created_by=staff)
    emails += send(
        consultation_invite, consultation=consultation, email=invitee.email, sector=sector, by=staff
    )
    participation = WorkshopParticipationFactory(organisation=verified, attended=False)
    emails += send(workshop_send_invitations, workshop=participation.workshop, by=None)
    # A place frees up in a full workshop: the organisation first on its waiting list gets it.
    upcoming = WorkshopFactory(capacity=1, starts_at=timezone.now() + timedelta(days=30))
    holder = WorkshopParticipationFactory(workshop=upcoming, attended=False)
    workshop_request_place(workshop=upcoming, organisation=verified, by=admin)
    emails += send(
        workshop_cancel_place, workshop=upcoming, organisation=holder.organisation, by=staff
    )
    # The forum: the admin follows a category and hears of a new topic at once; staff, who
    # started it, hear of the admin's reply.
    category = CategoryFactory()
    forum_services.follow(user=admin, category=category)
    NotificationPreference.objects.create(
        user=admin, kind="forum.new_topic", frequency="immediately"
    )
    emails += send(
        forum_services.topic_start, category=category, title="Lectura", body="Hola", by=staff
    )
    opened = Topic.objects.get(category=category)
    emails += send(forum_services.post_reply, topic=opened, body="¡Me sumo!", by=admin)
    emails += planning_follow_up_emails(send, staff=staff, member=admin, organisation=verified)
    emails += event_registration_emails(send, member=admin, guest=invitee.email, language=language)
    emails += monitoring_emails(send, staff=staff, member=admin, organisation=verified)
    emails += monitoring_feedback_emails(send, staff=staff, email=invitee.email, language=language)
    emails += provision_rating_emails(send, staff=staff, organisation=verified)
    emails += provision_need_emails(send, staff=staff, email=invitee.email, language=language)
    emails += provision_recognition_emails(
        send, assessor=admin, learner=invitee, organisation=verified
    )
    emails += learning_org_emails(send, staff=staff, admin=admin, organisation=verified)
    emails += barrier_emails(send, staff=staff, email=invitee.email, language=language)
    emails += funding_booking_emails(send, lender=verified, admin=admin, asker=invitee)
    # Staff are e-mailed about each registration as well: only the recipient's own mails count.
    recipients = {staff.email, admin.email, invitee.email}
    return [email for email in emails if email.to in recipients]


def provision_rating_emails(send, *, staff, organisation):
    """A learner rates one of `organisation`'s courses; once staff publish the rating, its
    people are told."""
    course = OpportunityFactory(
        organization=organisation, starts_on=timezone.localdate() - timedelta(days=7)
    )
    rating = rating_submit(
        opportunity=course, author=UserFactory(), stars=5, comment="Muy útil", attended=True
    )
    return send(rating_moderate, rating=rating, approve=True, by=staff)


def provision_need_emails(send, *, staff, email, language):
    """Someone without an account tells the city what they would like to learn and leaves an
    address; staff answer it."""
    need = need_submit(
        need=LearningNeed(subject_other="Carpintería", email=email, language=language)
    )
    return send(
        need_respond, need=need, status="answered", response="Hay un taller.", opportunities=[],
        by=staff,
    )  # fmt: skip


def provision_recognition_emails(send, *, assessor, learner, organisation):
    """A learner applies for recognition; the provider's assessor accepts one application and
    rejects another, and the learner is told each time."""
    procedure = recognition.procedure_save(
        procedure=RecognitionProcedure(
            provider=organisation, title_es="Mediación de lectura", title_en="Reading mediation",
            assessed_es="Lectura en voz alta.", assessment_es="Entrevista.", framework_level="2",
        ),
        assessors=[assessor],
        by=assessor,
    )  # fmt: skip
    emails = []
    # Rejected first: a learner whose application was accepted does not apply again.
    for accept in (False, True):
        application = recognition.application_submit(
            application=RecognitionApplication(
                statement="Leo cuentos.", evidence_url="https://example.org/p"
            ),
            procedure=procedure,
            by=learner,
        )
        emails += send(
            recognition.application_decide, application=application, accept=accept,
            reasons="Evidencia clara.", by=assessor,
        )  # fmt: skip
    # The provider's admin later withdraws the credential: the learner is told why.
    emails += send(
        recognition.credential_withdraw, credential=application.credential,
        reason="La evidencia no era auténtica.", by=assessor,
    )  # fmt: skip
    return emails


def learning_org_emails(send, *, staff, admin, organisation):
    """The organisation's admin pledges and asks for support; staff answer; the admin hears of
    each change."""
    learning_orgs.pledge_save(
        organisation=organisation, commitments=["mentoring"], statement="Mentoría.", by=admin
    )
    emails = send(
        learning_orgs.support_request_submit,
        organisation=organisation, kind="advice", description="¿Cómo empezamos?", by=admin,
    )  # fmt: skip
    request = SupportRequest.objects.get(organisation=organisation)
    return emails + send(
        learning_orgs.support_request_update,
        support_request=request, status="answered", response="Le llamamos.", by=staff,
    )  # fmt: skip


def funding_booking_emails(send, *, lender, admin, asker):
    """`asker`'s organisation asks to borrow `lender`'s room: its `admin` is told, accepts, and
    `asker` hears of the answer."""
    room = SharedResourceFactory(organisation=lender, name="Sala de talleres")
    asking = OrganisationFactory()
    MembershipFactory(user=asker, organisation=asking)
    emails = send(
        funding_services.booking_request,
        resource=room, organisation=asking, purpose="Taller de lectura", starts_on=date(2027, 4, 1),
        ends_on=date(2027, 4, 1), units=Decimal(1), by=asker,
    )  # fmt: skip
    booking = Booking.objects.get(resource=room)
    return emails + send(funding_services.booking_decide, booking=booking, accept=True, by=admin)


def barrier_emails(send, *, staff, email, language):
    """Someone reports a barrier at a space and leaves an address; staff answer it."""
    report = learning_orgs.barrier_submit(
        report=BarrierReport(
            space=LearningSpaceFactory(), kind="access", description="Sin rampa.", email=email,
            language=language,
        )
    )  # fmt: skip
    return send(
        learning_orgs.barrier_respond,
        report=report, status="resolved", response="Ya hay rampa.", is_public=False, by=staff,
    )  # fmt: skip


def monitoring_feedback_emails(send, *, staff, email, language):
    """Someone leaves feedback with an address; staff answer it."""
    feedback = feedback_submit(text="Más cursos.", contact_email=email, language=language)
    return send(feedback_answer, feedback=feedback, answer="Dos grupos nuevos.", by=staff)


def monitoring_emails(send, *, staff, member, organisation):
    """`member` follows an indicator of `organisation`, enters its values, and staff return them
    with a comment, then approve the corrected ones."""
    indicator = IndicatorFactory(
        name_es="Personas adultas en cursos", responsible_organisation=organisation
    )
    follow_set(indicator=indicator, user=member, following=True)
    period = period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: Decimal(120)}, by=member
    )
    period_submit(period=period, by=member)
    emails = send(period_return, period=period, by=staff, comment="Falta la fuente de los datos.")
    period = period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: Decimal(121)}, by=member
    )
    period_submit(period=period, by=member)
    emails += send(period_approve, period=period, by=staff)
    # Beat's reminders: one indicator's values late since 2021, another's due in nine days.
    IndicatorFactory(baseline_year=2020, responsible_organisation=organisation)
    IndicatorFactory(baseline_year=2025, responsible_organisation=organisation)
    emails += send(reminders_send, today=date(2027, 2, 20))
    # Staff ask the organisation for a report; beat reminds its members five days before.
    request = ReportRequest(
        title="Informe del segundo semestre",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2027, 2, 25),
        message="Un informe breve basta.",
    )
    emails += send(report_request_send, request=request, organisations=[organisation], by=staff)
    emails += send(report_reminders_send, today=date(2027, 2, 20))
    # Staff send the month's bulletin to the members of verified organisations.
    bulletin = bulletin_draft(
        by=staff, period_start=date(2026, 11, 1), period_end=date(2026, 11, 30)
    )
    emails += send(bulletin_send, bulletin=bulletin, by=staff)
    return emails


def event_registration_emails(send, *, member, guest, language):
    """An event of one place: `member` takes it with an account; a guest confirms the address
    and joins the waiting list; `member` cancels and the guest is promoted; the day before, both
    are reminded, the member of another event of the same day."""
    event = EventFactory(capacity=1, starts_at=timezone.now() + timedelta(days=20))
    emails = send(registration_create, event=event, user=member, language=language)
    emails += send(registration_create, event=event, name="Gina", email=guest, language=language)
    pending = Registration.objects.get(event=event, email=guest)
    emails += send(registration_confirm, registration=pending)
    held = Registration.objects.get(event=event, user=member)
    emails += send(registration_cancel, registration=held, by=member)
    # The day before, beat reminds the guest (by e-mail) and the member (a notification).
    registration_create(
        event=EventFactory(starts_at=event.starts_at), user=member, language=language
    )
    with time_machine.travel(event.starts_at - timedelta(days=1), tick=False):
        emails += send(lambda: registration_reminders_task.delay().get())
    # Staff publish one event the member's organisation proposed and send another back.
    for publish, message in [(True, ""), (False, "Falta la dirección del lugar.")]:
        proposed = EventFactory(status="proposed", created_by=member)
        emails += send(event_review, event=proposed, by=None, publish=publish, message=message)
    # Staff call every verified organisation to exhibit at a festival: the member is an admin
    # of one.
    festival = EventFactory(kind="festival", exhibitors_until=timezone.now() + timedelta(days=5))
    emails += send(exhibitor_call_send, event=festival, sectors=[], by=None)
    # A press release to a media contact writing in the recipients' language.
    MediaContact.objects.create(name="Rita", outlet="El Diario", email=guest, language=language)
    release = PressRelease(event=festival, subject="Festival", text="Les invitamos.")
    emails += send(press_release_send, release=release, by=None)
    # Staff accept one of its applications to exhibit at a festival and reject another.
    for accept, message in [(True, ""), (False, "Ya no quedan mesas.")]:
        application = ExhibitorApplication.objects.create(
            event=EventFactory(kind="festival"),
            organisation=OrganisationFactory(),
            showing="Cursos de lectura",
            submitted_by=member,
        )
        emails += send(
            exhibitor_review, application=application, by=None, accept=accept, message=message
        )
    return emails


def planning_follow_up_emails(send, *, staff, member, organisation):
    """Keeping actions up to date: `member` is chosen a contact person of an action of the
    adopted plan, staff approve one update and return another, and beat's reminders follow (a
    milestone due, one overdue, the action gone quiet, staff's weekly summary)."""
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED, adopted_at=date(2026, 1, 10))
    action = ActionFactory(
        objective=ObjectiveFactory(plan=plan),
        lead_organisation=organisation,
        phase=Action.Phase.IMPLEMENTATION,
        start=date(2026, 2, 1),
    )
    emails = send(
        lambda: action_contact_add(
            action=action, person=member, organisation=organisation, by=staff
        )
    )
    for approve, comment in [(True, ""), (False, "Diga cuántas personas vinieron.")]:
        update = ProgressUpdateFactory(
            action=action, author=member, status=ProgressUpdate.Status.PENDING
        )
        emails += send(
            lambda update=update, approve=approve, comment=comment: progress_update_review(
                update=update, by=staff, approve=approve, comment=comment
            )
        )
    # A Monday morning in March 2027: a milestone due on Thursday, one overdue since Friday,
    # and no update for 100 days.
    monday = datetime(2027, 3, 15, 9, tzinfo=UTC)
    MilestoneFactory(action=action, title="Sala abierta", due=date(2027, 3, 18))
    MilestoneFactory(action=action, title="Informe anual", due=date(2027, 3, 12))
    ProgressUpdate.objects.filter(action=action).update(reported_on=date(2026, 12, 5))
    with time_machine.travel(monday, tick=False):
        emails += send(lambda: action_reminders_task.delay().get())
        emails += send(lambda: quiet_actions_summary_task.delay().get())
    # A draft open for comments: staff answer the member's comment.
    draft = ActionPlanFactory(status=ActionPlan.Status.DRAFT, attractive_title="Villa 2030")
    CommentPeriod.objects.create(
        plan=draft, opens_on=timezone.localdate(), closes_on=date(2099, 1, 1)
    )
    comment = draft_comment_create(plan=draft, by=member, text="Más bibliotecas de noche.")
    emails += send(
        lambda: draft_comment_answer(
            comment=comment, by=staff, answer="considered", reason="Lo estudiamos."
        )
    )
    return emails


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_email_is_complete_and_in_the_recipients_language(
    client, send, strict_templates, rendered, city, reference_data, language
):
    emails = allauth_emails(client, send, language) + our_emails(send, language, reference_data)
    programme = "Villa Aprende" if language == "es" else "Learning Villa"
    subjects = set()
    for email in emails:
        text = check(email, language, city)
        subjects.add(email.subject)
        if email.to.startswith(("new-", "existing-", "nobody-", "unconfirmed-")):
            assert programme in text, f"the programme's name is missing from:\n{text}"
    # Five account e-mails (sign-up, reset, unknown address, existing account, confirmation)
    # and each of the portal's own templates.
    assert len(emails) >= 5 + len(our_email_templates())
    sent_templates = {name.removesuffix("_subject.txt") for name in rendered}
    assert our_email_templates() <= sent_templates, (
        f"not sent by this test: {sorted(our_email_templates() - sent_templates)}"
    )


def test_the_account_exists_mail_goes_in_its_owners_language(client, send, city):
    owner = UserFactory(email="owner@example.org", preferred_language="es")
    [email] = send(
        client.post,
        "/en/accounts/signup/",
        {"email": "OWNER@example.org", "password1": STRONG, "password2": STRONG},
    )
    assert email.to == "owner@example.org"
    with translation.override("es"):
        assert "ya existe" in email.body
    assert "already exists" not in email.body
    assert owner.check_password(PASSWORD)
