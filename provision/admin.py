from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from learningcity.admin_site import RuleModelAdmin, RuleTabularInline
from learningcity.content_languages import fields_in_languages
from provision import services
from provision.models import (
    GuidancePoint,
    Language,
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
    list_filter = ["kind", "status", "district"]
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
    list_filter = ["status", "format", "is_free", "recognition_available", "district"]
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
