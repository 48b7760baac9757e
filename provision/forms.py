from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import IdChoiceField, TextsInLanguagesMixin, id_formfield
from learningcity.models import TargetGroup
from provision.filters import SCHEDULES
from provision.models import (
    BARRIERS,
    LearningNeed,
    LearningSpace,
    Opportunity,
    Published,
    Rating,
    Subject,
)
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
                "childcare",
                "interpreters",
                "easy_read",
                "outreach",
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
                "childcare",
                "interpreters",
                "easy_read",
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


class NeedForm(forms.ModelForm):
    """What someone would like to learn, told with or without an account. `website` is a trap
    for robots: hidden from people (and from screen readers), filled by scripts that fill every
    field, so such a need is thanked for and dropped."""

    subject = IdChoiceField(
        queryset=Subject.objects.all(),
        required=False,
        label=_("What would you like to learn?"),
        empty_label=_("Choose a subject, or write it below"),
    )
    when = forms.MultipleChoiceField(
        choices=SCHEDULES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("When could you come?"),
    )
    barriers = forms.MultipleChoiceField(
        choices=BARRIERS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("What stops you from learning it now?"),
    )
    target_groups = forms.ModelMultipleChoiceField(
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Do you belong to any of these groups? (optional)"),
    )
    website = forms.CharField(
        required=False, label=_("Leave this empty"), widget=forms.TextInput(attrs={"tabindex": -1})
    )

    class Meta:
        formfield_callback = id_formfield
        model = LearningNeed
        fields = ["subject", "subject_other", "details", "district", "name", "email"]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "subject_other": _("In your own words (if no subject fits)"),
            "details": _("Anything else you want to tell us (optional)"),
            "district": _("Where in the city would suit you?"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail, if you want an answer (optional)"),
        }
        help_texts = {
            "email": _("Only city staff read your name and e-mail; they are never published."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].empty_label = _("Anywhere in the city")

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))

    def _post_clean(self):
        for slot, _label in SCHEDULES:
            setattr(self.instance, slot, slot in self.cleaned_data.get("when", []))
        for code, _label in BARRIERS:
            setattr(self.instance, f"barrier_{code}", code in self.cleaned_data.get("barriers", []))
        super()._post_clean()


class NeedResponseForm(forms.ModelForm):
    """City staff answer a need and link the opportunities that answer it."""

    class Meta:
        formfield_callback = id_formfield
        model = LearningNeed
        fields = ["status", "response", "opportunities"]
        widgets = {
            "response": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "status": forms.RadioSelect,
            "opportunities": forms.CheckboxSelectMultiple,
        }
        labels = {"response": _("Your answer, which the person reads")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        need = self.instance
        # Published opportunities of the need's subject, and those already linked.
        offered = Opportunity.objects.public()
        if need.subject_id is not None:
            offered = offered.filter(subjects=need.subject_id)
        self.fields["opportunities"].queryset = (
            Opportunity.objects.filter(Q(pk__in=offered.values("pk")) | Q(answered_needs=need.pk))
            .distinct()
            .order_by("name_es", "pk")
        )
        self.fields["opportunities"].required = False
