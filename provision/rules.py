from learningcity.permissions import (
    MODERATOR,
    STAFF,
    has_role,
    is_org_member,
    role_rule,
    rule,
)

role_rule("provision.edit_provision", STAFF)


@rule("provision.moderate_ratings")
def moderate_ratings(user, obj=None):
    return has_role(user, STAFF) or has_role(user, MODERATOR)


@rule("provision.respond_rating")
def respond_rating(user, rating):
    """Admins and members of the organisation that provides the rated opportunity."""
    return rating is not None and is_org_member(user, rating.opportunity.organization)
