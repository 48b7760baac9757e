"""Forms of the bulletin: the period of a new draft, and the draft's texts in each language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.bulletin_models import Bulletin
from monitoring.bulletins import EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BulletinPeriodForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = EDITABLE
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            **{name: forms.Textarea(attrs={"rows": 16}) for name in EDITABLE if "body" in name},
        }
