from django.contrib import admin

from learningcity.admin_site import RuleModelAdmin
from learningcity.models import AuditEntry


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
