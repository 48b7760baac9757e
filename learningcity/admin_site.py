from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.permissions import can


class PortalAutocompleteJsonView(AutocompleteJsonView):
    """The pickers that search another model (the person to add to an organisation...).

    Searching is a smaller right than viewing: a model admin may name a `search_rule` that lets
    people pick from it without seeing its list or pages. Results carry `label_for_staff` where
    the model has one, since the plain name may not tell two people apart.
    """

    def has_perm(self, request, obj=None):
        search_rule = getattr(self.model_admin, "search_rule", None)
        if search_rule and can(request.user, search_rule):
            return True
        return super().has_perm(request, obj)

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        result["text"] = str(getattr(obj, "label_for_staff", result["text"]))
        return result


class PortalAdminSite(admin.AdminSite):
    """The admin answers to our roles, not to Django's `is_staff` flag."""

    site_header = _("Learning city administration")
    site_title = _("Learning city administration")
    index_title = _("Administration")

    def has_permission(self, request):
        return request.user.is_active and can(request.user, "admin.access")

    def autocomplete_view(self, request):
        return PortalAutocompleteJsonView.as_view(admin_site=self)(request)

    def login(self, request, extra_context=None):
        """People log in once, through allauth, with its rate limits; the admin has no login of
        its own (Django's would also refuse everyone without `is_staff`)."""
        if request.user.is_authenticated:
            # Logged in but not allowed here: sending them to log in again would loop.
            raise PermissionDenied
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index", current_app=self.name),
            login_url=reverse("account_login"),
        )


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
