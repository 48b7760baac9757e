from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from funding import services
from funding.models import (
    AgreementShare,
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostBenefitYear,
    CostSharingAgreement,
    FundingSource,
    SharedResource,
)
from learningcity.content_languages import fields_in_languages, widgets_in_languages
from learningcity.forms import TextsInLanguagesMixin, id_formfield
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


# Staff's forms for the books: budget lines, contributions, cost-sharing agreements with their
# shares and cost-benefit analyses with their years. Each is saved by its service in the view.

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plan_actions(current=None):
    """The actions of the plan in force, and the one an entry already names (it may belong to an
    earlier version of the plan), by title."""
    plan = adopted_plan()
    chosen = Q(objective__plan=plan) if plan else Q(pk__in=[])
    if current is not None:
        chosen |= Q(pk=current)
    return Action.objects.filter(chosen).order_by("title")


class BudgetLineForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = BudgetLine
        fields = fields_in_languages(BudgetLine, ["year", "action", "item", "amount", "currency"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = plan_actions(self.instance.action_id)


class ContributionForm(forms.ModelForm):
    """A contribution as pledged; its receipt is recorded on its own page."""

    class Meta:
        formfield_callback = id_formfield
        model = Contribution
        fields = [
            "source", "form", "description", "amount", "currency", "year", "pledged_on",
            "action", "target_group", "district",
        ]  # fmt: skip
        widgets = {"pledged_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = FundingSource.objects.all()
        self.fields["action"].queryset = plan_actions(self.instance.action_id)
        self.fields["target_group"].queryset = TargetGroup.objects.all()
        self.fields["district"].queryset = District.objects.all()

    def clean(self):
        # Checked here, beside the field: the model would name the date of receipt, which the
        # form does not show.
        cleaned = super().clean()
        pledged_on, received_on = cleaned.get("pledged_on"), self.instance.received_on
        if pledged_on and received_on and pledged_on > received_on:
            self.add_error(
                "pledged_on",
                ValidationError(
                    _("The contribution was received on %(date)s; it cannot be pledged later."),
                    code="after_receipt",
                    params={"date": formats.date_format(received_on, "SHORT_DATE_FORMAT")},
                ),
            )
        return cleaned


class ReceiveForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class AgreementForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = CostSharingAgreement
        fields = fields_in_languages(
            CostSharingAgreement,
            ["title", "action", "programme", "total_amount", "currency", "valid_from",
             "valid_until"],
        )  # fmt: skip
        widgets = {"valid_from": DATE, "valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = plan_actions(self.instance.action_id)


class SharesAddUp(forms.BaseInlineFormSet):
    """An agreement's shares, which must add up before anything is saved: checked here with the
    service's rule, so the page shows the message, and again by the service. The parties are
    read once for every row's list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "party" not in self.form.base_fields:
            return
        parties = [("", "---------")] + [
            (source.pk, str(source)) for source in FundingSource.objects.only("pk", "name")
        ]
        for form in self.forms:
            form.fields["party"].choices = parties

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            (form.cleaned_data.get("percent"), form.cleaned_data.get("amount"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.check_shares(self.instance.total_amount, shares)
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def kept(self):
        """The shares to save: the rows filled in and not marked for removal."""
        return [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


ShareFormSet = forms.inlineformset_factory(
    CostSharingAgreement,
    AgreementShare,
    formset=SharesAddUp,
    fields=["party", "percent", "amount", "pays_for"],
    formfield_callback=id_formfield,
    extra=2,
    can_delete=True,
)


class AnalysisForm(TextsInLanguagesMixin, forms.ModelForm):
    class Meta:
        formfield_callback = id_formfield
        model = CostBenefitAnalysis
        fields = fields_in_languages(
            CostBenefitAnalysis,
            ["title", "action", "programme", "method", "discount_rate", "first_year",
             "currency", "assumptions", "evidence"],
        )  # fmt: skip
        widgets = widgets_in_languages(
            CostBenefitAnalysis,
            {
                "assumptions": forms.Textarea(attrs={"rows": 4}),
                "evidence": forms.Textarea(attrs={"rows": 3}),
            },
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = plan_actions(self.instance.action_id)


class YearRows(forms.BaseInlineFormSet):
    def kept(self):
        """The years to save: the rows filled in and not marked for removal."""
        return [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


YearFormSet = forms.inlineformset_factory(
    CostBenefitAnalysis,
    CostBenefitYear,
    formset=YearRows,
    fields=["year", "cost", "benefit", "note"],
    extra=3,
    can_delete=True,
)
