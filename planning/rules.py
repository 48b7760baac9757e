from learningcity.permissions import (
    COORDINATOR,
    STAFF,
    has_role,
    is_org_admin,
    is_org_member,
    role_rule,
    rule,
)

role_rule("planning.edit_plan", STAFF)
role_rule("planning.adopt_plan", COORDINATOR)


# Who sees which version of the plan is `ActionPlan.objects.visible_to(user)`, on the QuerySet.
role_rule("planning.review_stocktake", STAFF)


@rule("planning.sign_charter")
def sign_charter(user, organisation):
    """An organisation's admin signs the charter on its behalf."""
    return is_org_admin(user, organisation)


@rule("planning.submit_stocktake")
def submit_stocktake(user, organisation):
    return is_org_member(user, organisation)


@rule("planning.evaluate_workshop")
def evaluate_workshop(user, participation):
    return participation.attended and is_org_member(user, participation.organisation)


@rule("planning.request_workshop_place")
def request_workshop_place(user, organisation):
    """An organisation's admin asks for, or gives up, its place in a workshop."""
    return is_org_admin(user, organisation)


role_rule("planning.see_workshop_places", STAFF)
role_rule("planning.run_consultation", STAFF)


@rule("planning.take_part")
def take_part(user, consultation):
    """Invited participants who accepted; staff may read along."""
    if not getattr(user, "is_authenticated", False):
        return False
    return has_role(user, STAFF) or consultation.participants.filter(user=user).exists()
