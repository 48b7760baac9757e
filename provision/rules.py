from learningcity.permissions import (
    MODERATOR,
    STAFF,
    has_role,
    is_org_admin,
    is_org_member,
    role_rule,
    rule,
)

role_rule("provision.edit_provision", STAFF)
# The learning needs people send, with their contact details: city staff only.
role_rule("provision.handle_needs", STAFF)


@rule("provision.moderate_ratings")
def moderate_ratings(user, obj=None):
    return has_role(user, STAFF) or has_role(user, MODERATOR)


@rule("provision.respond_rating")
def respond_rating(user, rating):
    """Admins and members of the organisation that provides the rated opportunity."""
    return rating is not None and is_org_member(user, rating.opportunity.organization)


@rule("provision.manage_for")
def manage_for(user, organisation):
    """City staff, or a member or admin of `organisation` once it is verified (DESIGN.md §4):
    its opportunities and spaces."""
    if organisation is None:
        return has_role(user, STAFF)
    if has_role(user, STAFF):
        return True
    return organisation.verified and is_org_member(user, organisation)


# Learning organisations: only an organisation's admins act for it (pledge, self-assessment,
# support requests, yearly reports, its spaces' checklists); city staff answer the requests and
# the barriers people report, which carry their contact details.
role_rule("provision.handle_support_requests", STAFF)
role_rule("provision.handle_barriers", STAFF)


@rule("provision.act_for_learning_org")
def act_for_learning_org(user, organisation):
    return organisation is not None and is_org_admin(user, organisation)
