from django.db.models import Count, Q

from stakeholders.models import Membership, Organisation, Sector, User


def memberships_of(user):
    return list(
        Membership.objects.filter(user=user).select_related("organisation", "organisation__sector")
    )


def organisation_directory(user):
    return Organisation.objects.visible_to(user).select_related("sector", "district")


def organisations_per_sector():
    """Every sector with its number of verified organisations, in one query."""
    return Sector.objects.annotate(
        organisation_count=Count("organisations", filter=Q(organisations__verified=True))
    ).order_by("-organisation_count", "name_es")


def people_count():
    return User.objects.filter(is_active=True).count()


def organisation_members(organisation):
    """(memberships with their people, open invitations) of an organisation."""
    members = list(organisation.memberships.select_related("user").order_by("-role", "user__email"))
    invitations = list(
        organisation.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at")
    )
    return members, invitations


def pending_organisations():
    """Organisations waiting for staff: neither verified nor (still) rejected."""
    return (
        Organisation.objects.filter(verified=False, rejected_at__isnull=True)
        .select_related("sector", "district", "created_by")
        .order_by("created_at")
    )
