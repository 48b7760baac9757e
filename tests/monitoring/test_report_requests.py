"""Periodic reports from stakeholders: staff ask the organisations responsible for the plan's
actions, whose members are notified, find the request in their inbox and answer it; an
organisation that was not asked may not answer; a reminder goes once before the due date; staff
read the answers together, tag them, and the dashboard quotes the tagged lessons."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from learningcity.models import Notification
from monitoring import notifications, stakeholder_reports
from monitoring import personal_data as monitoring_data
from monitoring.inbox import asked_items
from monitoring.models import ReportRequest, ReportTag, StakeholderReport
from monitoring.selectors import tagged_lessons
from monitoring.tasks import report_reminders_task
from planning.models import ActionPlan
from tests.monitoring.factories import ReportRequestFactory, StakeholderReportFactory
from tests.planning.factories import ActionFactory, ActionRoleFactory, ObjectiveFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("reference_data", "frozen_today")


@pytest.fixture
def plan(db, organisation):
    """An adopted plan whose action the Biblioteca Central leads, with a partner."""
    objective = ObjectiveFactory(plan__status=ActionPlan.Status.ADOPTED)
    action = ActionFactory(objective=objective, lead_organisation=organisation)
    ActionRoleFactory(action=action, organisation=OrganisationFactory(name="Casa de la Cultura"))
    return objective.plan


@pytest.fixture
def asked(db, bob, organisation):
    """A request to the Biblioteca Central (Bob's organisation), due on 1 December 2026."""
    return StakeholderReportFactory(
        organisation=organisation, request__title="Informe del primer semestre"
    )


def answer_url(report):
    return reverse("monitoring:report-answer", args=[report.request_id, report.organisation_id])


def test_staff_ask_the_organisations_responsible_for_the_plans_actions(
    client_for, sam, bob, organisation, plan
):
    responsible = list(stakeholder_reports.responsible_organisations(plan))
    assert [o.name for o in responsible] == ["Biblioteca Central", "Casa de la Cultura"]
    client = client_for(sam)
    page = client.get(reverse("monitoring:report-request-new"))
    assert page.context["form"].initial["organisations"] == [o.pk for o in responsible]
    response = client.post(
        reverse("monitoring:report-request-new"),
        {
            "title": "Informe 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "due_on": "2026-12-15",
            "message": "Gracias.",
            "organisations": [o.pk for o in responsible],
        },
    )
    request = ReportRequest.objects.get()
    assert response.status_code == 302
    assert request.reports.count() == 2 and request.created_by == sam
    told = Notification.objects.get(recipient=bob)
    assert told.kind == notifications.REPORT_REQUESTED and "Informe 2026" in told.subject
    assert asked_items(bob, 5).count == 1


def test_a_request_with_bad_dates_is_shown_again_with_the_reason(client_for, sam, organisation):
    response = client_for(sam).post(
        "/en" + reverse("monitoring:report-request-new"),
        {
            "title": "Informe",
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
            "due_on": "2026-12-15",
            "organisations": [organisation.pk],
        },
    )
    assert response.status_code == 200
    assert "The period ends on or after its start." in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_citizens_and_members_may_not_send_or_read_requests(client_for, alice, bob, asked):
    for person in (alice, bob):
        client = client_for(person)
        assert client.get(reverse("monitoring:report-requests")).status_code == 403
        assert client.get(reverse("monitoring:report-request-new")).status_code == 403
        assert client.get(asked.request.get_absolute_url()).status_code == 403


def test_a_member_of_the_asked_organisation_answers_it(client_for, bob, asked):
    client = client_for(bob)
    assert (
        "Informe del primer semestre"
        in client.get(reverse("monitoring:my-reports")).content.decode()
    )
    response = client.post(
        answer_url(asked),
        {"done": "Talleres", "lessons": "Los sábados funcionan", "suggestions": "Más difusión"},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.answered_by == bob and asked.lessons == "Los sábados funcionan"
    assert asked_items(bob, 5).count == 0


def test_an_empty_answer_is_shown_again_with_the_reason(client_for, bob, asked):
    response = client_for(bob).post("/en" + answer_url(asked), {"done": " ", "lessons": ""})
    assert response.status_code == 200
    assert "Write at least what was done" in response.content.decode()
    asked.refresh_from_db()
    assert not asked.is_answered


def test_an_organisation_that_was_not_asked_may_not_answer(client_for, asked):
    other = OrganisationFactory(name="Club de lectura")
    member = UserFactory()
    MembershipFactory(user=member, organisation=other)
    url = reverse("monitoring:report-answer", args=[asked.request_id, other.pk])
    assert client_for(member).post(url, {"done": "Algo"}).status_code == 403
    with pytest.raises(PermissionDenied):
        stakeholder_reports.report_answer(
            request=asked.request,
            organisation=other,
            by=member,
            done="Algo",
            lessons="",
            suggestions="",
        )
    assert not StakeholderReport.objects.filter(organisation=other).exists()


def test_a_person_outside_the_asked_organisation_may_not_answer_for_it(client_for, alice, asked):
    assert client_for(alice).post(answer_url(asked), {"done": "Algo"}).status_code == 403
    with pytest.raises(PermissionDenied):
        stakeholder_reports.report_answer(
            request=asked.request,
            organisation=asked.organisation,
            by=alice,
            done="Algo",
            lessons="",
            suggestions="",
        )


def test_the_reminder_goes_once_a_week_before_the_due_date(bob, asked):
    answered = StakeholderReportFactory(request=asked.request)
    stakeholder_reports.report_answer(
        request=asked.request,
        organisation=answered.organisation,
        by=_member_of(answered.organisation),
        done="Hecho",
        lessons="",
        suggestions="",
    )
    StakeholderReportFactory(organisation=asked.organisation, request__due_on=date(2027, 3, 1))
    with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False):
        assert report_reminders_task.delay().get() == 0  # eleven days before: too early
    with time_machine.travel(datetime(2026, 11, 25, 12, tzinfo=UTC), tick=False):
        assert report_reminders_task.delay().get() == 1
        assert report_reminders_task.delay().get() == 0  # the second run sends nothing
    reminders = Notification.objects.filter(kind=notifications.REPORT_REMINDER)
    assert [n.recipient for n in reminders] == [bob]
    with time_machine.travel(datetime(2026, 12, 2, 12, tzinfo=UTC), tick=False):
        asked.reminded_at = None
        asked.save()
        assert report_reminders_task.delay().get() == 0  # past due: the inbox keeps it


def _member_of(organisation):
    person = UserFactory()
    MembershipFactory(user=person, organisation=organisation)
    return person


def _answered(request, name, lessons="Aprendimos algo"):
    organisation = OrganisationFactory(name=name)
    report = StakeholderReportFactory(request=request, organisation=organisation)
    return (
        stakeholder_reports.report_answer(
            request=request,
            organisation=organisation,
            by=_member_of(organisation),
            done="Talleres",
            lessons=lessons,
            suggestions="Más horarios",
        )
        or report
    )


def test_staff_read_the_answers_together_and_tag_them(client_for, sam):
    request = ReportRequestFactory(title="Informe anual")
    report = _answered(request, "Biblioteca Norte", lessons="Los voluntarios sostienen todo")
    StakeholderReportFactory(request=request, organisation=OrganisationFactory(name="Sin prisa"))
    client = client_for(sam)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Los voluntarios sostienen todo" in page and "Sin prisa" in page
    schedules = ReportTag.objects.create(name="Horarios")
    prefix = f"r{report.pk}"
    client.post(
        reverse("monitoring:report-tags", args=[request.pk, report.pk]),
        {f"{prefix}-new_tags": "Voluntariado", f"{prefix}-suggestion_tags": [schedules.pk]},
    )
    assert [t.name for t in report.lesson_tags.all()] == ["Voluntariado"]
    assert [t.name for t in report.suggestion_tags.all()] == ["Horarios"]


def test_tagging_with_an_unknown_tag_is_refused(client_for, sam):
    request = ReportRequestFactory()
    report = _answered(request, "Biblioteca Sur")
    response = client_for(sam).post(
        "/en" + reverse("monitoring:report-tags", args=[request.pk, report.pk]),
        {f"r{report.pk}-lesson_tags": ["999999"]},
        follow=True,
    )
    assert "Those tags could not be saved" in response.content.decode()
    assert not report.lesson_tags.exists()


def test_tagged_lessons_are_quoted_for_the_period_asked(sam):
    first_half = ReportRequestFactory(period_start=date(2026, 1, 1), period_end=date(2026, 6, 30))
    last_year = ReportRequestFactory(period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    volunteers = ReportTag.objects.create(name="Voluntariado")
    for request, lesson in ((first_half, "Los voluntarios"), (last_year, "Otra época")):
        report = _answered(request, f"Org {lesson}", lessons=lesson)
        stakeholder_reports.report_tags_set(
            report=report, lesson_tags=[volunteers], suggestion_tags=[], by=sam
        )
    quoted = tagged_lessons(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert [(q.tag, q.kind, q.text) for q in quoted] == [
        ("Voluntariado", "lesson", "Los voluntarios")
    ]


def test_the_request_page_makes_the_same_queries_whatever_the_number_of_answers(client_for, sam):
    request = ReportRequestFactory()
    ReportTag.objects.create(name="Difusión")
    made = []

    def add(n):
        names = [f"Organización {len(made) + i}" for i in range(n)]
        for name in names:
            made.append(_answered(request, name))
        return names

    assert_constant_queries(client_for(sam), request.get_absolute_url(), add)


def test_the_requests_list_makes_the_same_queries_whatever_the_number_of_requests(client_for, sam):
    def add(n):
        return [StakeholderReportFactory().request.title for _ in range(n)]

    assert_constant_queries(client_for(sam), reverse("monitoring:report-requests"), add)


def test_report_authors_are_exported_and_forgotten_with_their_account(bob, asked):
    stakeholder_reports.report_answer(
        request=asked.request,
        organisation=asked.organisation,
        by=bob,
        done="Talleres",
        lessons="",
        suggestions="",
    )
    exported = monitoring_data.export(user=bob)
    assert exported["stakeholder_reports_written"][0]["what_was_done"] == "Talleres"
    monitoring_data.delete(user=bob, emails=[], names=[])
    asked.refresh_from_db()
    assert asked.answered_by is None and asked.done == "Talleres"


def test_a_request_must_ask_someone(sam):
    with pytest.raises(ValidationError):
        stakeholder_reports.report_request_send(
            request=ReportRequestFactory.build(), organisations=[], by=sam
        )
