from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin
from stakeholders.models import (
    CityProfile,
    District,
    Membership,
    Organisation,
    OrganisationInvitation,
    OutgoingEmail,
    Sector,
    TargetGroup,
    User,
)


@admin.register(CityProfile)
class CityProfileAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "city.edit_profile"
    fieldsets = [
        (None, {"fields": ["name", "programme_name_es", "programme_name_en"]}),
        (_("Introduction on the home page"), {"fields": ["introduction_es", "introduction_en"]}),
        (
            _("Place and conventions"),
            {"fields": ["country", "country_code", "time_zone", "currency", "default_language"]},
        ),
        (
            _("Map"),
            {
                "fields": [
                    ("map_center_lat", "map_center_lon", "map_zoom"),
                    ("bbox_south", "bbox_west", "bbox_north", "bbox_east"),
                ]
            },
        ),
        (_("Contact and logo"), {"fields": ["contact_email", "website", "logo", "logo_alt_text"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(District, Sector)
class ReferenceListAdmin(RuleModelAdmin):
    list_display = ["name_es", "name_en", "slug"]
    search_fields = ["name_es", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_es"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(ReferenceListAdmin):
    list_display = [*ReferenceListAdmin.list_display, "marginalised"]
    list_filter = ["marginalised"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    edit_rule = "stakeholders.verify_organisation"
    list_display = ["name", "sector", "kind", "district", "verified", "created_at"]
    list_filter = ["verified", "sector", "kind", "district"]
    list_select_related = ["sector", "district"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_by", "created_at", "verified_at", "verified_by", "rejected_at"]
    inlines = [MembershipInline]


@admin.register(OrganisationInvitation)
class OrganisationInvitationAdmin(RuleModelAdmin):
    edit_rule = "stakeholders.verify_organisation"
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at"]


@admin.register(User)
class UserAdmin(RuleModelAdmin, DjangoUserAdmin):
    edit_rule = "city.manage_people"
    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_active", "date_joined"]
    list_filter = ["is_active", "groups", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Roles"), {"fields": ["is_active", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = ["groups"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(RuleModelAdmin):
    edit_rule = "city.manage_people"
    list_display = ["to", "subject", "created_at", "sent_at", "attempts"]
    list_filter = ["sent_at"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False
