"""Funding in the administration, for city staff. Every save goes through `funding.services`, so
the rules (balances, shares adding up, dates) and the audit trail are the same as the portal's."""

from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from funding import services
from funding.models import (
    AgreementDocument,
    AgreementShare,
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostBenefitYear,
    CostSharingAgreement,
    ExchangeRate,
    FundingSource,
    SharedResource,
)
from learningcity.admin_site import RuleModelAdmin, RuleTabularInline

EDIT = "funding.edit_funding"


class ServiceAdmin(RuleModelAdmin):
    edit_rule = EDIT
    service = None
    argument = None

    def save_model(self, request, obj, form, change):
        getattr(services, self.service)(**{self.argument: obj, "by": request.user})


@admin.register(BudgetLine)
class BudgetLineAdmin(TranslationAdmin, ServiceAdmin):
    service, argument = "budget_line_save", "line"
    list_display = ["year", "item", "action", "amount", "currency"]
    list_filter = ["year", "currency"]
    list_select_related = ["action"]
    autocomplete_fields = ["action"]
    search_fields = ["item"]

    def delete_model(self, request, obj):
        services.budget_line_delete(line=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for line in queryset:
            services.budget_line_delete(line=line, by=request.user)


@admin.register(FundingSource)
class FundingSourceAdmin(ServiceAdmin):
    service, argument = "source_save", "source"
    list_display = ["name", "kind", "organisation", "anonymous"]
    list_filter = ["kind", "anonymous"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    search_fields = ["name"]


@admin.register(Contribution)
class ContributionAdmin(ServiceAdmin):
    service, argument = "contribution_save", "contribution"
    list_display = ["source", "form", "amount", "currency", "year", "status", "received_on"]
    list_filter = ["year", "status", "form", "source__kind", "currency"]
    list_select_related = ["source"]
    autocomplete_fields = ["source", "action"]
    search_fields = ["source__name", "description"]


@admin.register(Allocation)
class AllocationAdmin(RuleModelAdmin):
    """Allocations are made on the portal's allocation page (its form locks the contribution's
    balance); here staff read them and take one back."""

    edit_rule = EDIT
    list_display = ["contribution", "action", "amount", "district", "target_group", "created_at"]
    list_select_related = ["contribution__source", "action", "district", "target_group"]
    readonly_fields = ["contribution", "action", "amount", "district", "target_group", "note"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def delete_model(self, request, obj):
        services.allocation_delete(allocation=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for allocation in queryset:
            services.allocation_delete(allocation=allocation, by=request.user)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ServiceAdmin):
    service, argument = "exchange_rate_save", "rate"
    list_display = ["year", "currency", "rate"]


class ShareFormSet(forms.BaseInlineFormSet):
    """The shares must add up before anything is saved: checked here with the service's rule so
    the page shows the message, and again by the service."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            (form.cleaned_data.get("percent"), form.cleaned_data.get("amount"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        total = self.instance.total_amount
        try:
            services.check_shares(total, shares)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None


class ShareInline(RuleTabularInline):
    edit_rule = EDIT
    model = AgreementShare
    formset = ShareFormSet
    extra = 2
    autocomplete_fields = ["party"]


class DocumentInline(RuleTabularInline):
    edit_rule = EDIT
    model = AgreementDocument
    extra = 1


@admin.register(CostSharingAgreement)
class CostSharingAgreementAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT
    list_display = ["title", "action", "valid_from", "valid_until", "total_amount", "currency"]
    list_select_related = ["action"]
    autocomplete_fields = ["action"]
    inlines = [ShareInline, DocumentInline]

    def save_model(self, request, obj, form, change):
        services.agreement_save(agreement=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not AgreementShare:
            return super().save_formset(request, form, formset, change)
        # Sets the formset's new, changed and deleted objects the admin's history reads.
        formset.save(commit=False)
        shares = [
            subform.instance
            for subform in formset.forms
            if subform.cleaned_data and not subform.cleaned_data.get("DELETE")
        ]
        services.agreement_save(agreement=form.instance, shares=shares, by=request.user)


class YearInline(RuleTabularInline):
    edit_rule = EDIT
    model = CostBenefitYear
    extra = 3


@admin.register(CostBenefitAnalysis)
class CostBenefitAnalysisAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT
    list_display = ["title", "method", "discount_rate", "currency"]
    autocomplete_fields = ["action"]
    inlines = [YearInline]

    def save_model(self, request, obj, form, change):
        services.analysis_save(analysis=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        years = [
            subform.instance
            for subform in formset.forms
            if subform.cleaned_data and not subform.cleaned_data.get("DELETE")
        ]
        services.analysis_save(analysis=form.instance, years=years, by=request.user)


@admin.register(SharedResource)
class SharedResourceAdmin(TranslationAdmin, ServiceAdmin):
    service, argument = "resource_save", "resource"
    list_display = ["name", "organisation", "kind", "unit", "unit_value", "currency", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    search_fields = ["name"]


@admin.register(Booking)
class BookingAdmin(RuleModelAdmin):
    """Bookings are asked for, answered and closed on the portal's resource pages."""

    edit_rule = EDIT
    list_display = ["resource", "organisation", "starts_on", "ends_on", "status", "units_used"]
    list_filter = ["status"]
    list_select_related = ["resource", "organisation"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)
