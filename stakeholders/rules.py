from learningcity.permissions import COORDINATOR, STAFF, has_role, is_org_admin, role_rule, rule

role_rule("stakeholders.verify_organisation", STAFF)


@rule("stakeholders.edit_organisation")
def edit_organisation(user, organisation):
    return has_role(user, STAFF) or is_org_admin(user, organisation)


@rule("stakeholders.manage_members")
def manage_members(user, organisation):
    return is_org_admin(user, organisation)


role_rule("stakeholders.manage_committee", COORDINATOR)
role_rule("stakeholders.manage_partnerships", STAFF)
role_rule("stakeholders.view_ministry_liaison", STAFF)
