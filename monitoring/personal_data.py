"""What monitoring holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, through the registry): the indicators they follow and the values
they entered for their organisation, the feedback they left signed in or with one of their
addresses, their answers to surveys and the reports they wrote for their organisation. The
values and reports stay (they are the organisation's); who entered them is forgotten. Feedback
and survey answers stay too, as anonymous: their name, address and account are removed."""

from allauth.account.models import EmailAddress
from django.db.models import Q

from learningcity.personal_data import scrub
from monitoring.models import Answer, Feedback, Follow, Period, Response, StakeholderReport


def _feedback_of(user, emails):
    """Feedback left signed in, or with one of `emails` (lower case, as stored)."""
    return Feedback.objects.filter(Q(author=user) | Q(contact_email__in=emails))


def export(*, user):
    follows = Follow.objects.filter(user=user).select_related("indicator").order_by("created_at")
    periods = (
        Period.objects.filter(entered_by=user).select_related("indicator").order_by("start", "pk")
    )
    verified = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
    feedback = _feedback_of(user, verified).order_by("created_at", "pk")
    return {
        "feedback": [
            {
                "text": item.text,
                "name": item.contact_name,
                "email": item.contact_email,
                "received": item.created_at.isoformat(),
                "status": item.status,
                "answer": item.answer,
            }
            for item in feedback
        ],
        "indicators_followed": [
            {"indicator": follow.indicator.name, "since": follow.created_at.isoformat()}
            for follow in follows
        ],
        "indicator_values_entered": [
            {"indicator": period.indicator.name, "period": period.label, "status": period.status}
            for period in periods
        ],
        "survey_answers": [
            {
                "survey": response.survey.title,
                "answered": response.submitted_at.isoformat(),
                "district": response.district.name if response.district else "",
                "target_group": response.target_group.name if response.target_group else "",
                "answers": [
                    {"question": answer.question.text, "answer": answer.text or answer.value}
                    for answer in response.answers.all()
                ],
            }
            for response in Response.objects.filter(user=user)
            .select_related("survey", "district", "target_group")
            .prefetch_related("answers__question")
            .order_by("submitted_at")
        ],
        "stakeholder_reports_written": [
            {
                "request": report.request.title,
                "organisation": report.organisation.name,
                "answered": report.answered_at.isoformat(),
                "what_was_done": report.done,
                "lessons_learned": report.lessons,
                "suggestions": report.suggestions,
            }
            for report in StakeholderReport.objects.filter(answered_by=user)
            .select_related("request", "organisation")
            .order_by("answered_at")
        ],
    }


def delete(*, user, emails, names):
    """What they wrote stays anonymous: their name and addresses are taken out of its words
    first, then the rows lose their account and contact details."""
    scrub(_feedback_of(user, emails), ["text"], emails + names)
    scrub(Answer.objects.filter(response__user=user), ["text"], emails + names)
    Follow.objects.filter(user=user).delete()
    Period.objects.filter(entered_by=user).update(entered_by=None)
    Period.objects.filter(reviewed_by=user).update(reviewed_by=None)
    _feedback_of(user, emails).update(author=None, contact_name="", contact_email="")
    Response.objects.filter(user=user).update(user=None)
    StakeholderReport.objects.filter(answered_by=user).update(answered_by=None)
