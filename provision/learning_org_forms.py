"""Forms of learning organisations and a learner-friendly city."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.forms import id_formfield
from provision.learning_org_models import (
    ASSESSMENT_ITEMS,
    CHECKLIST_ITEMS,
    COMMITMENTS,
    BarrierReport,
    LearningOrganisationPledge,
    Progress,
    SpaceChecklist,
    SupportRequest,
)


def _choices_of(model, names):
    return [(name, model._meta.get_field(name).verbose_name) for name in names]


class PledgeForm(forms.Form):
    commitments = forms.MultipleChoiceField(
        choices=_choices_of(LearningOrganisationPledge, COMMITMENTS),
        widget=forms.CheckboxSelectMultiple,
        label=_("What your organisation commits to"),
        error_messages={"required": _("Choose at least one commitment.")},
    )
    statement = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        label=_("Our commitments in our words"),
        help_text=_("What you will do, by when; shown on your public page."),
    )

    @classmethod
    def for_pledge(cls, pledge, data=None):
        initial = None
        if pledge is not None:
            initial = {
                "commitments": [name for name in COMMITMENTS if getattr(pledge, name)],
                "statement": pledge.statement,
            }
        return cls(data, initial=initial)


class SelfAssessmentForm(forms.Form):
    """A rating and a comment for every item of ASSESSMENT_ITEMS."""

    def __init__(self, *args, assessment=None, **kwargs):
        initial = {}
        if assessment is not None:
            for answer in assessment.answers.all():
                initial[f"rating_{answer.item}"] = answer.rating
                initial[f"comment_{answer.item}"] = answer.comment
        super().__init__(*args, initial=initial, **kwargs)
        for code, label in ASSESSMENT_ITEMS:
            self.fields[f"rating_{code}"] = forms.TypedChoiceField(
                choices=Progress.choices, coerce=int, widget=forms.RadioSelect, label=label
            )
            self.fields[f"comment_{code}"] = forms.CharField(
                max_length=500,
                required=False,
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            )

    def items(self):
        """(rating field, comment field) per item, in order, for the template."""
        return [(self[f"rating_{code}"], self[f"comment_{code}"]) for code, _ in ASSESSMENT_ITEMS]

    def answers(self):
        data = self.cleaned_data
        return {
            code: (data[f"rating_{code}"], data[f"comment_{code}"]) for code, _ in ASSESSMENT_ITEMS
        }


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["kind", "description"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }


class SupportAnswerForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["status", "response"]
        widgets = {
            "status": forms.RadioSelect,
            "response": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        labels = {"response": _("Your answer, which the organisation reads")}


class YearlyReportForm(forms.Form):
    text = forms.CharField(
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 3000}),
        label=_("What we did this year"),
        help_text=_("What your people learned, what you opened to the city, what comes next."),
    )


class ChecklistForm(forms.Form):
    ticked = forms.MultipleChoiceField(
        choices=_choices_of(SpaceChecklist, CHECKLIST_ITEMS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("What is true of this space today"),
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        label=_("Anything to add (optional)"),
    )

    @classmethod
    def for_checklist(cls, checklist, data=None):
        initial = None
        if checklist is not None:
            initial = {
                "ticked": [name for name in CHECKLIST_ITEMS if getattr(checklist, name)],
                "note": checklist.note,
            }
        return cls(data, initial=initial)


class BarrierForm(forms.ModelForm):
    """A barrier met at a space. `website` is a trap for robots, as on the learning needs'
    form: hidden from people, filled by scripts, so such a report is thanked for and dropped."""

    website = forms.CharField(
        required=False, label=_("Leave this empty"), widget=forms.TextInput(attrs={"tabindex": -1})
    )

    class Meta:
        formfield_callback = id_formfield
        model = BarrierReport
        fields = ["kind", "description", "name", "email"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "kind": _("What kind of barrier did you meet?"),
            "description": _("What happened?"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail, if you want an answer (optional)"),
        }
        help_texts = {
            "email": _("Only city staff read your name and e-mail; they are never published."),
        }

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


class BarrierAnswerForm(forms.ModelForm):
    class Meta:
        model = BarrierReport
        fields = ["status", "response", "is_public"]
        widgets = {
            "status": forms.RadioSelect,
            "response": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        labels = {"response": _("Your answer, which the person reads")}
