"""Writes and reads of citizen surveys: staff save surveys and their questions; a person answers
a survey once (by account, or by the anonymous token of their browser, stored hashed and salted
with the survey so two surveys' hashes cannot be linked); the results are counted by district
and target group in a constant number of queries, whatever the number of answers."""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from learningcity import audit
from learningcity.models import District, TargetGroup
from monitoring.survey_models import SCALE, TEXT_ANSWER_MAX, Answer, Question, Response, Survey
from monitoring.timeliness import city_today

audit.register(
    {
        "monitoring.survey_save": gettext_noop("Saved a survey"),
        "monitoring.survey_question_save": gettext_noop("Saved a survey question"),
    }
)

# The browser's anonymous token: a signed cookie, kept a year, the same for every survey.
TOKEN_COOKIE = "lc_survey_token"
TOKEN_SALT = "monitoring.surveys.token"
TOKEN_MAX_AGE = 365 * 24 * 3600

# The ways results are broken down: the URL's `by` → (Response field, reference model).
BREAKDOWNS = {
    "district": ("district", District, gettext_lazy("By district")),
    "target_group": ("target_group", TargetGroup, gettext_lazy("By target group")),
}


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(survey, token):
    return hashlib.sha256(f"{survey.pk}:{token}".encode()).hexdigest()


def _save(instance):
    instance.full_clean()
    instance.save()


@transaction.atomic
def survey_save(*, survey, by):
    creating = survey.pk is None
    if creating and getattr(by, "is_authenticated", False):
        survey.created_by = by
    _save(survey)
    audit.record(
        actor=by, action="monitoring.survey_save", target=survey, changes={"created": creating}
    )
    return survey


@transaction.atomic
def question_save(*, question, by):
    if question.survey.responses.exists() and question.pk is not None:
        before = Question.objects.get(pk=question.pk)
        if before.kind != question.kind or before.choice_list != question.choice_list:
            raise ValidationError(
                _("People have answered this survey: its questions' kinds and choices stay.")
            )
    _save(question)
    audit.record(actor=by, action="monitoring.survey_question_save", target=question.survey)
    return question


@transaction.atomic
def question_delete(*, question, by):
    if question.survey.responses.exists():
        raise ValidationError(_("People have answered this survey: its questions stay."))
    question.delete()
    audit.record(actor=by, action="monitoring.survey_question_save", target=question.survey)


def already_answered(survey, *, user, token):
    if getattr(user, "is_authenticated", False):
        return survey.responses.filter(user=user).exists()
    return bool(token) and survey.responses.filter(token_hash=token_hash(survey, token)).exists()


def _answer_rows(question, value):
    """The Answer rows of `value` for `question` (none when left empty), or ValidationError."""
    if question.kind == Question.Kind.TEXT:
        text = (value or "").strip()
        if len(text) > TEXT_ANSWER_MAX:
            raise ValidationError(
                _("Answer “%(question)s” in at most %(count)d characters.")
                % {"question": question.text, "count": TEXT_ANSWER_MAX}
            )
        return [Answer(question=question, text=text)] if text else []
    values = value if question.kind == Question.Kind.MULTIPLE else [value]
    values = [v for v in (values or []) if v not in (None, "")]
    try:
        values = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise ValidationError(
            _("“%(question)s”: choose one of its answers.") % {"question": question.text}
        ) from None
    allowed = SCALE if question.kind == Question.Kind.SCALE else range(len(question.choice_list))
    if any(v not in allowed for v in values):
        raise ValidationError(
            _("“%(question)s”: that answer is not one of its choices.")
            % {"question": question.text}
        )
    return [Answer(question=question, value=v) for v in values]


@transaction.atomic
def survey_answer(*, survey, user, token, answers, district=None, target_group=None, today=None):
    """Record a person's answers: `answers` maps each question to an int (single choice, scale),
    a list of ints (multiple choice, choices numbered from 0) or a text. Refused, with the
    reason, when the survey is not open, asks for an account, was answered already by this
    account or token, or an answer is missing or outside its choices."""
    today = today or city_today()
    signed_in = getattr(user, "is_authenticated", False)
    if not survey.is_open(today):
        raise ValidationError(
            _("This survey closed on %(date)s: it takes no more answers.")
            % {"date": survey.closes_on.isoformat()}
            if survey.is_closed(today)
            else _("This survey is not open yet.")
        )
    if survey.sign_in_required and not signed_in:
        raise PermissionDenied(_("Sign in to answer this survey."))
    if not signed_in and not token:
        raise ValidationError(_("Your browser did not keep the survey's cookie; try again."))
    if already_answered(survey, user=user, token=token):
        raise ValidationError(_("You have already answered this survey: thank you."))
    rows = []
    for question in survey.questions.all():
        found = _answer_rows(question, answers.get(question))
        if question.required and not found:
            raise ValidationError(_("Answer “%(question)s”.") % {"question": question.text})
        rows += found
    response = Response(
        survey=survey,
        user=user if signed_in else None,
        token_hash="" if signed_in else token_hash(survey, token),
        district=district if survey.ask_district else None,
        target_group=target_group if survey.ask_target_group else None,
    )
    try:
        with transaction.atomic():
            _save(response)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey: thank you.")) from None
    except ValidationError as error:
        # full_clean reports the unique constraints as an error of the whole row.
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(_("You have already answered this survey: thank you.")) from None
        raise
    for row in rows:
        row.response = response
        row.full_clean()
    Answer.objects.bulk_create(rows)
    return response


# Results.


@dataclass
class Column:
    key: object
    label: str
    respondents: int = 0


@dataclass
class QuestionResult:
    question: Question
    columns: list
    rows: list = field(default_factory=list)  # [(label, [count per column])]
    averages: list = field(default_factory=list)  # [average per column] for a scale
    texts: list = field(default_factory=list)

    @property
    def table(self):
        """[(label, [(column, count)])], for the template's stacked table."""
        return [
            (label, list(zip(self.columns, counts, strict=True))) for label, counts in self.rows
        ]

    @property
    def average_cells(self):
        return list(zip(self.columns, self.averages, strict=True))


@dataclass
class Results:
    survey: Survey
    by: str
    columns: list
    questions: list
    total: int


def survey_results(survey, *, by="", include_texts=False):
    """Counts (and averages of scales) per question, for everybody and, with `by`, for each
    district or target group; the texts only when `include_texts` (staff). Six queries."""
    group_field = BREAKDOWNS[by][0] if by in BREAKDOWNS else None
    columns = [Column("all", _("Everybody"))]
    if group_field:
        columns += [Column(row.pk, row.name) for row in BREAKDOWNS[by][1].objects.all()]
        columns.append(Column(None, _("Not said")))
    index = {column.key: n for n, column in enumerate(columns)}
    respondents = survey.responses.all()
    group = [group_field] if group_field else []
    for row in respondents.values(*group).annotate(n=Count("id")).order_by():
        columns[0].respondents += row["n"]
        if group_field:
            columns[index[row[group_field]]].respondents += row["n"]
    questions = list(survey.questions.all())
    results = {q.pk: QuestionResult(question=q, columns=columns) for q in questions}
    counts = {}
    answers = Answer.objects.filter(response__survey=survey)
    keys = ["question_id", "value"] + [f"response__{g}" for g in group]
    for row in answers.filter(value__isnull=False).values(*keys).annotate(n=Count("id")).order_by():
        cell = (row["question_id"], row["value"])
        totals = counts.setdefault(cell, [0] * len(columns))
        totals[0] += row["n"]
        if group_field:
            totals[index[row[f"response__{group_field}"]]] += row["n"]
    averages = {}
    scales = answers.filter(question__kind=Question.Kind.SCALE)
    for row in scales.values("question_id").annotate(avg=Avg("value")).order_by():
        averages.setdefault(row["question_id"], [None] * len(columns))[0] = row["avg"]
    if group_field:
        key = f"response__{group_field}"
        for row in scales.values("question_id", key).annotate(avg=Avg("value")).order_by():
            averages.setdefault(row["question_id"], [None] * len(columns))[index[row[key]]] = row[
                "avg"
            ]
    for question in questions:
        result = results[question.pk]
        if question.kind == Question.Kind.SCALE:
            labels = [(point, str(point)) for point in SCALE]
            result.averages = averages.get(question.pk, [None] * len(columns))
        elif question.has_choices:
            labels = list(enumerate(question.choice_list))
        else:
            labels = []
        result.rows = [
            (label, counts.get((question.pk, value), [0] * len(columns))) for value, label in labels
        ]
    if include_texts:
        texts = answers.filter(question__kind=Question.Kind.TEXT).exclude(text="")
        for question_id, text in texts.order_by("response__submitted_at", "pk").values_list(
            "question_id", "text"
        ):
            results[question_id].texts.append(text)
    return Results(
        survey=survey,
        by=by if group_field else "",
        columns=columns,
        questions=[results[q.pk] for q in questions],
        total=columns[0].respondents,
    )


def results_visible(survey, user, today=None):
    """Staff always; everybody once the survey closed, if staff made the results public."""
    from learningcity.permissions import can

    if can(user, "monitoring.manage_surveys"):
        return True
    return survey.results_public and survey.is_closed(today or city_today())


def export_rows(survey):
    """The header and one row per response, for the staff's CSV. Three queries."""
    questions = list(survey.questions.all())
    header = [_("Answered"), _("District"), _("Target group")] + [q.text for q in questions]
    responses = (
        survey.responses.select_related("district", "target_group")
        .prefetch_related("answers")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for response in responses:
        given = {}
        for answer in response.answers.all():
            given.setdefault(answer.question_id, []).append(answer)
        row = [
            response.submitted_at.isoformat(timespec="seconds"),
            response.district.name if response.district else "",
            response.target_group.name if response.target_group else "",
        ]
        for question in questions:
            row.append("; ".join(_shown(question, a) for a in given.get(question.pk, [])))
        rows.append(row)
    return header, rows


def _shown(question, answer):
    if question.kind == Question.Kind.TEXT:
        return answer.text
    if question.has_choices:
        choices = question.choice_list
        return choices[answer.value] if answer.value < len(choices) else str(answer.value)
    return str(answer.value)
