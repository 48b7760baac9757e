from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from learningcity.admin_site import RuleModelAdmin, RuleTabularInline
from learningcity.content_languages import fields_in_languages
from provision import learning_orgs, services
from provision.learning_org_models import (
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SelfAssessmentAnswer,
    SpaceChecklist,
    SupportRequest,
    YearlyReport,
)
from provision.models import (
    BARRIERS,
    GuidancePoint,
    Language,
    LearningNeed,
    LearningSpace,
    OpeningHours,
    Opportunity,
    Resource,
    Subject,
)

EDIT_RULE = "provision.edit_provision"


@admin.register(Subject, Language, Resource)
class ReferenceListAdmin(RuleModelAdmin):
    edit_rule = EDIT_RULE
    list_display = ["name_es", "name_en", "slug"]
    search_fields = ["name_es", "name_en"]
    prepopulated_fields = {"slug": ["name_es"]}


class OpeningHoursInline(RuleTabularInline):
    edit_rule = EDIT_RULE
    model = OpeningHours
    extra = 1


@admin.register(LearningSpace)
class LearningSpaceAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT_RULE
    list_display = ["name", "kind", "district", "organization", "status"]
    list_filter = ["kind", "status", "district", "childcare", "interpreters", "easy_read"]
    list_select_related = ["district", "organization"]
    search_fields = fields_in_languages(LearningSpace, ["name"])
    prepopulated_fields = {"slug": ["name_es"]}
    autocomplete_fields = ["organization"]
    filter_horizontal = ["accessibility_features", "resources"]
    inlines = [OpeningHoursInline]

    def save_model(self, request, obj, form, change):
        services.space_save(space=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        """The opening hours are replaced as a whole, through the service."""
        if formset.model is not OpeningHours:
            return super().save_formset(request, form, formset, change)
        # What the admin's history message reads of a saved formset.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not formset.has_changed():
            return None
        hours = [
            (row["byday"], row["opens_at"], row["closes_at"])
            for row in formset.cleaned_data
            if row and not row.get("DELETE")
        ]
        services.opening_hours_set(space=form.instance, hours=hours, by=request.user)
        return None


@admin.register(Opportunity)
class OpportunityAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT_RULE
    list_display = ["name", "organization", "format", "starts_on", "status"]
    list_filter = [
        "status",
        "format",
        "is_free",
        "recognition_available",
        "childcare",
        "interpreters",
        "easy_read",
        "outreach",
        "district",
    ]
    list_select_related = ["organization"]
    search_fields = fields_in_languages(Opportunity, ["name"])
    prepopulated_fields = {"slug": ["name_es"]}
    autocomplete_fields = ["organization", "location"]
    filter_horizontal = ["subjects", "languages", "target_groups"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        services.opportunity_save(opportunity=obj, by=request.user)


@admin.register(GuidancePoint)
class GuidancePointAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT_RULE
    list_display = ["name", "district", "hours", "is_active"]
    list_filter = ["is_active", "district"]
    list_select_related = ["district"]
    search_fields = fields_in_languages(GuidancePoint, ["name"])

    def save_model(self, request, obj, form, change):
        services.guidance_point_save(point=obj, by=request.user)


@admin.register(LearningNeed)
class LearningNeedAdmin(RuleModelAdmin):
    """What people told the city they would like to learn: read as they sent it; staff change
    only the answer, through the service, which tells the person."""

    edit_rule = "provision.handle_needs"
    list_display = ["__str__", "district", "status", "created_at"]
    list_filter = ["status", "district", "subject"]
    list_select_related = ["subject", "district"]
    search_fields = ["subject_other", "details", "name", "email"]
    date_hierarchy = "created_at"
    fields = [
        "subject",
        "subject_other",
        "details",
        "district",
        "mornings",
        "evenings",
        "weekends",
        *(f"barrier_{code}" for code, _label in BARRIERS),
        "target_groups",
        "name",
        "email",
        "user",
        "language",
        "created_at",
        "status",
        "response",
        "opportunities",
        "responded_by",
        "responded_at",
    ]
    readonly_fields = [
        name for name in fields if name not in {"status", "response", "opportunities"}
    ]
    autocomplete_fields = ["opportunities"]

    def has_add_permission(self, request, obj=None):
        # Needs come from the people who have them, through the public form.
        return False

    def save_model(self, request, obj, form, change):
        services.need_respond(
            need=obj,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
            opportunities=form.cleaned_data["opportunities"],
            by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        """The service saved the linked opportunities."""


# Recognition of non-formal learning. Staff see everything and edit procedures through the
# service; decisions stay with the provider's assessors, on the portal's pages, and credentials
# are withdrawn there too, with a reason.
from provision import recognition  # noqa: E402
from provision.recognition_models import (  # noqa: E402
    Credential,
    RecognitionApplication,
    RecognitionProcedure,
)


@admin.register(RecognitionProcedure)
class RecognitionProcedureAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = EDIT_RULE
    list_display = ["title", "provider", "framework_level", "credits", "is_open"]
    list_filter = ["is_open"]
    list_select_related = ["provider"]
    search_fields = fields_in_languages(RecognitionProcedure, ["title"])
    autocomplete_fields = ["provider", "assessors"]
    readonly_fields = ["slug"]

    def save_model(self, request, obj, form, change):
        recognition.procedure_save(
            procedure=obj, assessors=list(form.cleaned_data["assessors"]), by=request.user
        )

    def save_related(self, request, form, formsets, change):
        """The service saved the assessors."""


# Learning organisations and a learner-friendly city: organisations' admins write their
# pledges, self-assessments and reports on the site; here staff read them and answer requests
# and barriers, through the services, which tell the organisation or the person.
class ReadOnlyAdmin(RuleModelAdmin):
    edit_rule = EDIT_RULE

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RecognitionApplication)
class RecognitionApplicationAdmin(ReadOnlyAdmin):
    list_display = ["procedure", "applicant", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["procedure", "applicant"]
    search_fields = ["applicant__email", "applicant__full_name"]
    exclude = ["evidence_file"]


@admin.register(Credential)
class CredentialAdmin(ReadOnlyAdmin):
    list_display = ["title", "holder_name", "provider_name", "issued_at", "withdrawn_at"]
    search_fields = ["holder_name", "code"]


@admin.register(LearningOrganisationPledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = [
        "organisation",
        "staff_learning_time",
        "mentoring",
        "open_premises",
        "pledged_at",
    ]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name"]


class SelfAssessmentAnswerInline(RuleTabularInline):
    edit_rule = EDIT_RULE
    model = SelfAssessmentAnswer
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "year", "updated_at"]
    list_filter = ["year"]
    list_select_related = ["organisation"]
    inlines = [SelfAssessmentAnswerInline]


@admin.register(YearlyReport)
class YearlyReportAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "year", "updated_at"]
    list_filter = ["year"]
    list_select_related = ["organisation"]


@admin.register(SpaceChecklist)
class SpaceChecklistAdmin(ReadOnlyAdmin):
    list_display = [
        "space",
        "welcome",
        "signage",
        "hours",
        "languages",
        "accessibility",
        "costs_explained",
    ]
    list_select_related = ["space"]


@admin.register(SupportRequest)
class SupportRequestAdmin(RuleModelAdmin):
    edit_rule = "provision.handle_support_requests"
    list_display = ["__str__", "status", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation"]
    fields = [
        "organisation",
        "kind",
        "description",
        "requested_by",
        "created_at",
        "status",
        "response",
        "handled_by",
    ]
    readonly_fields = [name for name in fields if name not in {"status", "response"}]

    def has_add_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        learning_orgs.support_request_update(
            support_request=obj,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
            by=request.user,
        )


@admin.register(BarrierReport)
class BarrierReportAdmin(RuleModelAdmin):
    edit_rule = "provision.handle_barriers"
    list_display = ["__str__", "status", "is_public", "created_at"]
    list_filter = ["status", "kind", "is_public"]
    list_select_related = ["space"]
    search_fields = ["description", "name", "email"]
    fields = [
        "space",
        "kind",
        "description",
        "name",
        "email",
        "user",
        "language",
        "created_at",
        "status",
        "response",
        "is_public",
        "handled_by",
        "responded_at",
    ]
    readonly_fields = [name for name in fields if name not in {"status", "response", "is_public"}]

    def has_add_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        learning_orgs.barrier_respond(
            report=obj,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
            is_public=form.cleaned_data["is_public"],
            by=request.user,
        )
