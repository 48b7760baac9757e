"""Reads of the events that pages, feeds and other apps use, each with the same visibility rule
(`Event.objects.visible_to`, `public`)."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from events.models import (
    Event,
    EventSeries,
    ExhibitorApplication,
    MediaCoverage,
    Session,
    Speaker,
    city_zone,
)
from learningcity.data_versions import data_version
from learningcity.kept import follow
from planning.models import Action, ActionPlan
from stakeholders.models import Organisation, PartnerCity

# Names the current state of the events and series; `services.events_data_changed` replaces it
# after every write to them, so the calendar feeds kept under the old one are never served again.
EVENTS_DATA_VERSION_KEY = "events:data-version"


# What an event's page shows the public (learningcity.kept), replaced by any change of these rows
# (`follow_public_data`, when the app is ready), besides the events' data version.
EVENT_PAGE_DATA = "data:events:event-page"


def follow_public_data():
    follow(
        EVENT_PAGE_DATA,
        Event,
        EventSeries,
        Session,
        Speaker,
        ExhibitorApplication,
        MediaCoverage,
        Organisation,
        PartnerCity,
        Action,
        ActionPlan,
    )


def events_data_version():
    """The current version of the events' data; None when no cache can keep it."""
    return data_version(EVENTS_DATA_VERSION_KEY)


def calendar_events(*, past=False):
    """Public events, coming ones first by date, or past ones latest first for the archive."""
    events = Event.objects.public().select_related("district")
    return events.past() if past else events.upcoming()


def next_end(now):
    """When the next public event ends (None: none is coming): until then the coming events
    and the archive stay as they are, unless the events' data changes."""
    return (
        Event.objects.public()
        .filter(ends_at__gte=now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )


def event_page(user, slug):
    """The event at `slug` as `user` may see it, with what its page shows, or None."""
    return (
        Event.objects.visible_to(user)
        .select_related("district", "series")
        .prefetch_related(
            "organisers",
            "accessibility_features",
            "coverage",
            "invited_cities",
            Prefetch(
                "exhibitors",
                queryset=ExhibitorApplication.objects.filter(status="accepted").select_related(
                    "organisation"
                ),
                to_attr="accepted_exhibitors",
            ),
            Prefetch(
                "sessions",
                queryset=Session.objects.prefetch_related(
                    Prefetch("speakers", queryset=Speaker.objects.select_related("partner_city"))
                ),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def confirmed_count(event):
    return event.registrations.filter(status="confirmed").count()


def feed_events(*, kind=None):
    """The public events a calendar feed carries (all of them, past ones too: a calendar keeps
    its history), of one kind if asked."""
    events = Event.objects.public().select_related("series").order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    return events


def attendees(event):
    """Everyone registered for `event` but those who cancelled: confirmed places first, then the
    waiting list in its order, then guests who have not confirmed their address yet."""
    order = {"confirmed": 0, "waitlisted": 1, "pending": 2}
    rows = list(event.registrations.exclude(status="cancelled").order_by("requested_at", "pk"))
    return sorted(rows, key=lambda registration: order[registration.status])


def registrations_of(user):
    """A person's registrations that hold (a place or a turn), coming events first."""
    return list(
        user.event_registrations.holding()
        .filter(event__ends_at__gte=timezone.now())
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def registration_for(user, event):
    """`user`'s registration for `event` that still counts, or None."""
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user).exclude(status="cancelled").order_by("-pk").first()


CHECK_IN_SHOWN = 50


def check_in_list(event, query=""):
    """The confirmed places of `event` for the door, by name, matching `query` (part of a name,
    an address or a code), at most CHECK_IN_SHOWN; and how many match."""
    places = event.registrations.filter(status="confirmed")
    query = (query or "").strip()
    if query:
        places = places.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(code__iexact=query)
        )
    return list(places.order_by("name", "pk")[:CHECK_IN_SHOWN]), places.count()


def check_in_counts(event):
    """(people checked in, confirmed places) of `event`, in one query."""
    counts = event.registrations.filter(status="confirmed").aggregate(
        come=Count("pk", filter=Q(checked_in_at__isnull=False)), places=Count("pk")
    )
    return counts["come"], counts["places"]


ORGANISATION_EVENTS_SHOWN = 10


def organisation_events(user, organisation):
    """The coming events `organisation` organises that `user` may see, soonest first, at most
    ORGANISATION_EVENTS_SHOWN, in one query."""
    events = Event.objects.visible_to(user).filter(organisers=organisation)
    return list(events.upcoming()[:ORGANISATION_EVENTS_SHOWN])


def with_figures(events):
    """`events` annotated with their registrations: `confirmed`, `waitlisted` and `checked_in`
    (the dashboard's and the organisers' figures), in the same one query."""
    status = "registrations__status"
    return events.annotate(
        confirmed=Count("registrations", filter=Q(**{status: "confirmed"})),
        waitlisted=Count("registrations", filter=Q(**{status: "waitlisted"})),
        checked_in=Count(
            "registrations",
            filter=Q(**{status: "confirmed"}, registrations__checked_in_at__isnull=False),
        ),
    )


def attendance_rate(confirmed, checked_in):
    """The share of confirmed places whose holders came, in per cent; None without places."""
    return round(100 * checked_in / confirmed) if confirmed else None


def events_summary(*, start, end):
    """The public events held between `start` and `end` (aware datetimes), for the dashboard and
    the indicators: how many of each kind, their confirmed places, how many came and the
    attendance rate of the events where anyone was checked in."""
    held = with_figures(
        Event.objects.filter(status="published", starts_at__gte=start, starts_at__lt=end)
    ).values("kind", "confirmed", "checked_in")
    kinds = {}
    confirmed = checked_in = confirmed_where_counted = 0
    for row in held:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
        confirmed += row["confirmed"]
        checked_in += row["checked_in"]
        if row["checked_in"]:
            confirmed_where_counted += row["confirmed"]
    return {
        "events": sum(kinds.values()),
        "by_kind": kinds,
        "confirmed": confirmed,
        "checked_in": checked_in,
        "attendance_rate": attendance_rate(confirmed_where_counted, checked_in),
    }


def events_by_district(*, start, end):
    """{district id: {events, confirmed, checked_in}} of the public events held between `start`
    and `end` (aware datetimes), for the dashboard's equity by district; events with no district
    (online ones) are left out. One query."""
    held = with_figures(
        Event.objects.filter(
            status="published", starts_at__gte=start, starts_at__lt=end, district__isnull=False
        )
    ).values("district", "confirmed", "checked_in")
    districts = {}
    for row in held:
        figures = districts.setdefault(
            row["district"], {"events": 0, "confirmed": 0, "checked_in": 0}
        )
        figures["events"] += 1
        figures["confirmed"] += row["confirmed"]
        figures["checked_in"] += row["checked_in"]
    return districts


def schedule(event):
    """The event's sessions (prefetched) day by day, city time: [(date, [session, ...]), ...]."""
    zone = city_zone()
    days = {}
    for session in event.sessions.all():
        days.setdefault(timezone.localtime(session.starts_at, zone).date(), []).append(session)
    return sorted(days.items())


def plan_actions_in_force(event):
    """The actions `event` serves, as they stand in the plan in force (the same lineage as the
    version staff linked); an action no longer in it is left out."""
    lineages = list(event.plan_actions.values_list("lineage_key", flat=True))
    if not lineages:
        return []
    return list(
        Action.objects.filter(
            objective__plan__status=ActionPlan.Status.ADOPTED, lineage_key__in=lineages
        ).order_by("pk")
    )
