"""Reads of learning provision that pages, the API and other apps use, each with the same
visibility rules (`public`, `visible_to`)."""

from django.db.models import Avg, Count, F, Prefetch, Q

from provision.models import LearningSpace, Opportunity, Rating


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


APPROVED = Q(ratings__status=Rating.Status.APPROVED)


def opportunity_page(user, slug):
    """The opportunity at `slug` as `user` may see it, with what its page shows, or None: its
    approved ratings (newest first) with their average and number."""
    approved = Rating.objects.approved().order_by("-created_at", "-pk")
    return (
        Opportunity.objects.visible_to(user)
        .select_related("organization", "location", "district")
        .prefetch_related(
            "subjects",
            "languages",
            "target_groups",
            "location__accessibility_features",
            Prefetch("ratings", queryset=approved, to_attr="approved_ratings"),
        )
        .annotate(
            rating_average=Avg("ratings__stars", filter=APPROVED),
            rating_count=Count("ratings", filter=APPROVED),
        )
        .filter(slug=slug)
        .first()
    )


def rating_of(user, opportunity):
    """`user`'s own rating of `opportunity`, whatever its status, or None."""
    if not user.is_authenticated:
        return None
    return Rating.objects.filter(opportunity=opportunity, author=user).first()


def ratings_to_moderate():
    return Rating.objects.filter(status=Rating.Status.PENDING).select_related("opportunity")


def organisation_rating(organisation):
    """The average and number of approved ratings of an organisation's opportunities."""
    return (
        Rating.objects.approved()
        .filter(opportunity__organization=organisation)
        .aggregate(average=Avg("stars"), count=Count("pk"))
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


OFFER_SHOWN = 10


def organisation_offer(user, organisation):
    """What `organisation` offers as `user` may see it: its first opportunities (soonest first),
    how many more there are, and its spaces."""
    opportunities = _soonest_first(
        Opportunity.objects.visible_to(user).filter(organization=organisation)
    )
    shown = list(opportunities[: OFFER_SHOWN + 1])
    more = opportunities.count() - OFFER_SHOWN if len(shown) > OFFER_SHOWN else 0
    spaces = list(LearningSpace.objects.visible_to(user).filter(organization=organisation))
    return shown[:OFFER_SHOWN], more, spaces


def provision_by_district():
    """{district id: {opportunities, spaces}} of what the public finds today, for the
    dashboard's equity by district (opportunities and spaces with no district left out). Two
    queries."""
    districts = {}
    for name, queryset in [
        ("opportunities", Opportunity.objects.public()),
        ("spaces", LearningSpace.objects.public()),
    ]:
        counted = queryset.filter(district__isnull=False).order_by().values("district")
        for row in counted.annotate(n=Count("pk")):
            figures = districts.setdefault(row["district"], {"opportunities": 0, "spaces": 0})
            figures[name] = row["n"]
    return districts


def opportunities_by_target_group():
    """[(target group, public opportunities especially for it)], most first. Two queries."""
    from learningcity.models import TargetGroup

    through = Opportunity.target_groups.through
    counts = dict(
        through.objects.filter(opportunity__in=Opportunity.objects.public())
        .values("targetgroup")
        .annotate(n=Count("pk"))
        .values_list("targetgroup", "n")
    )
    groups = TargetGroup.objects.all()
    return sorted(
        ((group, counts.get(group.pk, 0)) for group in groups),
        key=lambda row: (-row[1], str(row[0])),
    )


def provision_totals():
    """How many opportunities the public finds today, how many of them are free, and how many
    learning spaces are open to it. Two queries."""
    opportunities = Opportunity.objects.public().aggregate(
        total=Count("pk"), free=Count("pk", filter=Q(is_free=True))
    )
    return {
        "opportunities": opportunities["total"],
        "free": opportunities["free"],
        "spaces": LearningSpace.objects.public().count(),
    }
