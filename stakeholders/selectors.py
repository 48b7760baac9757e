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
