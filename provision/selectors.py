"""Reads of learning provision that pages, the API and other apps use, each with the same
visibility rules (`public`, `visible_to`)."""

from django.db.models import F, Prefetch

from provision.models import LearningSpace, Opportunity


def _soonest_first(opportunities):
    """Those starting soonest first, ongoing ones (no start date) after them."""
    return opportunities.order_by(F("starts_on").asc(nulls_last=True), "pk")


def search_opportunities():
    """Public opportunities with what the search page shows of each."""
    return _soonest_first(
        Opportunity.objects.public()
        .select_related("organization", "location", "district")
        .prefetch_related("subjects")
    )


def mapped_opportunities():
    """Public opportunities that have a point, for the map and its GeoJSON."""
    return Opportunity.objects.public().filter(latitude__isnull=False).order_by("pk")


def opportunity_page(user, slug):
    """The opportunity at `slug` as `user` may see it, with what its page shows, or None."""
    return (
        Opportunity.objects.visible_to(user)
        .select_related("organization", "location", "district")
        .prefetch_related(
            "subjects", "languages", "target_groups", "location__accessibility_features"
        )
        .filter(slug=slug)
        .first()
    )


def spaces():
    return (
        LearningSpace.objects.public()
        .select_related("district")
        .prefetch_related("resources", "accessibility_features")
    )


def space_page(user, slug):
    """The space at `slug` as `user` may see it, with its hours, features, resources and the
    public opportunities held there, or None."""
    held = _soonest_first(Opportunity.objects.public().select_related("organization"))
    return (
        LearningSpace.objects.visible_to(user)
        .select_related("district", "organization")
        .prefetch_related(
            "opening_hours",
            "resources",
            "accessibility_features",
            Prefetch("opportunities", queryset=held, to_attr="public_opportunities"),
        )
        .filter(slug=slug)
        .first()
    )
