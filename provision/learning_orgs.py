"""Writes for learning organisations and a learner-friendly city, each in one transaction,
validated before saving and recorded in the audit trail with who made them. An organisation's
admins act for it; city staff answer its requests for support and the barriers people report.
The admin and the demo come through here."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.notifications import notify
from learningcity.outbox import email_render_and_queue
from learningcity.permissions import can
from provision import notifications
from provision.learning_org_models import (
    ASSESSMENT_ITEMS,
    CHECKLIST_ITEMS,
    COMMITMENTS,
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SelfAssessmentAnswer,
    SpaceChecklist,
    SupportRequest,
    YearlyReport,
)
from stakeholders.models import Membership

audit.register(
    {
        "provision.pledge_save": gettext_noop("Pledged to become a learning organisation"),
        "provision.self_assessment_save": gettext_noop(
            "Filled a learning organisation self-assessment"
        ),
        "provision.support_request_submit": gettext_noop(
            "Asked the city for support as a learning organisation"
        ),
        "provision.support_request_update": gettext_noop("Handled a request for support"),
        "provision.yearly_report_save": gettext_noop("Wrote a learning organisation's report"),
        "provision.checklist_save": gettext_noop("Filled a space's learner-friendly checklist"),
        "provision.barrier_submit": gettext_noop("Reported a barrier at a learning space"),
        "provision.barrier_respond": gettext_noop("Answered a barrier at a learning space"),
    }
)


def _require_admin(by, organisation):
    if not can(by, "provision.act_for_learning_org", organisation):
        raise PermissionDenied


def _pledged(organisation):
    if not LearningOrganisationPledge.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("Pledge to become a learning organisation first."))


@transaction.atomic
def pledge_save(*, organisation, commitments, statement, by):
    """An organisation's admin pledges, or changes the pledge: the commitments chosen (names of
    COMMITMENTS) and its own words."""
    _require_admin(by, organisation)
    pledge = (
        LearningOrganisationPledge.objects.select_for_update()
        .filter(organisation=organisation)
        .first()
    )
    creating = pledge is None
    if creating:
        pledge = LearningOrganisationPledge(organisation=organisation, pledged_by=by)
    for name in COMMITMENTS:
        setattr(pledge, name, name in commitments)
    pledge.statement = (statement or "").strip()
    pledge.updated_at = timezone.now()
    pledge.full_clean()
    pledge.save()
    audit.record(
        actor=by,
        action="provision.pledge_save",
        target=organisation,
        changes={"commitments": ", ".join(sorted(commitments))},
    )
    return pledge


@transaction.atomic
def self_assessment_save(*, organisation, year, answers, by):
    """The self-assessment of `year`, one per year: `answers` maps every item of
    ASSESSMENT_ITEMS to (rating, comment). Filled again, it replaces that year's answers."""
    _require_admin(by, organisation)
    _pledged(organisation)
    missing = [code for code, _label in ASSESSMENT_ITEMS if code not in answers]
    if missing:
        raise ValidationError(_("Rate every item of the self-assessment."))
    assessment, _created = SelfAssessment.objects.select_for_update().get_or_create(
        organisation=organisation, year=year, defaults={"updated_by": by}
    )
    assessment.updated_by, assessment.updated_at = by, timezone.now()
    assessment.full_clean()
    assessment.save()
    rows = [
        SelfAssessmentAnswer(
            assessment=assessment,
            item=code,
            rating=answers[code][0],
            comment=(answers[code][1] or "").strip(),
        )
        for code, _label in ASSESSMENT_ITEMS
    ]
    for row in rows:
        row.full_clean(exclude=["assessment"])
    assessment.answers.all().delete()
    SelfAssessmentAnswer.objects.bulk_create(rows)
    audit.record(
        actor=by,
        action="provision.self_assessment_save",
        target=organisation,
        changes={"year": year},
    )
    return assessment


def _tell_organisation(support_request):
    """The organisation's admins hear of every change of its request, in their language."""
    admins = Membership.objects.filter(
        organisation_id=support_request.organisation_id, role=Membership.Role.ADMIN
    ).select_related("user")
    for membership in admins:
        notify(
            recipient=membership.user,
            kind=notifications.SUPPORT_REQUEST_CHANGED,
            template="provision/email/support_request_changed",
            context={"request": support_request, "organisation": support_request.organisation},
            link=reverse(
                "provision:learning-organisation-manage",
                args=[support_request.organisation.slug],
            ),
        )


@transaction.atomic
def support_request_submit(*, organisation, kind, description, by):
    """An organisation's admin asks the city for advice, training or a partner. The request
    waits in the staff's inbox; the organisation's admins are told it was sent."""
    _require_admin(by, organisation)
    _pledged(organisation)
    support_request = SupportRequest(
        organisation=organisation,
        kind=kind,
        description=(description or "").strip(),
        requested_by=by,
    )
    support_request.full_clean()
    support_request.save()
    audit.record(
        actor=by,
        action="provision.support_request_submit",
        target=organisation,
        changes={"kind": kind},
    )
    _tell_organisation(support_request)
    return support_request


@transaction.atomic
def support_request_update(*, support_request, status, response, by):
    """City staff take up, answer or close a request. The organisation is told whenever the
    status or the answer changes."""
    if not can(by, "provision.handle_support_requests", support_request):
        raise PermissionDenied
    support_request = (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=support_request.pk)
    )
    before = {"status": support_request.status, "response": support_request.response}
    support_request.status = status
    support_request.response = (response or "").strip()
    support_request.handled_by = by
    support_request.updated_at = timezone.now()
    support_request.full_clean()
    support_request.save(update_fields=["status", "response", "handled_by", "updated_at"])
    changes = {
        name: (value, getattr(support_request, name))
        for name, value in before.items()
        if value != getattr(support_request, name)
    }
    audit.record(
        actor=by,
        action="provision.support_request_update",
        target=support_request.organisation,
        changes=changes,
    )
    if changes:
        _tell_organisation(support_request)
    return support_request


@transaction.atomic
def yearly_report_save(*, organisation, year, text, by):
    """An organisation's admin writes, or rewrites, its report of `year`."""
    _require_admin(by, organisation)
    _pledged(organisation)
    report = YearlyReport.objects.select_for_update().filter(
        organisation=organisation, year=year
    ).first() or YearlyReport(organisation=organisation, year=year)
    report.text = (text or "").strip()
    report.written_by, report.updated_at = by, timezone.now()
    report.full_clean()
    report.save()
    audit.record(
        actor=by, action="provision.yearly_report_save", target=organisation, changes={"year": year}
    )
    return report


@transaction.atomic
def checklist_save(*, space, ticked, note, by):
    """An admin of the organisation that runs `space` fills its learner-friendly checklist:
    `ticked` holds the names of the CHECKLIST_ITEMS that are true of it."""
    _require_admin(by, space.organization)
    checklist = SpaceChecklist.objects.select_for_update().filter(
        space=space
    ).first() or SpaceChecklist(space=space)
    for name in CHECKLIST_ITEMS:
        setattr(checklist, name, name in ticked)
    checklist.note = (note or "").strip()
    checklist.updated_by, checklist.updated_at = by, timezone.now()
    checklist.full_clean()
    checklist.save()
    audit.record(
        actor=by,
        action="provision.checklist_save",
        target=space,
        changes={"ticked": ", ".join(sorted(ticked))},
    )
    return checklist


@transaction.atomic
def barrier_submit(*, report, by=None):
    """Someone, signed in (`by`) or not, reports a barrier met at a space. Nothing is kept of
    who sent it beyond what they typed and, when signed in, their account; it waits in the
    staff's inbox."""
    signed_in = getattr(by, "is_authenticated", False)
    report.user = by if signed_in else None
    report.status = BarrierReport.Status.NEW
    report.response, report.handled_by, report.responded_at = "", None, None
    report.is_public = False
    report.description = (report.description or "").strip()
    report.name, report.email = report.name.strip(), report.email.strip()
    report.language = report.language or translation.get_language() or settings.LANGUAGE_CODE
    report.full_clean()
    report.save()
    # The audit trail names no anonymous person.
    audit.record(actor=report.user, action="provision.barrier_submit", target=report.space)
    return report


def _tell_barrier_answered(report):
    template = "provision/email/barrier_answered"
    context = {"report": report, "space": report.space}
    if report.user is not None and report.user.is_active:
        notify(
            recipient=report.user,
            kind=notifications.BARRIER_ANSWERED,
            template=template,
            context=context,
            link=report.space.get_absolute_url(),
        )
    elif report.email:
        email_render_and_queue(
            to=report.email, template=template, context=context, language=report.language
        )


@transaction.atomic
def barrier_respond(*, report, status, response, is_public, by):
    """City staff answer a barrier, follow it to its resolution and choose whether it shows on
    the space's page. The person is told whenever the status or the answer changes."""
    if not can(by, "provision.handle_barriers", report):
        raise PermissionDenied
    report = (
        BarrierReport.objects.select_for_update(of=("self",))
        .select_related("user", "space")
        .get(pk=report.pk)
    )
    before = {"status": report.status, "response": report.response, "is_public": report.is_public}
    report.status = status
    report.response = (response or "").strip()
    report.is_public = is_public
    report.handled_by = by
    if report.response != before["response"] or report.status != before["status"]:
        report.responded_at = timezone.now()
    report.full_clean()
    report.save(update_fields=["status", "response", "is_public", "handled_by", "responded_at"])
    changes = {
        name: (value, getattr(report, name))
        for name, value in before.items()
        if value != getattr(report, name)
    }
    audit.record(actor=by, action="provision.barrier_respond", target=report.space, changes=changes)
    if report.status != BarrierReport.Status.NEW and (
        report.response != before["response"] or report.status != before["status"]
    ):
        _tell_barrier_answered(report)
    return report
