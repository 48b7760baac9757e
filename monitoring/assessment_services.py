"""Writes to the KFLC self-assessment: start one for a year, rate the areas of focus (and
features) with a level that has a descriptor and evidence, complete it, open it again. Each in
one transaction, validated before saving, kept in the history and the audit trail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from monitoring.models import KflcAssessment, KflcDescriptor, KflcEvidence, KflcRating
from planning.models import KflcFocus

audit.register(
    {
        "monitoring.kflc_start": gettext_noop("Started a KFLC self-assessment"),
        "monitoring.kflc_rate": gettext_noop("Rated an area of focus of the KFLC"),
        "monitoring.kflc_complete": gettext_noop("Completed a KFLC self-assessment"),
        "monitoring.kflc_reopen": gettext_noop("Opened a KFLC self-assessment again"),
    }
)


def _save(instance, by):
    instance._history_user = by if getattr(by, "is_authenticated", False) else None
    instance.full_clean()
    instance.save()


def descriptors_by_level(focus=None):
    """{level: descriptor} for `focus`: its own descriptors where it has them, the generic ones
    otherwise."""
    found = {}
    for descriptor in KflcDescriptor.objects.filter(focus__isnull=True):
        found[descriptor.level] = descriptor
    if focus is not None:
        for descriptor in KflcDescriptor.objects.filter(focus=focus):
            found[descriptor.level] = descriptor
    return found


@transaction.atomic
def kflc_assessment_start(*, year, by):
    if KflcAssessment.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is already a self-assessment for %(year)s.") % {"year": year}}
        )
    assessment = KflcAssessment(year=year, created_by=by)
    _save(assessment, by)
    audit.record(actor=by, action="monitoring.kflc_start", target=assessment)
    return assessment


def _check_level(level):
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
        raise ValidationError({"level": _("Choose a level from 1 to 5.")})


def _draft(assessment):
    assessment = KflcAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_completed:
        raise ValidationError(
            _("This self-assessment is completed: open it again to change its ratings.")
        )
    return assessment


@transaction.atomic
def kflc_rating_set(*, assessment, focus, level, by, feature=None, note="", evidence=()):
    """Rate `focus` (or `feature` under it) at `level`, 1 to 5, a level with a descriptor;
    `evidence` (unsaved KflcEvidence: an indicator, a plan action or an address) replaces what
    the rating had."""
    _check_level(level)
    assessment = _draft(assessment)
    descriptor = descriptors_by_level(focus).get(level)
    if descriptor is None:
        raise ValidationError(
            {
                "level": _(
                    "Level %(level)s has no descriptor yet: describe it in the administration "
                    "before rating with it."
                )
                % {"level": level}
            }
        )
    rating = KflcRating.objects.filter(assessment=assessment, focus=focus, feature=feature).first()
    rating = rating or KflcRating(assessment=assessment, focus=focus, feature=feature)
    before = rating.level
    rating.level = level
    rating.descriptor = descriptor
    rating.note = (note or "").strip()
    _save(rating, by)
    rating.evidence.all().delete()
    for item in evidence:
        item.rating = rating
        item.full_clean()
        item.save()
    audit.record(
        actor=by,
        action="monitoring.kflc_rate",
        target=assessment,
        changes={str(feature or focus.code): (before, level)},
    )
    return rating


@transaction.atomic
def kflc_rating_clear(*, assessment, focus, by, feature=None):
    """Take back a rating (a row left without a level)."""
    assessment = _draft(assessment)
    for rating in KflcRating.objects.filter(assessment=assessment, focus=focus, feature=feature):
        rating._history_user = by
        rating.delete()


@transaction.atomic
def kflc_ratings_save(*, assessment, entries, by):
    """Save the edit page's rows at once, or none of them: `entries` are dicts with focus,
    feature, level (None to take a rating back), note and evidence. A refusal names the row."""
    for entry in entries:
        focus, feature = entry["focus"], entry.get("feature")
        try:
            if entry["level"] is None:
                kflc_rating_clear(assessment=assessment, focus=focus, feature=feature, by=by)
            else:
                kflc_rating_set(
                    assessment=assessment,
                    focus=focus,
                    feature=feature,
                    level=entry["level"],
                    note=entry.get("note", ""),
                    evidence=entry.get("evidence", ()),
                    by=by,
                )
        except ValidationError as error:
            raise ValidationError(
                f"{feature or focus}: {' '.join(error.messages)}", code="row"
            ) from None


@transaction.atomic
def kflc_assessment_complete(*, assessment, by):
    """A completed assessment is public. Every area of focus must be rated first."""
    assessment = _draft(assessment)
    rated = set(
        assessment.ratings.filter(feature__isnull=True).values_list("focus__code", flat=True)
    )
    missing = [
        code for code in KflcFocus.objects.values_list("code", flat=True) if code not in rated
    ]
    if missing:
        raise ValidationError(
            _("Rate every area of focus before completing; still to rate: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    assessment.status = KflcAssessment.Status.COMPLETED
    assessment.completed_by = by if getattr(by, "is_authenticated", False) else None
    assessment.completed_at = timezone.now()
    _save(assessment, by)
    audit.record(actor=by, action="monitoring.kflc_complete", target=assessment)
    return assessment


@transaction.atomic
def kflc_assessment_reopen(*, assessment, by):
    """Back to a draft, off the public pages, to correct it."""
    assessment = KflcAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_completed:
        return assessment
    assessment.status = KflcAssessment.Status.DRAFT
    assessment.completed_by = None
    assessment.completed_at = None
    _save(assessment, by)
    audit.record(actor=by, action="monitoring.kflc_reopen", target=assessment)
    return assessment


def evidence_from(*, indicators=(), actions=(), links=()):
    """Unsaved evidence for kflc_rating_set: indicators, plan actions and (title, url) pairs."""
    return (
        [KflcEvidence(indicator=indicator) for indicator in indicators]
        + [KflcEvidence(action=action) for action in actions]
        + [KflcEvidence(url=url, title=title) for title, url in links]
    )
