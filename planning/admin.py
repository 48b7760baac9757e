from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin, RuleStackedInline, RuleTabularInline
from planning import services
from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    KflcArea,
    KflcFeature,
    KflcFocus,
    Milestone,
    Objective,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopParticipation,
)


class KflcFocusInline(RuleTabularInline):
    model = KflcFocus
    extra = 0


class KflcFeatureInline(RuleStackedInline):
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


class ThemeInline(RuleStackedInline):
    edit_rule = "planning.edit_plan"
    model = Theme
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "planning.edit_plan"
    list_display = ["attractive_title", "title", "start", "end", "status", "adopted_at"]
    list_filter = ["status"]
    # Adoption goes through the coordinator's adoption page, which supersedes the previous plan.
    readonly_fields = ["status", "adopted_at", "adopted_by", "based_on"]
    inlines = [ThemeInline]


@admin.register(Objective)
class ObjectiveAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "planning.edit_plan"
    list_display = ["title", "plan", "theme", "term", "order"]
    list_filter = ["plan", "term", "kflc_focuses__area"]
    list_select_related = ["plan", "theme"]
    filter_horizontal = ["kflc_focuses", "kflc_features"]
    search_fields = ["title"]


class ActionRoleInline(RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = ActionRole
    extra = 1
    autocomplete_fields = ["organisation"]


class MilestoneInline(RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = Milestone
    extra = 1


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


@admin.register(Action)
class ActionAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "planning.edit_plan"
    form = ActionAdminForm
    list_display = ["title", "objective", "lead_organisation", "phase", "start", "end"]
    list_filter = ["objective__plan", "phase"]
    list_select_related = ["objective", "lead_organisation"]
    search_fields = ["title"]
    autocomplete_fields = ["lead_organisation", "objective"]
    filter_horizontal = ["ministry_contacts"]
    readonly_fields = ["status_override_by"]
    inlines = [ActionRoleInline, MilestoneInline]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
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
    readonly_fields = ["signed_by"]


@admin.register(Charter)
class CharterAdmin(RuleModelAdmin, SimpleHistoryAdmin):
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


class WorkshopParticipationInline(RuleTabularInline):
    edit_rule = "planning.edit_plan"
    model = WorkshopParticipation
    extra = 1
    autocomplete_fields = ["organisation"]
    readonly_fields = ["invited_at"]


@admin.register(Workshop)
class WorkshopAdmin(RuleModelAdmin):
    edit_rule = "planning.edit_plan"
    list_display = ["topic", "starts_at", "place", "facilitator"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["audience_sectors"]
    inlines = [WorkshopParticipationInline]
    actions = ["send_invitations"]

    @admin.action(description=_("E-mail the invited organisations not told yet"))
    def send_invitations(self, request, queryset):
        told = sum(services.workshop_send_invitations(workshop=workshop) for workshop in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation was invited.",
                "%(count)d organisations were invited.",
                told,
            )
            % {"count": told},
        )
