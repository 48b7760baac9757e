"""Forms of surveys and of stakeholders' reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.forms import IdChoiceField, IdMultipleChoiceField
from learningcity.models import District, TargetGroup
from monitoring.report_models import ReportRequest, ReportTag
from monitoring.survey_models import SCALE, TEXT_ANSWER_MAX, Question
from monitoring.surveys import BREAKDOWNS
from stakeholders.models import Organisation


def question_field(question):
    required = question.required
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(
            label=question.text,
            required=required,
            max_length=TEXT_ANSWER_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    if question.kind == Question.Kind.SCALE:
        choices = [(str(point), str(point)) for point in SCALE]
        return forms.TypedChoiceField(
            label=question.text,
            required=required,
            choices=choices,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            help_text=_("1 is the least, 5 the most."),
        )
    choices = [(str(n), label) for n, label in enumerate(question.choice_list)]
    if question.kind == Question.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            label=question.text,
            required=required,
            choices=choices,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tick all that apply."),
        )
    return forms.TypedChoiceField(
        label=question.text,
        required=required,
        choices=choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )


class SurveyAnswerForm(forms.Form):
    """A field per question (`q<pk>`), then the district and target group when asked."""

    def __init__(self, *args, survey, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = question_field(question)
        if survey.ask_district:
            self.fields["district"] = IdChoiceField(
                queryset=District.objects.all(),
                required=False,
                label=_("Which district do you live in?"),
                empty_label=_("I'd rather not say"),
            )
        if survey.ask_target_group:
            self.fields["target_group"] = IdChoiceField(
                queryset=TargetGroup.objects.all(),
                required=False,
                label=_("Do you belong to one of these groups?"),
                empty_label=_("None of them, or I'd rather not say"),
            )

    def answers(self):
        return {q: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class ResultsFilterForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Break the results down"),
        required=False,
        choices=[("", _("No breakdown"))] + [(k, v[2]) for k, v in BREAKDOWNS.items()],
    )


class ReportRequestForm(forms.ModelForm):
    organisations = IdMultipleChoiceField(
        queryset=Organisation.objects.all(),
        label=_("Organisations asked"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticked at first: the organisations responsible for the plan's actions."),
    )

    class Meta:
        model = ReportRequest
        fields = ["title", "period_start", "period_end", "due_on", "message"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations


class ReportAnswerForm(forms.Form):
    done = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The activities of the period and whom they reached."),
    )
    lessons = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    suggestions = forms.CharField(
        label=_("Suggestions for improvement"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReportTagsForm(forms.Form):
    lesson_tags = IdMultipleChoiceField(
        queryset=ReportTag.objects.all(),
        required=False,
        label=_("Lessons are about"),
        widget=forms.CheckboxSelectMultiple,
    )
    suggestion_tags = IdMultipleChoiceField(
        queryset=ReportTag.objects.all(),
        required=False,
        label=_("Suggestions are about"),
        widget=forms.CheckboxSelectMultiple,
    )
    new_tags = forms.CharField(
        label=_("New tags for the lessons"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas."),
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        # One list of tags read once for every report's form on the page.
        for name in ("lesson_tags", "suggestion_tags"):
            self.fields[name].queryset = ReportTag.objects.all()
            self.fields[name].choices = [(tag.pk, tag.name) for tag in tags]
