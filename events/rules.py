from learningcity.permissions import ORG_ADMIN, STAFF, has_role, organisation_roles, role_rule, rule
from stakeholders.models import Organisation

role_rule("events.edit_events", STAFF)


@rule("events.organise")
def organise(user, event):
    """City staff, or an admin of one of the event's organising organisations (the attendee
    list, check-in). `event.organisers` is read once per call."""
    if has_role(user, STAFF):
        return True
    admin_of = {pk for pk, role in organisation_roles(user).items() if role == ORG_ADMIN}
    if event is None or not admin_of:
        return False
    return any(pk in admin_of for pk in event.organisers.values_list("pk", flat=True))


@rule("events.propose")
def propose(user, obj=None):
    """An admin of a verified organisation proposes its events (DESIGN.md §4)."""
    return bool(proposing_organisations(user))


def proposing_organisations(user):
    """The ids of the verified organisations `user` may propose events for."""
    admin_of = [pk for pk, role in organisation_roles(user).items() if role == ORG_ADMIN]
    if not admin_of:
        return []
    return list(
        Organisation.objects.filter(pk__in=admin_of, verified=True).values_list("pk", flat=True)
    )


@rule("events.revise_proposal")
def revise_proposal(user, event):
    """An admin of the verified organisation that proposed `event` changes it while it waits for
    staff or after they sent it back."""
    if event is None or not event.revisable:
        return False
    allowed = set(proposing_organisations(user))
    return any(pk in allowed for pk in event.organisers.values_list("pk", flat=True))


role_rule("events.review_proposals", STAFF)


@rule("events.apply_to_exhibit")
def apply_to_exhibit(user, organisation=None):
    """Members of a verified organisation apply for it (DESIGN.md §4)."""
    return bool(exhibiting_organisations(user))


def exhibiting_organisations(user):
    """The ids of the verified organisations `user` may apply to exhibit for."""
    return list(
        Organisation.objects.filter(
            pk__in=list(organisation_roles(user)), verified=True
        ).values_list("pk", flat=True)
    )
