"""The forms of recognition of non-formal learning (provision.recognition_views)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import TextsInLanguagesMixin, id_formfield
from learningcity.models import User
from provision.recognition_models import RecognitionApplication, RecognitionProcedure


class ProcedureForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield  # an id beyond 64 bits is refused, not a 500
        model = RecognitionProcedure
        fields = fields_in_languages(
            RecognitionProcedure,
            [
                "title",
                "assessed",
                "assessment",
                "evidence_guidance",
                "framework_level",
                "credits",
                "assessors",
                "is_open",
            ],
        )
        widgets = widgets_in_languages(
            RecognitionProcedure,
            {
                "assessed": forms.Textarea(attrs={"rows": 4}),
                "assessment": forms.Textarea(attrs={"rows": 4}),
                "evidence_guidance": forms.Textarea(attrs={"rows": 3}),
                "assessors": forms.CheckboxSelectMultiple,
            },
        )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the provider's own people may assess for it.
        self.fields["assessors"].queryset = User.objects.filter(
            memberships__organisation=organisation
        ).order_by("full_name", "pk")
        self.fields["assessors"].label_from_instance = lambda user: (
            user.get_full_name() or (user.email)
        )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = RecognitionApplication
        fields = ["statement", "evidence_file", "evidence_url"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 6, "maxlength": 4000})}
        help_texts = {
            "evidence_file": _(
                "A PDF, an image or an office document, as the procedure asks. Only the "
                "provider's assessors see it."
            ),
            "evidence_url": _("Or a link to where your work can be seen."),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: issue the credential")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons, which the learner reads"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CredentialWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn? The public page shows this."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
