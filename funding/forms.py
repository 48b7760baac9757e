from django import forms
from django.utils.translation import gettext_lazy as _

from funding.models import Allocation, Booking, Contribution, SharedResource
from learningcity.content_languages import fields_in_languages
from learningcity.forms import TextsInLanguagesMixin
from learningcity.models import District, TargetGroup
from planning.models import Action
from planning.selectors import adopted_plan


class AllocationForm(forms.ModelForm):
    """Staff allocate part of a contribution to an action of the plan in force; the service
    checks the balance with the contribution's row locked."""

    class Meta:
        model = Allocation
        fields = ["contribution", "action", "amount", "district", "target_group", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution"].queryset = Contribution.objects.select_related("source")
        plan = adopted_plan()
        self.fields["action"].queryset = Action.objects.filter(objective__plan=plan).order_by(
            "title"
        )
        self.fields["district"].queryset = District.objects.all()
        self.fields["target_group"].queryset = TargetGroup.objects.all()


class ResourceForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        model = SharedResource
        fields = fields_in_languages(
            SharedResource,
            ["organisation", "kind", "name", "description", "unit", "unit_value", "currency"],
        )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class BookingForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = ["organisation", "purpose", "starts_on", "ends_on", "units"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class FinishForm(forms.Form):
    units_used = forms.DecimalField(
        label=_("Units used"), max_digits=8, decimal_places=2, min_value=0
    )
