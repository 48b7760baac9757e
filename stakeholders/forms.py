from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import (
    default_language,
    field_in,
    fields_in_languages,
    widgets_in_languages,
)
from learningcity.forms import TextsInLanguagesMixin
from learningcity.models import SHORT_TEXT, CityProfile
from stakeholders.models import Membership, Organisation, normalise_name, validate_organisation_name


class OrganisationNameMixin:
    """A name the site and the administration both check the same way, before saving."""

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Refused names stop here: an empty key would "clash" with any other refused name.
        validate_organisation_name(name)
        clash = Organisation.objects.filter(name_key=normalise_name(name))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        existing = clash.first()
        if existing:
            raise forms.ValidationError(
                format_html(
                    _('“{}” is already registered: <a href="{}">see its page</a>.'),
                    existing.name,
                    existing.get_absolute_url(),
                )
                if existing.verified
                else _("“%(name)s” is already registered and awaits verification.")
                % {"name": existing.name}
            )
        return name


class OrganisationForm(OrganisationNameMixin, TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = fields_in_languages(
            Organisation,
            [
                "name",
                "sector",
                "kind",
                "district",
                "description",
                "website",
                "email",
                "phone",
                "contact_name",
                "address",
                "latitude",
                "longitude",
            ],
        )
        widgets = widgets_in_languages(
            Organisation,
            {
                "description": forms.Textarea(attrs={"rows": 4}),
                "website": forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "url"}),
                "email": forms.EmailInput(attrs={"autocomplete": "email"}),
                "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
                "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
                "latitude": forms.NumberInput(attrs={"step": "0.000001"}),
                "longitude": forms.NumberInput(attrs={"step": "0.000001"}),
            },
        )
        help_texts = {
            "latitude": _("Pick the place on the map, or type it (e.g. 19.7024)."),
            # Under the first of its languages, the default one.
            field_in("description", default_language()): _(
                "What the organisation does and what it offers to learners."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors.get("latitude"):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        elif latitude is not None and not CityProfile.objects.current().contains(
            latitude, longitude
        ):
            self.add_error("latitude", _("This place is outside the city. Check the map."))
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent to the organisation's administrators."),
        max_length=SHORT_TEXT,
    )
