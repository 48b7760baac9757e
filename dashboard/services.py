"""Every change to a progress report: made, edited, its PDF generated, published."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dashboard import figures
from dashboard.models import GnlcProfile, ProgressReport
from learningcity import audit
from learningcity.models import LONG_TEXT
from monitoring.selectors import answered_reports

log = logging.getLogger(__name__)

audit.register({"dashboard.gnlc_profile_save": gettext_noop("Edited the GNLC membership profile")})

EDITABLE = ["title", "scope", "language", "period_start", "period_end", "summary", "lessons",
            "next_steps"]  # fmt: skip


def _locked(report):
    return ProgressReport.objects.select_for_update().get(pk=report.pk)


def _refuse_if_published(report):
    if report.is_published:
        raise ValidationError(_("A published report never changes."), code="published")


def _quoted(reports, field):
    """The stakeholders' texts in `field` as paragraphs, each after its organisation and its
    tags, as many as the narrative's length allows."""
    paragraphs, length = [], 0
    for report in reports:
        text = getattr(report, field).strip()
        if not text:
            continue
        tags = report.lesson_tags.all() if field == "lessons" else report.suggestion_tags.all()
        source = report.organisation.name
        if tags:
            source += f" ({', '.join(tag.name for tag in tags)})"
        paragraph = f"{source}: {text}"
        length += len(paragraph) + 2
        if length > LONG_TEXT:
            break
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _prefill_from_stakeholders(report):
    """Lessons learned and next steps left blank start from what the stakeholders reported for
    the period: their lessons, and their suggestions for improvement."""
    if report.lessons.strip() and report.next_steps.strip():
        return
    if not (report.period_start and report.period_end):
        return
    reports = list(answered_reports(start=report.period_start, end=report.period_end))
    if not report.lessons.strip():
        report.lessons = _quoted(reports, "lessons")
    if not report.next_steps.strip():
        report.next_steps = _quoted(reports, "suggestions")


@transaction.atomic
def report_create(*, by, **fields):
    """A coordinator's new draft report for a period, for the city council or the GNLC; lessons
    and next steps left blank are prefilled from the stakeholders' reports of the period."""
    report = ProgressReport(created_by=by, **{name: fields[name] for name in fields})
    _prefill_from_stakeholders(report)
    report.full_clean()
    report.save()
    audit.record(actor=by, action="dashboard.report_create", target=report)
    return report


@transaction.atomic
def report_update(*, report, by, **fields):
    """Change a draft's title, period or narrative; a published report is refused."""
    report = _locked(report)
    _refuse_if_published(report)
    changes = {}
    for name in EDITABLE:
        if name in fields and getattr(report, name) != fields[name]:
            changes[name] = (getattr(report, name), fields[name])
            setattr(report, name, fields[name])
    report.full_clean()
    report.save()
    if changes:
        audit.record(actor=by, action="dashboard.report_update", target=report, changes=changes)
    return report


@transaction.atomic
def report_generate(*, report, by):
    """Queue the PDF's generation. While one is queued or running (and not stalled) a second
    request queues nothing: the PDF is generated once."""
    from dashboard.tasks import generate_report_pdf_task

    report = _locked(report)
    _refuse_if_published(report)
    if report.generating:
        return report
    report.pdf_status = ProgressReport.PdfStatus.QUEUED
    report.pdf_started_at = timezone.now()
    report.pdf_error = ""
    report.save(update_fields=["pdf_status", "pdf_started_at", "pdf_error"])
    audit.record(actor=by, action="dashboard.report_generate", target=report)
    transaction.on_commit(lambda: generate_report_pdf_task.delay(report.pk))
    return report


def report_generate_run(report_id):
    """The task's work: read the figures, render the PDF, keep both. Run again for the same
    report (a task delivered twice, or retried after its worker died) it writes the same one
    file. A failure is kept on the report for the coordinator, who may generate it again."""
    from dashboard.pdf import render_pdf

    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().filter(pk=report_id).first()
        if (
            report is None
            or report.is_published
            or report.pdf_status
            not in {
                ProgressReport.PdfStatus.QUEUED,
                ProgressReport.PdfStatus.RUNNING,
            }
        ):
            return False
        report.pdf_status = ProgressReport.PdfStatus.RUNNING
        report.pdf_started_at = timezone.now()
        report.save(update_fields=["pdf_status", "pdf_started_at"])
    try:
        snapshot = figures.collect(report)
        content = render_pdf(report, snapshot)
    except Exception as error:
        log.exception("The PDF of report %s failed", report_id)
        ProgressReport.objects.filter(pk=report_id).update(
            pdf_status=ProgressReport.PdfStatus.FAILED, pdf_error=f"{type(error).__name__}: {error}"
        )
        return False
    with transaction.atomic():
        report = _locked(report)
        if report.is_published:
            return False
        name = f"reports/report-{report.pk}.pdf"
        # One file per report: the old one goes first, or the storage would pick a new name.
        report.pdf.storage.delete(name)
        report.pdf.save(name.removeprefix("reports/"), ContentFile(content), save=False)
        report.snapshot = snapshot
        report.pdf_status = ProgressReport.PdfStatus.DONE
        report.pdf_generated_at = timezone.now()
        report.save(update_fields=["pdf", "snapshot", "pdf_status", "pdf_generated_at"])
    return True


@transaction.atomic
def report_publish(*, report, by):
    """Publish a report whose PDF is generated: its figures and PDF are frozen from now on."""
    report = _locked(report)
    _refuse_if_published(report)
    if report.generation_state != ProgressReport.PdfStatus.DONE:
        raise ValidationError(
            _("Generate the PDF first: a published report is its PDF."), code="no_pdf"
        )
    report.status = ProgressReport.Status.PUBLISHED
    report.published_by = by
    report.published_at = timezone.now()
    report.save(update_fields=["status", "published_by", "published_at"])
    audit.record(actor=by, action="dashboard.report_publish", target=report)
    return report


@transaction.atomic
def gnlc_profile_save(*, profile, by):
    """Keep the coordinator's changes to the GNLC membership profile: checked whole, recorded
    field by field in the audit log and in the profile's history."""
    before = GnlcProfile.objects.select_for_update().filter(pk=1).first()
    profile.full_clean()
    changes = {}
    for field in GnlcProfile._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        old = getattr(before, field.attname) if before else None
        new = getattr(profile, field.attname)
        if old != new:
            changes[field.name] = (str(old) if old is not None else None, str(new))
    profile.updated_by = by
    profile.updated_at = timezone.now()
    profile._history_user = by
    profile.save()
    if changes:
        audit.record(
            actor=by, action="dashboard.gnlc_profile_save", target=profile, changes=changes
        )
    return profile
