from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from learningcity.admin_site import RuleModelAdmin
from learningcity.geo import parse_geojson, validate_boundary
from learningcity.models import (
    AccessibilityFeature,
    AuditEntry,
    CityProfile,
    District,
    OutgoingEmail,
    Sector,
    TargetGroup,
    User,
)
from learningcity.permissions import can
from learningcity.personal_data import account_delete, deletion_blockers

BOUNDARY_FILE_LIMIT = 5 * 1024 * 1024


@admin.register(AuditEntry)
class AuditEntryAdmin(RuleModelAdmin):
    """Read-only: the trail is written by the services, never by hand."""

    edit_rule = "city.read_activity"
    list_display = ["when", "actor", "action", "target_type", "target_repr", "source"]
    list_filter = ["target_type", "action"]
    list_select_related = ["actor", "target_type"]
    search_fields = ["target_repr", "actor__email", "actor__full_name"]
    date_hierarchy = "when"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
        (_("Open data"), {"fields": ["data_licence"]}),
    ]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request) and not CityProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sector, AccessibilityFeature)
class ReferenceListAdmin(RuleModelAdmin):
    list_display = ["name_es", "name_en", "slug"]
    search_fields = ["name_es", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_es"]}


class DistrictAdminForm(forms.ModelForm):
    boundary_file = forms.FileField(
        label=_("Boundary (GeoJSON file)"),
        required=False,
        help_text=_(
            "A Polygon or MultiPolygon in longitude/latitude degrees (WGS 84), as a geometry, a "
            "Feature or a collection of one Feature. It replaces the current boundary."
        ),
    )

    class Meta:
        model = District
        fields = ["name_es", "name_en", "slug", "population", "population_year"]

    def clean_boundary_file(self):
        upload = self.cleaned_data.get("boundary_file")
        if not upload:
            return None
        if upload.size > BOUNDARY_FILE_LIMIT:
            raise ValidationError(_("The file is larger than 5 MB; simplify the boundary first."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
        geometry = parse_geojson(text)
        validate_boundary(geometry, CityProfile.objects.current())
        return geometry

    def save(self, commit=True):
        if self.cleaned_data.get("boundary_file"):
            self.instance.boundary = self.cleaned_data["boundary_file"]
        return super().save(commit)


@admin.register(District)
class DistrictAdmin(ReferenceListAdmin):
    form = DistrictAdminForm
    list_display = [*ReferenceListAdmin.list_display, "population", "has_boundary"]
    fields = ["name_es", "name_en", "slug", "population", "population_year", "boundary_file"]

    @admin.display(boolean=True, description=_("boundary"))
    def has_boundary(self, district):
        return district.boundary is not None


@admin.register(TargetGroup)
class TargetGroupAdmin(ReferenceListAdmin):
    list_display = [*ReferenceListAdmin.list_display, "marginalised"]
    list_filter = ["marginalised"]


@admin.register(User)
class UserAdmin(RuleModelAdmin, DjangoUserAdmin):
    edit_rule = "city.manage_people"
    search_rule = "city.find_people"
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

    def get_deleted_objects(self, objs, request):
        """The account service deletes or anonymises what points at a person (memberships,
        notifications...), so whoever manages people needs no right on those; what must be
        handed over first (an organisation's last admin) is shown as protected and the
        deletion refused, as on the account page."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if can(request.user, "city.manage_people"):
            perms_needed = set()
        blockers = [blocker for user in objs for blocker in deletion_blockers(user=user)]
        return deleted, counts, perms_needed, [*protected, *blockers]

    def delete_model(self, request, obj):
        account_delete(user=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            account_delete(user=user, by=request.user)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(RuleModelAdmin):
    """Whether e-mails went out, never what they say: bodies carry password-reset, confirmation
    and invitation links that act as their recipient, so no one else may read them here."""

    edit_rule = "city.manage_people"
    list_display = ["to", "subject", "created_at", "sent_at", "attempts"]
    list_filter = ["sent_at"]
    search_fields = ["to", "subject"]
    fields = ["to", "subject", "created_at", "sent_at", "attempts", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False
