from django.db.models import Count, Prefetch, Q

from learningcity.content_languages import text_order
from learningcity.kept import follow
from learningcity.models import District, Sector, User
from stakeholders.models import (
    CommitteeDecision,
    CommitteeMeeting,
    CommitteeSeat,
    CommitteeTerm,
    Exchange,
    GnlcActivity,
    GoodPractice,
    Membership,
    MinistryContact,
    NetworkMembership,
    NetworkObligation,
    Organisation,
    PartnerCity,
)


def belongings_of(user):
    """What a person belongs to: their organisations and their current committee seats."""
    return {
        "memberships": list(
            Membership.objects.filter(user=user).select_related(
                "organisation", "organisation__sector"
            )
        ),
        "committee_terms": list(
            CommitteeTerm.objects.current().filter(person=user).select_related("seat__sector")
        ),
    }


# Data versions of the public sections kept rendered (learningcity.kept), replaced by every
# change of the rows they show (`follow_public_data`, called when the app is ready).
DIRECTORY_DATA = "data:stakeholders:directory"
COMMITTEE_DATA = "data:stakeholders:committee"


def follow_public_data():
    follow(DIRECTORY_DATA, Organisation, Sector, District)
    follow(
        COMMITTEE_DATA,
        CommitteeSeat,
        CommitteeTerm,
        CommitteeMeeting,
        CommitteeDecision,
        Organisation,
        Sector,
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


def committee_overview(user, on=None):
    """Current committee members grouped by sector, the sectors without a seat held, and the
    decisions the user may read: a fixed number of queries whatever the committee's size."""
    terms = list(
        CommitteeTerm.objects.current(on)
        .select_related("seat__sector", "person", "organisation")
        .order_by("seat__order", "seat__pk")
    )
    by_sector = {}
    for term in terms:
        by_sector.setdefault(term.seat.sector, []).append(term)
    represented = {sector.pk for sector in by_sector}
    unrepresented = [sector for sector in Sector.objects.all() if sector.pk not in represented]
    present = Prefetch(
        "meeting__present", queryset=CommitteeTerm.objects.select_related("person", "seat__sector")
    )
    decisions = list(
        CommitteeDecision.objects.visible_to(user)
        .select_related("meeting")
        .prefetch_related(present)
        .order_by("-meeting__date", "pk")[:50]
    )
    return {
        "members_by_sector": sorted(by_sector.items(), key=lambda item: item[0].name),
        "unrepresented_sectors": unrepresented,
        "decisions": decisions,
    }


def committee_coverage(on=None):
    """For the dashboard: how many sectors hold a seat on the committee today, of all sectors,
    and the seats held. Three queries."""
    terms = CommitteeTerm.objects.current(on)
    represented = terms.values("seat__sector").distinct().count()
    return {
        "sectors": Sector.objects.count(),
        "represented": represented,
        "members": terms.count(),
    }


def partnerships():
    """Partner cities with their exchanges, network memberships with their deadlines, and the
    GNLC activities the city took part in: one query each."""
    return {
        "partners": list(
            PartnerCity.objects.prefetch_related(
                Prefetch("exchanges", queryset=Exchange.objects.order_by("-date"))
            ).order_by("scope", "name")
        ),
        "networks": list(
            NetworkMembership.objects.select_related("focal_point").prefetch_related(
                Prefetch("deadlines", queryset=NetworkObligation.objects.order_by("due"))
            )
        ),
        "gnlc_activities": list(GnlcActivity.objects.order_by("-date")[:30]),
    }


def good_practice_library():
    """Newest first, then by title as the reader sees it (English, or Spanish without it)."""
    return GoodPractice.objects.select_related("partner").order_by(
        "-published", text_order(GoodPractice, "title"), "pk"
    )


def ministry_liaison():
    return MinistryContact.objects.select_related("recorded_by").order_by("-date", "-pk")


def gnlc_membership():
    """The city's membership of UNESCO's Global Network of Learning Cities, or None."""
    return NetworkMembership.objects.filter(is_gnlc=True).order_by("-since", "pk").first()
