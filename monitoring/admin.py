from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin, RuleTabularInline
from learningcity.content_languages import field_in, fields_in_languages
from monitoring import (
    assessment_services,
    bulletins,
    feedback_services,
    services,
    stakeholder_reports,
    surveys,
)
from monitoring.models import (
    Bulletin,
    Dimension,
    DimensionValue,
    Feedback,
    Goal,
    Indicator,
    KflcAssessment,
    KflcDescriptor,
    KflcRating,
    Measurement,
    Period,
    Question,
    ReportRequest,
    ReportTag,
    StakeholderReport,
    Survey,
)


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


@admin.register(KflcDescriptor)
class KflcDescriptorAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    """The levels' descriptors are data staff edit here, in both languages; a descriptor a
    rating uses cannot be deleted."""

    edit_rule = "monitoring.assess_kflc"
    list_display = ["level", "name_es", "name_en", "focus"]
    list_filter = ["focus"]
    fields = ["level", "focus", "name_es", "name_en", "description_es", "description_en"]


class KflcRatingInline(RuleTabularInline):
    """Ratings are read here; staff rate on the self-assessment's page, through the service."""

    edit_rule = "monitoring.assess_kflc"
    model = KflcRating
    extra = 0
    fields = ["focus", "feature", "level", "descriptor", "note"]


class QuestionInline(TranslationTabularInline, RuleTabularInline):
    edit_rule = "monitoring.manage_surveys"
    model = Question
    extra = 3
    fields = ["order", "text", "kind", "choices", "required"]

    def get_readonly_fields(self, request, obj=None):
        # Answers are counted by the choice's place in the list: once people have answered,
        # the kinds and the default language's choices stay as they were (a translation may
        # still be added, as many lines long: Question.clean).
        if obj is not None and obj.responses.exists():
            return ["kind", field_in("choices", settings.LANGUAGE_CODE)]
        return []

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.responses.exists()) and super().has_delete_permission(
            request, obj
        )


@admin.register(Survey)
class SurveyAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "monitoring.manage_surveys"
    list_display = ["title", "opens_on", "closes_on", "sign_in_required", "results_public"]
    exclude = ["created_by"]
    inlines = [QuestionInline]

    def save_model(self, request, obj, form, change):
        surveys.survey_save(survey=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        # Sets the formset's new, changed and deleted objects the admin's history reads.
        formset.save(commit=False)
        for question in formset.deleted_objects:
            surveys.question_delete(question=question, by=request.user)
        for question in formset.new_objects + [
            changed for changed, _fields in formset.changed_objects
        ]:
            question.survey = form.instance
            surveys.question_save(question=question, by=request.user)


class StakeholderReportInline(RuleTabularInline):
    edit_rule = "monitoring.manage_reports"
    model = StakeholderReport
    extra = 0
    fields = ["organisation", "answered_at", "answered_by", "reminded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KflcAssessment)
class KflcAssessmentAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "monitoring.assess_kflc"
    list_display = ["year", "status", "completed_at"]
    list_filter = ["status"]
    readonly_fields = ["year", "status", "created_by", "completed_by", "completed_at"]
    inlines = [KflcRatingInline]
    actions = ["complete", "reopen"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Complete the self-assessments chosen"))
    def complete(self, request, queryset):
        for assessment in queryset.filter(status=KflcAssessment.Status.DRAFT):
            try:
                assessment_services.kflc_assessment_complete(assessment=assessment, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{assessment}: {' '.join(error.messages)}", level="error"
                )

    @admin.action(description=_("Open the self-assessments chosen again"))
    def reopen(self, request, queryset):
        for assessment in queryset:
            assessment_services.kflc_assessment_reopen(assessment=assessment, by=request.user)


@admin.register(Feedback)
class FeedbackAdmin(RuleModelAdmin):
    """Feedback is read here and published in bulk; hiding (with a reason) and answering are on
    its moderation page. Nobody deletes feedback."""

    edit_rule = "monitoring.moderate_feedback"
    list_display = ["__str__", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    search_fields = ["text", "answer"]
    readonly_fields = ["text", "contact_name", "contact_email", "author", "language",
                       "created_at", "status", "hidden_reason", "moderated_by", "moderated_at",
                       "answer", "answered_by", "answered_at", "action", "objective",
                       "indicator"]  # fmt: skip
    actions = ["publish"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Publish the feedback chosen"))
    def publish(self, request, queryset):
        for item in queryset.exclude(status=Feedback.Status.PUBLISHED):
            feedback_services.feedback_publish(feedback=item, by=request.user)


@admin.register(ReportRequest)
class ReportRequestAdmin(RuleModelAdmin):
    """Read here; requests are sent from /monitoring/report-requests/new/, which asks the
    organisations and notifies them."""

    edit_rule = "monitoring.manage_reports"
    list_display = ["title", "period_start", "period_end", "due_on"]
    readonly_fields = ["title", "period_start", "period_end", "due_on", "message", "sent_at"]
    exclude = ["created_by"]
    inlines = [StakeholderReportInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportTag)
class ReportTagAdmin(RuleModelAdmin):
    edit_rule = "monitoring.manage_reports"
    list_display = ["name"]

    def save_model(self, request, obj, form, change):
        stakeholder_reports.tag_save(tag=obj, by=request.user)


@admin.register(Bulletin)
class BulletinAdmin(RuleModelAdmin):
    """A draft is edited here or on its page, through the service; it is drafted (prefilled) and
    sent from /monitoring/bulletins/, which tells every recipient. Nobody deletes a bulletin."""

    edit_rule = "monitoring.send_bulletins"
    list_display = ["title", "period_start", "period_end", "sent_at", "recipients"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    fields = bulletins.EDITABLE
    actions = ["send"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_sent)

    def save_model(self, request, obj, form, change):
        bulletins.bulletin_update(
            bulletin=obj, by=request.user, **{name: form.cleaned_data[name] for name in self.fields}
        )

    @admin.action(description=_("Send the bulletins chosen"))
    def send(self, request, queryset):
        for bulletin in queryset.filter(sent_at__isnull=True):
            bulletins.bulletin_send(bulletin=bulletin, by=request.user)
