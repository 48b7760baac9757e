from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin, RuleStackedInline, RuleTabularInline
from learningcity.content_languages import fields_in_languages
from planning import services
from planning.models import (
    Action,
    ActionContact,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    CommentPeriod,
    DraftComment,
    KflcArea,
    KflcFeature,
    KflcFocus,
    Milestone,
    Objective,
    PlanChange,
    ProgressUpdate,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopMaterial,
    WorkshopParticipation,
)


class KflcFocusInline(RuleTabularInline):
    model = KflcFocus
    extra = 0


class KflcFeatureInline(TranslationStackedInline, RuleStackedInline):
    edit_rule = "planning.edit_plan"
    model = KflcFeature
    extra = 1


@admin.register(KflcFocus)
class KflcFocusAdmin(RuleModelAdmin):
    """Staff enter the city's features and suggested measurements under each area of focus."""

    edit_rule = "planning.edit_plan"
    list_display = ["code", "name_es", "name_en", "area"]
    list_select_related = ["area"]
    readonly_fields = ["area", "code", "name_es", "name_en"]
    inlines = [KflcFeatureInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KflcArea)
class KflcAreaAdmin(RuleModelAdmin):
    edit_rule = "city.edit_reference_lists"
    list_display = ["code", "name_es", "name_en"]
    inlines = [KflcFocusInline]


def _plan_of(obj):
    """The plan version an admin object belongs to, or None for a new one."""
    if obj is None:
        return None
    if isinstance(obj, ActionPlan):
        return obj
    if isinstance(obj, Action):
        return obj.objective.plan
    return obj.plan


class DeletingChangesPlanData:
    """Deleting goes around planning.services, which every other write of the plan's data goes
    through (the inlines too, saved with their parent): it must tell the cached plan pages."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.plan_data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.plan_data_changed()


class StructureOfDraftsOnly:
    """The plan's rule (planning.services) in the admin: the structure of a draft changes; the
    adopted and superseded versions are shown read-only, their changes go through a draft."""

    def has_change_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_change_permission(request, obj) and (
            plan is None or plan.structure_editable
        )

    def has_delete_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_delete_permission(request, obj) and (
            plan is None or plan.structure_editable
        )


class StructureInline(StructureOfDraftsOnly, RuleStackedInline):
    def has_add_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_add_permission(request, obj) and (
            plan is None or plan.structure_editable
        )


class ThemeInline(TranslationStackedInline, StructureInline):
    edit_rule = "planning.edit_plan"
    model = Theme
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(
    DeletingChangesPlanData,
    StructureOfDraftsOnly,
    TranslationAdmin,
    RuleModelAdmin,
    SimpleHistoryAdmin,
):
    edit_rule = "planning.edit_plan"
    list_display = [
        "attractive_title",
        "number",
        "title",
        "start",
        "end",
        "status",
        "adopted_at",
    ]
    list_filter = ["status"]
    # Adoption goes through the coordinator's adoption page, which supersedes the previous plan.
    readonly_fields = ["number", "status", "adopted_at", "adopted_by", "based_on"]
    inlines = [ThemeInline]

    def save_model(self, request, obj, form, change):
        if change:
            services.plan_update(plan=obj, by=request.user)
        else:
            services.plan_create(plan=obj, by=request.user)


@admin.register(Objective)
class ObjectiveAdmin(
    DeletingChangesPlanData,
    StructureOfDraftsOnly,
    TranslationAdmin,
    RuleModelAdmin,
    SimpleHistoryAdmin,
):
    edit_rule = "planning.edit_plan"
    list_display = ["title", "plan", "theme", "term", "order"]
    list_filter = ["plan", "term", "kflc_focuses__area"]
    list_select_related = ["plan", "theme"]
    filter_horizontal = ["kflc_focuses", "kflc_features"]
    search_fields = fields_in_languages(Objective, ["title"])

    def save_model(self, request, obj, form, change):
        services.objective_save(objective=obj, by=request.user)


class ActionRoleInline(StructureOfDraftsOnly, RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = ActionRole
    extra = 1
    autocomplete_fields = ["organisation"]

    def has_add_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_add_permission(request, obj) and (
            plan is None or plan.structure_editable
        )


class MilestoneInline(TranslationTabularInline, RuleTabularInline):
    """Milestones are implementation tracking: they change on the adopted plan too."""

    edit_rule = "planning.edit_plan"
    model = Milestone
    extra = 1

    def _tracking(self, obj):
        plan = _plan_of(obj)
        return plan is None or plan.tracking_editable

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._tracking(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._tracking(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._tracking(obj)


class ActionAdminForm(forms.ModelForm):
    """Carries the version the page was opened at, like the site's form, so neither overwrites
    an edit the other made meanwhile. The model and fields come from the admin."""

    # Not `version`: the model's field of that name is not editable, so no form may name it.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            current = Action.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if cleaned.get("opened_version") != current.first():
                raise forms.ValidationError(
                    _(
                        "Someone saved this action while you were editing it. Open it again to "
                        "see their changes, then make yours."
                    ),
                    code="changed_meanwhile",
                )
        return cleaned


class ActionContactInline(RuleTabularInline):
    """Contact persons keep the action up to date; members of its lead or partner organisations."""

    edit_rule = "planning.edit_plan"
    model = ActionContact
    fk_name = "action"
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    readonly_fields = ["chosen_by", "chosen_at"]


@admin.register(Action)
class ActionAdmin(DeletingChangesPlanData, TranslationAdmin, RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "planning.edit_plan"
    form = ActionAdminForm
    list_display = ["title", "objective", "lead_organisation", "phase", "start", "end"]
    list_filter = ["objective__plan", "phase"]
    list_select_related = ["objective", "lead_organisation"]
    search_fields = fields_in_languages(Action, ["title"])
    autocomplete_fields = ["lead_organisation", "objective"]
    filter_horizontal = ["ministry_contacts"]
    readonly_fields = ["status_override_by"]
    inlines = [ActionRoleInline, MilestoneInline, ActionContactInline]

    def has_change_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_change_permission(request, obj) and (
            plan is None or plan.tracking_editable
        )

    def has_delete_permission(self, request, obj=None):
        plan = _plan_of(obj)
        return super().has_delete_permission(request, obj) and (
            plan is None or plan.structure_editable
        )

    def get_readonly_fields(self, request, obj=None):
        plan = _plan_of(obj)
        if plan is None or plan.structure_editable:
            return self.readonly_fields
        # The adopted plan: only its implementation tracking is edited here.
        tracking = {"phase", "manual_progress", "status_override", "status_override_reason"}
        return [
            field.name
            for field in Action._meta.get_fields()
            if field.concrete and field.editable and not field.primary_key
            if field.name not in tracking and not field.auto_created
        ]

    def save_model(self, request, obj, form, change):
        if not change:
            services.action_create(action=obj, by=request.user)
            return
        try:
            services.action_update(
                action=obj, version=form.cleaned_data["opened_version"], by=request.user
            )
        except services.ActionChangedMeanwhile:
            # Saved by someone between this form's check and its save: a rare race, refused
            # rather than silently overwriting their edit.
            raise PermissionDenied(
                _("Someone saved this action at the same moment. Open it again.")
            ) from None


class CharterSignatureInline(RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = CharterSignature
    extra = 0
    autocomplete_fields = ["organisation"]
    # Signing and withdrawing go through the site's services, which record who did them.
    readonly_fields = ["signed_by", "withdrawn_at", "withdrawn_by", "withdrawal_reason"]


@admin.register(Charter)
class CharterAdmin(TranslationAdmin, RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "planning.edit_plan"
    list_display = ["title", "version", "published_on", "plan"]
    filter_horizontal = ["actions", "ministry_contacts"]
    inlines = [CharterSignatureInline]


@admin.register(StocktakeEntry)
class StocktakeEntryAdmin(RuleModelAdmin):
    edit_rule = "planning.review_stocktake"
    list_display = ["title", "organisation", "sector", "status", "created_at"]
    list_filter = ["status", "sector"]
    list_select_related = ["organisation", "sector"]
    search_fields = ["title", "organisation__name"]
    filter_horizontal = ["target_groups", "kflc_focuses", "actions"]
    readonly_fields = ["submitted_by", "reviewed_by", "reviewed_at"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(RuleModelAdmin):
    """Reviewing is done on the review page, which tells the organisation; here staff correct
    a text or look one up."""

    edit_rule = "planning.review_updates"
    list_display = ["action", "organisation", "reported_on", "status"]
    list_filter = ["status"]
    list_select_related = ["action", "organisation"]
    search_fields = ["done", "organisation__name"]
    date_hierarchy = "reported_on"
    readonly_fields = [
        "action",
        "organisation",
        "author",
        "status",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "published_at",
    ]


@admin.register(CommentPeriod)
class CommentPeriodAdmin(RuleModelAdmin):
    edit_rule = "planning.open_for_comments"
    list_display = ["__str__", "opens_on", "closes_on"]
    list_select_related = ["plan", "charter"]
    readonly_fields = ["opened_by"]


@admin.register(DraftComment)
class DraftCommentAdmin(RuleModelAdmin):
    """Answering is done on the draft's comments page; here staff look a comment up or correct
    an answer's text."""

    edit_rule = "planning.answer_comments"
    list_display = ["__str__", "plan", "charter", "answer", "created_at"]
    list_filter = ["answer"]
    list_select_related = ["plan", "charter"]
    search_fields = ["text", "answer_reason"]
    readonly_fields = [
        "plan",
        "charter",
        "theme",
        "objective",
        "action",
        "author",
        "sector",
        "district",
        "created_at",
        "answered_by",
        "answered_at",
    ]


@admin.register(PlanChange)
class PlanChangeAdmin(RuleModelAdmin):
    """The public change log is written by the services; staff may only look it up, or delete a
    line recorded by mistake."""

    edit_rule = "planning.edit_plan"
    list_display = ["happened_at", "kind", "action", "organisation", "plan"]
    list_filter = ["kind", "plan"]
    list_select_related = ["action", "organisation", "plan"]
    date_hierarchy = "happened_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WorkshopParticipationInline(RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = WorkshopParticipation
    extra = 1
    autocomplete_fields = ["organisation"]
    readonly_fields = ["invited_at"]


class WorkshopMaterialInline(RuleTabularInline):
    """Documents and links, attached after the workshop for everyone."""

    edit_rule = "planning.edit_plan"
    model = WorkshopMaterial
    extra = 1
    readonly_fields = ["added_at"]


@admin.register(Workshop)
class WorkshopAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "planning.edit_plan"
    list_display = ["topic", "starts_at", "place", "facilitator"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["audience_sectors"]
    inlines = [WorkshopParticipationInline, WorkshopMaterialInline]
    actions = ["send_invitations"]

    def save_related(self, request, form, formsets, change):
        """Participations staff add here are invitations: confirmed places, even beyond the
        number of places (staff may overbook on purpose). Places freed here, by cancelling a
        participation or raising the number of places, go to the waiting list in order."""
        super().save_related(request, form, formsets, change)
        services.workshop_fill_places(workshop=form.instance, by=request.user)

    @admin.action(description=_("E-mail the invited organisations not told yet"))
    def send_invitations(self, request, queryset):
        told = sum(
            services.workshop_send_invitations(workshop=workshop, by=request.user)
            for workshop in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation was invited.",
                "%(count)d organisations were invited.",
                told,
            )
            % {"count": told},
        )
