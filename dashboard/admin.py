"""Progress reports in the administration, to look one up: coordinators make, generate and
publish them on /reports/, through dashboard.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dashboard.models import GnlcProfile, ProgressReport
from learningcity.admin_site import RuleModelAdmin


@admin.register(ProgressReport)
class ProgressReportAdmin(RuleModelAdmin):
    edit_rule = "dashboard.manage_reports"
    list_display = ["title", "scope", "language", "period_end", "status", "pdf_status"]
    list_filter = ["scope", "status", "language"]
    search_fields = ["title"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A draft may go; a published report is a public record.
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)


@admin.register(GnlcProfile)
class GnlcProfileAdmin(RuleModelAdmin, SimpleHistoryAdmin):
    """To read the profile and its history; coordinators keep it on /reports/gnlc-profile/,
    through dashboard.services.gnlc_profile_save."""

    edit_rule = "dashboard.manage_reports"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
