"""Reads of learning provision that pages, the API and other apps use, each with the same
visibility rules (`public`, `visible_to`)."""

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, Subquery

from learningcity.models import District, TargetGroup
from provision.models import BARRIERS, LearningNeed, LearningSpace, Opportunity, Rating, Subject
from provision.recognition_models import Credential


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


def credentials_totals():
    """Credentials recognising non-formal learning: how many were ever issued, and how many of
    them are in force (not withdrawn), for the dashboard. One query."""
    return Credential.objects.aggregate(
        issued=Count("pk"), in_force=Count("pk", filter=Q(withdrawn_at__isnull=True))
    )


# A need is answered once staff wrote the person an answer, whether they then left it answered
# or closed it; it is open while new.
OPEN = Q(status=LearningNeed.Status.NEW)


def _figures(rows, key, open_filter="open"):
    return {
        row[key]: {
            "reported": row["reported"],
            "open": row[open_filter],
            "answered": row["reported"] - row[open_filter],
        }
        for row in rows
    }


def needs_by_district(needs=None):
    """{district id: {reported, open, answered}} of the learning needs (all, or `needs`), for
    monitoring, the dashboard and the staff's page; needs with no district left out. One
    query."""
    needs = LearningNeed.objects.all() if needs is None else needs
    rows = (
        needs.filter(district__isnull=False)
        .order_by()
        .values("district")
        .annotate(reported=Count("pk"), open=Count("pk", filter=OPEN))
    )
    return _figures(rows, "district")


def needs_by_target_group(needs=None):
    """{target group id: {reported, open, answered}} of the learning needs (all, or `needs`)
    sent by people of each group (a need may name several groups, or none). One query."""
    needs = LearningNeed.objects.all() if needs is None else needs
    through = LearningNeed.target_groups.through
    rows = (
        through.objects.filter(learningneed__in=needs)
        .order_by()
        .values("targetgroup")
        .annotate(
            reported=Count("pk"),
            open=Count("pk", filter=Q(learningneed__status=LearningNeed.Status.NEW)),
        )
    )
    return _figures(rows, "targetgroup")


def needs_totals():
    """How many learning needs were reported, how many answered, and the share answered (0 to
    1, None when none was reported). One query."""
    figures = LearningNeed.objects.aggregate(reported=Count("pk"), open=Count("pk", filter=OPEN))
    answered = figures["reported"] - figures["open"]
    return {
        "reported": figures["reported"],
        "answered": answered,
        "share_answered": answered / figures["reported"] if figures["reported"] else None,
    }


def _named(figures, model):
    """[(row of `model`, figures)] for the ids of `figures`, most reported first."""
    rows = model.objects.in_bulk(list(figures))
    return sorted(
        ((rows[pk], counts) for pk, counts in figures.items() if pk in rows),
        key=lambda row: (-row[1]["reported"], str(row[0])),
    )


def needs_summary(needs):
    """What staff read above the list of `needs` (filtered as they chose): their figures by
    subject (None for those told in the person's own words), district, barrier and target
    group, most reported first. Seven queries, whatever the number of needs."""
    by_subject = _figures(
        needs.order_by()
        .values("subject")
        .annotate(reported=Count("pk"), open=Count("pk", filter=OPEN)),
        "subject",
    )
    own_words = by_subject.pop(None, None)
    subjects = _named(by_subject, Subject)
    if own_words:
        subjects.append((None, own_words))
    barriers = needs.aggregate(
        **{code: Count("pk", filter=Q(**{f"barrier_{code}": True})) for code, _label in BARRIERS}
    )
    return {
        "subjects": subjects,
        "districts": _named(needs_by_district(needs), District),
        "barriers": sorted(
            ((label, barriers[code]) for code, label in BARRIERS if barriers[code]),
            key=lambda row: -row[1],
        ),
        "groups": _named(needs_by_target_group(needs), TargetGroup),
    }


def needs_for_staff():
    """Every learning need, newest first, with what the staff's list shows of each."""
    return LearningNeed.objects.select_related("subject", "district", "user").prefetch_related(
        "target_groups"
    )


def need_for_staff(pk):
    return (
        LearningNeed.objects.select_related("subject", "district", "user", "responded_by")
        .prefetch_related("target_groups", "opportunities")
        .filter(pk=pk)
        .first()
    )


def needs_waiting():
    return LearningNeed.objects.open()


def for_group(group):
    """The public opportunities especially for `group`, soonest first, and the public spaces
    where they are held."""
    opportunities = Opportunity.objects.public().filter(target_groups=group)
    listed = _soonest_first(
        opportunities.select_related("organization", "location", "district").prefetch_related(
            "subjects"
        )
    )
    spaces = (
        LearningSpace.objects.public()
        .filter(Exists(opportunities.filter(location=OuterRef("pk"))))
        .select_related("district")
    )
    return listed, spaces


def target_group_gaps(group):
    """The districts where people of `group` have open learning needs and no public opportunity
    is especially for that group, with `open_needs`, most needs first. One query."""
    open_needs = (
        LearningNeed.objects.open()
        .filter(target_groups=group, district=OuterRef("pk"))
        .order_by()
        .values("district")
        .annotate(n=Count("pk"))
        .values("n")
    )
    offered = Opportunity.objects.public().filter(target_groups=group, district=OuterRef("pk"))
    return (
        District.objects.annotate(open_needs=Subquery(open_needs[:1]))
        .filter(open_needs__gt=0)
        .exclude(Exists(offered))
        .order_by("-open_needs", "name_es", "pk")
    )
