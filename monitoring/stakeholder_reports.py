"""Writes and reads of periodic reports from stakeholders: staff send a request to organisations
(by default those responsible for the adopted plan's actions: leads and the organisations with a
role in them), whose members hear of it through the notifications module and find it in their
inbox; a member answers for their organisation, and only for an organisation that was asked;
staff tag the lessons and suggestions; a reminder goes once, some days before the due date."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.notifications import notify
from learningcity.permissions import is_org_member, organisation_roles
from monitoring import notifications
from monitoring.report_models import ReportRequest, ReportTag, StakeholderReport
from monitoring.timeliness import city_today
from planning.models import Action, ActionRole
from planning.selectors import adopted_plan
from stakeholders.models import Membership, Organisation

audit.register(
    {
        "monitoring.report_request_send": gettext_noop("Sent a report request"),
        "monitoring.report_answer": gettext_noop("Answered a report request"),
        "monitoring.report_tag": gettext_noop("Tagged a stakeholder report"),
    }
)

# The reminder of a request not yet answered goes this many days before it is due.
REMIND_BEFORE_DAYS = 7


def responsible_organisations(plan=None):
    """The organisations responsible for the plan's actions: their leads and every organisation
    with a role in one. Two queries."""
    plan = plan or adopted_plan()
    if plan is None:
        return Organisation.objects.none()
    actions = Action.objects.filter(objective__plan=plan)
    leads = actions.exclude(lead_organisation=None).values("lead_organisation")
    roles = ActionRole.objects.filter(action__in=actions).values("organisation")
    return Organisation.objects.filter(Q(pk__in=leads) | Q(pk__in=roles)).order_by("name")


def members_of(organisation_ids):
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id__in=organisation_ids, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def _tell(report, *, template, kind):
    for person in members_of([report.organisation_id]):
        notify(
            recipient=person,
            kind=kind,
            template=template,
            context={"request": report.request, "organisation": report.organisation},
            link=report.get_absolute_url(),
        )


@transaction.atomic
def report_request_send(*, request, organisations, by):
    """Save the request and ask each organisation once; their members are notified."""
    organisations = list(organisations)
    if not organisations:
        raise ValidationError(_("Choose at least one organisation to ask."))
    if getattr(by, "is_authenticated", False):
        request.created_by = by
    request.sent_at = timezone.now()
    request.full_clean()
    request.save()
    asked = set(request.reports.values_list("organisation_id", flat=True))
    for organisation in organisations:
        if organisation.pk in asked:
            continue
        report = StakeholderReport(request=request, organisation=organisation)
        report.full_clean()
        report.save()
        _tell(
            report,
            template="monitoring/email/report_requested",
            kind=notifications.REPORT_REQUESTED,
        )
    audit.record(
        actor=by,
        action="monitoring.report_request_send",
        target=request,
        changes={"organisations": len(organisations)},
    )
    return request


@transaction.atomic
def report_answer(*, request, organisation, by, done, lessons, suggestions):
    """A member of `organisation` answers `request` for it. PermissionDenied when the
    organisation was not asked or `by` is not its member."""
    if not is_org_member(by, organisation):
        raise PermissionDenied(_("Only members of the organisation answer for it."))
    report = (
        StakeholderReport.objects.select_for_update()
        .filter(request=request, organisation=organisation)
        .first()
    )
    if report is None:
        raise PermissionDenied(_("This organisation was not asked for this report."))
    done, lessons, suggestions = (text.strip() for text in (done, lessons, suggestions))
    if not (done or lessons or suggestions):
        raise ValidationError(_("Write at least what was done, a lesson or a suggestion."))
    report.done, report.lessons, report.suggestions = done, lessons, suggestions
    report.answered_by = by
    report.answered_at = timezone.now()
    report.full_clean()
    report.save()
    audit.record(actor=by, action="monitoring.report_answer", target=request)
    return report


@transaction.atomic
def report_tags_set(*, report, lesson_tags, suggestion_tags, new_tags="", by):
    """Tag the report's lessons and suggestions; `new_tags` ("a, b") are made and added to the
    lessons."""
    if not report.is_answered:
        raise ValidationError(_("Only an answered report is tagged."))
    lesson_tags = list(lesson_tags)
    for name in (part.strip() for part in (new_tags or "").split(",")):
        if name:
            tag = ReportTag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = ReportTag(name=name[:80])
                tag.full_clean()
                tag.save()
            lesson_tags.append(tag)
    report.lesson_tags.set(lesson_tags)
    report.suggestion_tags.set(suggestion_tags)
    audit.record(actor=by, action="monitoring.report_tag", target=report.request)
    return report


@transaction.atomic
def tag_save(*, tag, by):
    tag.full_clean()
    tag.save()
    return tag


def reminders_send(today=None):
    """Remind the members of organisations that have not answered a request due within
    REMIND_BEFORE_DAYS; each report's reminder goes once, even with two runs at a time (the
    mark is set by one conditional update before anyone is told). Returns how many went."""
    today = today or city_today()
    due = StakeholderReport.objects.waiting().filter(
        reminded_at__isnull=True,
        request__due_on__gte=today,
        request__due_on__lte=today + timedelta(days=REMIND_BEFORE_DAYS),
    )
    sent = 0
    for report in due.select_related("request", "organisation"):
        with transaction.atomic():
            claimed = StakeholderReport.objects.filter(
                pk=report.pk, reminded_at__isnull=True, answered_at__isnull=True
            ).update(reminded_at=timezone.now())
            if not claimed:
                continue
            _tell(
                report,
                template="monitoring/email/report_reminder",
                kind=notifications.REPORT_REMINDER,
            )
            sent += 1
    return sent


# Reads.


def requests_overview():
    """Every request with how many organisations were asked and how many answered."""
    return ReportRequest.objects.annotate(
        asked=Count("reports"),
        answered=Count("reports", filter=Q(reports__answered_at__isnull=False)),
    ).order_by("-due_on", "-pk")


def request_reports(request):
    """The request's reports, answered first, with their tags. Three queries."""
    return list(
        request.reports.select_related("organisation", "answered_by")
        .prefetch_related("lesson_tags", "suggestion_tags")
        .order_by("answered_at", "organisation__name")
    )


def waiting_for(user):
    """The reports a person's organisations have still to write."""
    organisations = list(organisation_roles(user))
    return StakeholderReport.objects.waiting().filter(organisation__in=organisations)


def reports_of(user):
    """Every report asked of a person's organisations, newest request first."""
    return (
        StakeholderReport.objects.filter(organisation__in=list(organisation_roles(user)))
        .select_related("request", "organisation")
        .order_by("-request__due_on", "organisation__name")
    )
