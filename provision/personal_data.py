"""What provision holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, which calls these through the registry): the ratings they wrote,
which go with the account when it is deleted (their author's foreign key cascades), and the
learning needs they sent signed in or with one of their addresses, which stay in the city's
figures without who sent them."""

from django.db.models import Q

from learningcity.personal_data import scrub
from provision.models import BarrierReport, LearningNeed, Rating


def _needs(user, emails):
    matches = Q(user=user)
    for email in emails:
        matches |= Q(email__iexact=email)
    return LearningNeed.objects.filter(matches)


def export(*, user):
    ratings = Rating.objects.filter(author=user).select_related("opportunity").order_by("pk")
    needs = (
        _needs(user, [user.email])
        .select_related("subject", "district")
        .prefetch_related("target_groups")
        .order_by("created_at", "pk")
    )
    return {
        "learning_ratings": [
            {
                "opportunity": rating.opportunity.name,
                "stars": rating.stars,
                "comment": rating.comment,
                "status": rating.status,
                "written": rating.created_at.isoformat(),
            }
            for rating in ratings
        ],
        "learning_needs": [
            {
                "subject": need.subject.name if need.subject else "",
                "in_your_words": need.subject_other,
                "details": need.details,
                "district": need.district.name if need.district else "",
                "when": [str(slot) for slot in need.schedule_slots],
                "barriers": [str(barrier) for barrier in need.barriers],
                "target_groups": [group.name for group in need.target_groups.all()],
                "name": need.name,
                "email": need.email,
                "sent": need.created_at.isoformat(),
                "status": need.status,
                "response": need.response,
            }
            for need in needs
        ],
    }


def delete(*, user, emails, names):
    """A need stays counted by subject, district, barrier and group; what the person typed
    about themselves (name, address, details) and the link to the account go, and their name
    wherever their words or staff's answer used it."""
    needs = _needs(user, emails)
    scrub(needs, ["subject_other", "response"], [*emails, *names])
    needs.update(user=None, name="", email="", details="")


# Recognition of non-formal learning: the person's applications, with their evidence, and the
# credentials they hold, registered as hooks of their own (provision.recognition.register).
# Both go with the account; the evidence files are removed from the storage, which nothing else
# would do. What they wrote as an assessor or a provider's admin stays, without their name.
from provision.recognition_models import Credential, RecognitionApplication  # noqa: E402


def _credential(credential):
    return {
        "code": credential.code,
        "title": credential.title,
        "holder": credential.holder_name,
        "provider": credential.provider_name,
        "level": credential.framework_level,
        "credits": str(credential.credits) if credential.credits is not None else None,
        "issued": credential.issued_at.isoformat(),
        "withdrawn": credential.withdrawn_at.isoformat() if credential.withdrawn_at else None,
        "withdrawal_reason": credential.withdrawal_reason,
    }


def export_recognition(*, user):
    applications = (
        RecognitionApplication.objects.filter(applicant=user)
        .select_related("procedure__provider", "credential")
        .order_by("submitted_at", "pk")
    )
    data = {"recognition_applications": [], "credentials": []}
    for application in applications:
        data["recognition_applications"].append(
            {
                "procedure": application.procedure.title,
                "provider": application.procedure.provider.name,
                "what_you_learned": application.statement,
                "evidence_link": application.evidence_url,
                "evidence_file": application.evidence_file.name,
                "status": application.status,
                "reasons": application.reasons,
                "submitted": application.submitted_at.isoformat(),
                "decided": application.decided_at.isoformat() if application.decided_at else None,
            }
        )
        credential = getattr(application, "credential", None)
        if credential is not None:
            data["credentials"].append(_credential(credential))
    return data


def delete_recognition(*, user, emails, names):
    applications = RecognitionApplication.objects.filter(applicant=user)
    for application in applications.exclude(evidence_file=""):
        application.evidence_file.delete(save=False)
    applications.delete()
    scrub(RecognitionApplication.objects.filter(decided_by=user), ["reasons"], [*emails, *names])
    scrub(Credential.objects.filter(withdrawn_by=user), ["withdrawal_reason"], [*emails, *names])


# The barriers a person reported at learning spaces, signed in or with one of their addresses.
def _barriers(user, emails):
    matches = Q(user=user)
    for email in emails:
        matches |= Q(email__iexact=email)
    return BarrierReport.objects.filter(matches)


def export_barriers(*, user):
    reports = _barriers(user, [user.email]).select_related("space").order_by("created_at", "pk")
    return {
        "barrier_reports": [
            {
                "space": report.space.name,
                "kind": report.kind,
                "what_happened": report.description,
                "name": report.name,
                "email": report.email,
                "sent": report.created_at.isoformat(),
                "status": report.status,
                "response": report.response,
            }
            for report in reports
        ]
    }


def delete_barriers(*, user, emails, names):
    """A barrier stays, with the city's answer, for the space's record; who reported it goes,
    and their name wherever their words or staff's answer used it."""
    reports = _barriers(user, emails)
    scrub(reports, ["description", "response"], [*emails, *names])
    reports.update(user=None, name="", email="")
