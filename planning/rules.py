from learningcity.permissions import (
    COORDINATOR,
    ORG_ADMIN,
    STAFF,
    has_role,
    is_org_admin,
    is_org_member,
    organisation_roles,
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
    """An organisation's members register it for a workshop themselves, or give up its place."""
    return is_org_member(user, organisation)


role_rule("planning.see_workshop_places", STAFF)
role_rule("planning.take_attendance", STAFF)
role_rule("planning.run_consultation", STAFF)


@rule("planning.take_part")
def take_part(user, consultation):
    """Invited participants who accepted; staff may read along."""
    if not getattr(user, "is_authenticated", False):
        return False
    return has_role(user, STAFF) or consultation.participants.filter(user=user).exists()


role_rule("planning.review_updates", STAFF)


def organisations_for_contacts(user, action):
    """The organisations among whose members `user` may choose the action's contact persons."""
    # Imported here: the models import learningcity.permissions, which this module extends.
    from planning.models import action_organisation_ids

    if has_role(user, STAFF):
        return action_organisation_ids(action)
    return _organisations_managed(user, action)


def _organisations_managed(user, action):
    """The action's organisations (lead, partners) whose admin `user` is."""
    # Imported here: the models import learningcity.permissions, which this module extends.
    from planning.models import action_organisation_ids

    admin_of = {pk for pk, role in organisation_roles(user).items() if role == ORG_ADMIN}
    return admin_of & action_organisation_ids(action) if admin_of else set()


@rule("planning.choose_contacts")
def choose_contacts(user, action):
    """City staff, or the admin of the action's lead or a partner organisation (who chooses
    among its own members)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return has_role(user, STAFF) or bool(_organisations_managed(user, action))


@rule("planning.update_action")
def update_action(user, action):
    """City staff, or a contact person of the action who is still a member of the organisation
    they were chosen for."""
    if not getattr(user, "is_authenticated", False):
        return False
    if has_role(user, STAFF):
        return True
    return is_contact_person(user, action)


def is_contact_person(user, action):
    member_of = organisation_roles(user)
    return (
        bool(member_of)
        and action.contacts.filter(person=user, organisation_id__in=member_of).exists()
    )


role_rule("planning.open_for_comments", STAFF)
role_rule("planning.answer_comments", STAFF)
