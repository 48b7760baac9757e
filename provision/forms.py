from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import IdChoiceField, TextsInLanguagesMixin, id_formfield
from provision.models import LearningSpace, Opportunity, Published, Rating
from stakeholders.models import Organisation

STARS = [(number, str(number)) for number in range(5, 0, -1)]


class RatingForm(forms.ModelForm):
    stars = forms.TypedChoiceField(
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        label=_("How good was it, from 1 (poor) to 5 (excellent)?"),
    )

    class Meta:
        model = Rating
        fields = ["stars", "comment", "attended"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}
        labels = {"comment": _("A few words for other learners (optional)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].required = True
        self.fields["attended"].label = _("I took part in this learning opportunity")


class ResponseForm(forms.Form):
    response = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Your organisation's answer, shown under the rating"),
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTIPLE = forms.CheckboxSelectMultiple


class OpportunityForm(TextsInLanguagesMixin, forms.ModelForm):
    """An organisation's people describe one of its opportunities; the model's `clean` checks
    the point (inside the city, not swapped), the dates and the place."""

    class Meta:
        formfield_callback = id_formfield
        model = Opportunity
        fields = fields_in_languages(
            Opportunity,
            [
                "name",
                "description",
                "status",
                "subjects",
                "format",
                "location",
                "address",
                "district",
                "latitude",
                "longitude",
                "url",
                "is_free",
                "fees_description",
                "languages",
                "target_groups",
                "mornings",
                "evenings",
                "weekends",
                "schedule_description",
                "starts_on",
                "ends_on",
                "recognition_available",
                "recognition",
            ],
        )
        widgets = widgets_in_languages(
            Opportunity,
            {
                "description": forms.Textarea(attrs={"rows": 5}),
                "subjects": MULTIPLE,
                "languages": MULTIPLE,
                "target_groups": MULTIPLE,
                "starts_on": DATE,
                "ends_on": DATE,
            },
        )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Its own spaces, whatever their status, and every published one.
        self.fields["location"].queryset = LearningSpace.objects.filter(
            Q(status=Published.PUBLISHED) | Q(organization=organisation)
        )


class SpaceForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = LearningSpace
        fields = fields_in_languages(
            LearningSpace,
            [
                "name",
                "description",
                "kind",
                "status",
                "address",
                "district",
                "latitude",
                "longitude",
                "accessibility_features",
                "resources",
                "email",
                "phone",
                "url",
            ],
        )
        widgets = widgets_in_languages(
            LearningSpace,
            {
                "description": forms.Textarea(attrs={"rows": 4}),
                "accessibility_features": MULTIPLE,
                "resources": MULTIPLE,
            },
        )


IMPORT_MAX_BYTES = 1024 * 1024


class CatalogueImportForm(forms.Form):
    """A provider and a CSV file of its catalogue; the file is read as text, never stored."""

    organisation = IdChoiceField(
        queryset=Organisation.objects.filter(verified=True).order_by("name"),
        label=_("Provider"),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: name_es and format (in_person, online or blended) required; name_en, "
            "description_es, description_en, space, address, latitude, longitude, cost, "
            "subjects, languages, schedule, starts_on, ends_on and url as you need."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as CSV in UTF-8.")) from None
