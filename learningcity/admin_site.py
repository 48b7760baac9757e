from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from learningcity.permissions import can


class PortalAdminSite(admin.AdminSite):
    """The admin answers to our roles, not to Django's `is_staff` flag."""

    site_header = _("Learning city administration")
    site_title = _("Learning city administration")
    index_title = _("Administration")

    def has_permission(self, request):
        return request.user.is_active and can(request.user, "admin.access")


class RulePermissions:
    """Every admin permission answered by one named rule (ModelAdmin and inlines alike)."""

    edit_rule = "city.edit_reference_lists"

    def has_module_permission(self, request):
        return can(request.user, self.edit_rule)

    def has_view_permission(self, request, obj=None):
        return can(request.user, self.edit_rule, obj)

    def has_add_permission(self, request, obj=None):
        # Inlines pass the parent object; model admins pass nothing.
        return can(request.user, self.edit_rule, obj)

    def has_change_permission(self, request, obj=None):
        return can(request.user, self.edit_rule, obj)

    def has_delete_permission(self, request, obj=None):
        return can(request.user, self.edit_rule, obj)


class RuleModelAdmin(RulePermissions, admin.ModelAdmin):
    pass


class RuleTabularInline(RulePermissions, admin.TabularInline):
    pass


class RuleStackedInline(RulePermissions, admin.StackedInline):
    pass
