from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, ExhibitorApplication
from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import (
    IdChoiceField,
    IdMultipleChoiceField,
    TextsInLanguagesMixin,
    id_formfield,
)
from learningcity.models import Sector
from stakeholders.models import Organisation


class GuestRegistrationForm(forms.Form):
    """A person without an account registers with a name and an e-mail address, confirmed by a
    link sent to it."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to it: the registration counts once you open it."),
    )


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventProposalForm(TextsInLanguagesMixin, forms.ModelForm):
    """An organisation proposes an event of its own; city staff publish it."""

    organisation = IdChoiceField(
        queryset=Organisation.objects.none(), label=_("Organised by"), empty_label=None
    )

    class Meta:
        formfield_callback = id_formfield
        model = Event
        fields = fields_in_languages(
            Event,
            [
                "title",
                "summary",
                "description",
                "starts_at",
                "ends_at",
                "venue_name",
                "address",
                "district",
                "online_url",
                "is_free",
                "price",
                "capacity",
                "accessibility_features",
            ],
        )
        widgets = widgets_in_languages(
            Event,
            {
                "summary": forms.Textarea(attrs={"rows": 2}),
                "description": forms.Textarea(attrs={"rows": 5}),
                "starts_at": DATETIME,
                "ends_at": DATETIME,
                "accessibility_features": forms.CheckboxSelectMultiple,
            },
        )

    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            # A revised proposal stays with the organisation that proposed it.
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.order_fields(["organisation", *self._meta.fields])


class ExhibitorApplicationForm(forms.ModelForm):
    organisation = IdChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None
    )

    class Meta:
        model = ExhibitorApplication
        fields = ["organisation", "showing", "activity", "needs"]
        widgets = {
            "showing": forms.Textarea(attrs={"rows": 3}),
            "activity": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ExhibitorCallForm(forms.Form):
    sectors = IdMultipleChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sectors"),
        help_text=_("None chosen: every verified organisation."),
    )
