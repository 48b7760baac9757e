from learningcity.permissions import COORDINATOR, STAFF, role_rule

# City staff read draft reports (ProgressReport.objects.visible_to); coordinators make them.
role_rule("dashboard.manage_reports", COORDINATOR)

# The GNLC membership profile: city staff read it, coordinators keep it.
role_rule("dashboard.read_gnlc_profile", STAFF)
