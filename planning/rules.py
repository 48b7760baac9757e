from learningcity.permissions import COORDINATOR, STAFF, has_role, role_rule, rule

role_rule("planning.edit_plan", STAFF)
role_rule("planning.adopt_plan", COORDINATOR)


@rule("planning.view_plan")
def view_plan(user, plan):
    """Adopted and superseded versions are public; drafts are for staff."""
    return plan.status != "draft" or has_role(user, STAFF)
