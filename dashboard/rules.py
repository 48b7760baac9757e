from learningcity.permissions import COORDINATOR, role_rule

# City staff read draft reports (ProgressReport.objects.visible_to); coordinators make them.
role_rule("dashboard.manage_reports", COORDINATOR)
