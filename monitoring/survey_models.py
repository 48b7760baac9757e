"""Citizen surveys on learning interests and satisfaction (DESIGN.md §1, "assess citizens'
needs and collect data"): staff build a survey of a few kinds of questions, people answer it
once each (signed in, or anonymously with a token kept in a signed cookie and stored here only
hashed), and the results are counted by district and target group."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import field_in
from learningcity.models import SHORT_TEXT, District, TargetGroup

SCALE = range(1, 6)
TEXT_ANSWER_MAX = 1000


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user, today):
        """Staff see every survey; everybody else those that have opened."""
        from learningcity.permissions import can

        if can(user, "monitoring.manage_surveys"):
            return self
        return self.filter(opens_on__lte=today)


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=SHORT_TEXT, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day answers are taken."))
    sign_in_required = models.BooleanField(
        _("sign-in required"),
        default=False,
        help_text=_("Unticked, people may answer without an account, once per browser."),
    )
    ask_district = models.BooleanField(
        _("ask for the district"), default=True, help_text=_("To count the results by district.")
    )
    ask_target_group = models.BooleanField(
        _("ask for the target group"),
        default=True,
        help_text=_("To count the results by target group."),
    )
    results_public = models.BooleanField(
        _("results public once closed"),
        default=False,
        help_text=_("Everybody may read the counts and averages after the closing day."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:survey", args=[self.pk])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A survey closes on or after its opening day.")})

    def is_open(self, today):
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today):
        return today > self.closes_on


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale from 1 to 5")
        TEXT = "text", _("Short text")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    choices = models.TextField(
        _("choices"),
        blank=True,
        max_length=SHORT_TEXT,
        help_text=_("One a line, for single and multiple choice questions."),
    )
    required = models.BooleanField(_("answer required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        has_choices = self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)
        default = field_in("choices", settings.LANGUAGE_CODE)
        lists = {
            code: _lines(getattr(self, field_in("choices", code), None))
            for code, _name in settings.LANGUAGES
        }
        expected = len(lists[settings.LANGUAGE_CODE])
        if has_choices and expected < 2:
            raise ValidationError({default: _("Give at least two choices, one a line.")})
        for code, lines in lists.items():
            if not has_choices and lines:
                raise ValidationError(
                    {field_in("choices", code): _("Only choice questions have choices.")}
                )
            if lines and len(lines) != expected:
                raise ValidationError(
                    {
                        field_in("choices", code): _(
                            "Give as many choices as in %(language)s, in the same order: %(count)s."
                        )
                        % {
                            "language": get_language_info(settings.LANGUAGE_CODE)[
                                "name_translated"
                            ],
                            "count": expected,
                        }
                    }
                )

    @property
    def choice_list(self):
        """The choices in the reader's language (the default language's where not given)."""
        return _lines(self.choices)

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Response(models.Model):
    """One person's answers to a survey. `user` for a signed-in answer, `token_hash` (SHA-256
    of the survey and the browser's token) for an anonymous one: never both, never neither."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(_("anonymous token (hashed)"), max_length=64, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    submitted_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["survey", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=models.Q(user__isnull=False),
                name="survey_answered_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "token_hash"],
                condition=~models.Q(token_hash=""),
                name="survey_answered_once_per_token",
            ),
        ]

    def __str__(self):
        return f"{self.survey} · {self.submitted_at:%Y-%m-%d %H:%M}"


class Answer(models.Model):
    """The answer to one question: a choice's number (from 0, one row per ticked choice of a
    multiple choice question), a point of the scale, or a short text."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("survey answer")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.PositiveSmallIntegerField(
        _("choice or point of the scale"), null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True, max_length=TEXT_ANSWER_MAX)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question__order", "question_id", "value"]

    def __str__(self):
        return self.text or str(self.value)

    def clean(self):
        question = getattr(self, "question", None)
        if question is None:
            return
        if question.kind == Question.Kind.SCALE and self.value not in SCALE:
            raise ValidationError({"value": _("Choose a point from 1 to 5.")})
        if question.has_choices and (self.value is None or self.value >= len(question.choice_list)):
            raise ValidationError({"value": _("Choose one of the question's choices.")})
