from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from learningcity.forms import PlainIdMixin
from monitoring import progress
from monitoring.models import period_from_label, period_problem
from monitoring.services import parse_value
from planning.models import KflcFocus, Objective
from planning.selectors import adopted_plan


class IdChoiceField(PlainIdMixin, forms.ModelChoiceField):
    pass


class IndicatorFilterForm(forms.Form):
    focus = IdChoiceField(
        queryset=KflcFocus.objects.all(),
        required=False,
        label=_("KFLC area of focus"),
        empty_label=_("All areas of focus"),
    )
    objective = IdChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        label=_("Plan objective"),
        empty_label=_("All objectives"),
    )
    status = forms.ChoiceField(
        choices=[
            ("", _("On or off track")),
            (progress.ON_TRACK, _("On track")),
            (progress.OFF_TRACK, _("Off track")),
            (progress.NO_DATA, _("Not judged yet")),
        ],
        required=False,
        label=_("Progress"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = adopted_plan()
        self.fields["objective"].queryset = (
            plan.objectives.all() if plan else Objective.objects.none()
        )


class ValuesForm(forms.Form):
    """A period's values: the total and, optionally, its breakdowns."""

    period = forms.CharField(
        label=_("Period"), max_length=7, help_text=_("E.g. 2026, 2026-Q2 or 2026-05.")
    )
    total = forms.CharField(label=_("Total"), max_length=40)
    source_note = forms.CharField(label=_("Source of these values"), max_length=255, required=False)

    def __init__(self, *args, indicator, dimension_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.dimension_values = dimension_values
        self.fields["period"].help_text = {
            "yearly": _("The year, e.g. 2026."),
            "quarterly": _("The year and quarter, e.g. 2026-Q2."),
            "monthly": _("The year and month, e.g. 2026-05."),
        }[indicator.frequency]
        self.fields["total"].label = _("Total (%(unit)s)") % {"unit": indicator.unit}
        for dimension_value in dimension_values:
            self.fields[f"value_{dimension_value.pk}"] = forms.CharField(
                label=f"{dimension_value.dimension.name}: {dimension_value.name}",
                max_length=40,
                required=False,
            )

    def clean_period(self):
        start = period_from_label(self.indicator.frequency, self.cleaned_data["period"])
        if start is None:
            raise forms.ValidationError(period_problem(self.indicator.frequency))
        return start

    def _number(self, name):
        try:
            return parse_value(self.indicator, self.cleaned_data[name])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean_total(self):
        return self._number("total")

    def clean(self):
        cleaned = super().clean()
        values = {}
        if "total" in cleaned:
            values[None] = cleaned["total"]
        for dimension_value in self.dimension_values:
            name = f"value_{dimension_value.pk}"
            if (cleaned.get(name) or "").strip():
                try:
                    values[dimension_value] = self._number(name)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        cleaned["values"] = values
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs correcting"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


IMPORT_MAX_BYTES = 1024 * 1024


class ImportForm(forms.Form):
    """A CSV file of values; read as text here, never stored."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: indicator, period, dimension, category, value. Leave dimension and "
            "category empty for the total."
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
