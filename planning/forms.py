from django import forms
from django.utils.translation import gettext_lazy as _

from planning.models import Action, Milestone


class ActionForm(forms.ModelForm):
    # The version the editor started from, sent back to detect an edit made meanwhile.
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "lead_organisation",
            "contact_people",
            "start",
            "end",
            "phase",
            "manual_progress",
            "status_override",
            "status_override_reason",
            "weight",
            "national_strategy",
            "ministry_contacts",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status_override_reason": forms.Textarea(attrs={"rows": 2}),
            "ministry_contacts": forms.CheckboxSelectMultiple,
        }
        labels = {"status_override": _("Status set by hand (leave empty to compute it)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = self.fields[
            "lead_organisation"
        ].queryset.filter(verified=True)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


MilestoneFormSet = forms.inlineformset_factory(
    Action,
    Milestone,
    fields=["title", "due", "completed_on"],
    widgets={
        "due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "completed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    },
    extra=1,
    can_delete=True,
)


class AdoptionForm(forms.Form):
    decision = forms.CharField(
        label=_("Adoption decision"),
        max_length=255,
        help_text=_("E.g. “City council session of 12 March 2026, agreement 45/2026”."),
    )
