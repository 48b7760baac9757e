"""Who may do what with funding (DESIGN.md §4): city staff keep the books; members of an
organisation offer its resources and ask for other organisations' resources; the offering
organisation answers and closes the bookings."""

from learningcity.permissions import (
    STAFF,
    has_role,
    is_org_member,
    organisation_roles,
    role_rule,
    rule,
)

role_rule("funding.edit_funding", STAFF)
role_rule("funding.view_books", STAFF)


@rule("funding.share_resources")
def share_resources(user, obj=None):
    """Any member of an organisation offers its resources and books others'."""
    return bool(organisation_roles(user))


@rule("funding.manage_resource")
def manage_resource(user, resource):
    """Members of the offering organisation (and staff) edit a resource and answer its
    bookings."""
    if has_role(user, STAFF):
        return True
    return resource is not None and is_org_member(user, resource.organisation)
