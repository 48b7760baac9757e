"""Forms of the feedback pages: the public's, with a honeypot, and city staff's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.forms import IdChoiceField
from monitoring.models import FEEDBACK_MAX_LENGTH, Indicator
from planning.models import Action, Objective
from planning.selectors import adopted_plan


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Your feedback"),
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What works, what does not, what the programme should do. At most %(limit)d "
            "characters. City staff read it before it is published."
        )
        % {"limit": FEEDBACK_MAX_LENGTH},
        error_messages={
            "max_length": _(
                "Write at most %(limit_value)d characters; this text has %(show_value)d."
            )
        },
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only city staff see your name and address; we write to you when we answer."),
    )
    # A field people never see: software that fills in every field fills this one too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        max_length=500,
        help_text=_("Kept with the feedback; the feedback is never deleted."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("What we did"),
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown under the feedback once it is published."),
    )
    action = IdChoiceField(
        queryset=Action.objects.none(), required=False, label=_("Plan action it changed")
    )
    objective = IdChoiceField(
        queryset=Objective.objects.none(), required=False, label=_("Plan objective it changed")
    )
    indicator = IdChoiceField(
        queryset=Indicator.objects.order_by("order", "pk"),
        required=False,
        label=_("Indicator it changed"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = adopted_plan()
        if plan is not None:
            self.fields["action"].queryset = Action.objects.filter(objective__plan=plan).order_by(
                "objective__order", "order", "pk"
            )
            self.fields["objective"].queryset = plan.objectives.order_by("order", "pk")
