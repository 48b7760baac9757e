from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin, RuleTabularInline
from learningcity.content_languages import fields_in_languages
from monitoring import services
from monitoring.models import Dimension, DimensionValue, Goal, Indicator, Measurement, Period


class DimensionValueInline(RuleTabularInline):
    edit_rule = "monitoring.edit_indicators"
    model = DimensionValue
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(RuleModelAdmin):
    edit_rule = "monitoring.edit_indicators"
    list_display = ["name_es", "name_en", "slug", "order"]
    inlines = [DimensionValueInline]


class GoalInline(RuleTabularInline):
    """Goals are read here and set through the service below (one row per year)."""

    edit_rule = "monitoring.edit_indicators"
    model = Goal
    extra = 0
    fields = ["year", "value"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class IndicatorAdminForm(forms.ModelForm):
    goals_text = forms.CharField(
        label=_("Goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One goal a line, as “year: value”, e.g. “2028: 45”."),
    )

    def clean_goals_text(self):
        goals = {}
        for number, line in enumerate(self.cleaned_data["goals_text"].splitlines(), 1):
            if not line.strip():
                continue
            year, _colon, value = line.partition(":")
            try:
                goals[int(year)] = Decimal(value.strip().replace(",", "."))
            except (ValueError, InvalidOperation):
                raise ValidationError(
                    _("Line %(number)d is not “year: value”.") % {"number": number}
                ) from None
        return goals

    def _post_clean(self):
        """Goals are checked against the indicator as changed (its unit, bounds, baseline)."""
        super()._post_clean()
        for year, value in self.cleaned_data.get("goals_text", {}).items():
            try:
                Goal(indicator=self.instance, year=year, value=value).full_clean(
                    exclude=["indicator"]
                )
            except ValidationError as error:
                self.add_error("goals_text", f"{year}: {' '.join(error.messages)}")


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin, RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "monitoring.edit_indicators"
    form = IndicatorAdminForm
    list_display = ["name", "unit", "frequency", "responsible_organisation", "metric"]
    list_filter = ["frequency", "direction", "kflc_focuses"]
    list_select_related = ["responsible_organisation"]
    search_fields = fields_in_languages(Indicator, ["name"])
    filter_horizontal = ["kflc_focuses", "kflc_features", "dimensions"]
    autocomplete_fields = ["objectives", "actions", "responsible_organisation"]
    inlines = [GoalInline]

    def save_model(self, request, obj, form, change):
        services.indicator_save(indicator=obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for year, value in form.cleaned_data.get("goals_text", {}).items():
            services.goal_set(indicator=form.instance, year=year, value=value, by=request.user)


class MeasurementInline(RuleTabularInline):
    """Values are read here; organisations enter them on the indicator's pages."""

    edit_rule = "monitoring.review_values"
    model = Measurement
    extra = 0
    fields = ["dimension_value", "value"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Period)
class PeriodAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    """Staff read the periods and lock approved ones; values and reviews go through the data
    entry and review pages, which call the services."""

    edit_rule = "monitoring.review_values"
    list_display = ["indicator", "start", "status", "locked_at"]
    list_filter = ["status", "indicator"]
    list_select_related = ["indicator"]
    readonly_fields = ["indicator", "start", "status", "source_note", "entered_by",
                       "submitted_at", "reviewed_by", "reviewed_at", "review_comment",
                       "locked_at"]  # fmt: skip
    inlines = [MeasurementInline]
    actions = ["lock"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Lock the approved periods chosen"))
    def lock(self, request, queryset):
        locked = 0
        for period in queryset.filter(status=Period.Status.APPROVED, locked_at__isnull=True):
            services.period_lock(period=period, by=request.user)
            locked += 1
        self.message_user(
            request,
            ngettext("%(count)d period was locked.", "%(count)d periods were locked.", locked)
            % {"count": locked},
        )
