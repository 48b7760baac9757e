from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from events import calendars, datasets, selectors
from events.filters import EventFilter
from events.forms import GuestRegistrationForm
from events.models import Event, Kind
from events.structured_data import event_data, json_ld
from learningcity.data_versions import cached
from learningcity.kept import kept_section, page_shown, query_digest, versions_today
from learningcity.permissions import can

# A bound on how stale a kept calendar may be after a change made outside events.services (a
# district renamed); it is also never kept past the moment the next public event ends, when an
# event leaves the coming ones for the archive.
CALENDAR_TIMEOUT = 10 * 60
CALENDAR_PARAMETERS = {*EventFilter.base_filters, "page"}


def _calendar_key(request, past):
    """The cache key of this calendar, or None when it is not to be kept (a parameter the
    calendar does not know: it would be carried into the pages' links)."""
    digest = query_digest(request, CALENDAR_PARAMETERS)
    if not getattr(settings, "EVENTS_CALENDAR_KEPT", True) or digest is None:
        return None
    version = selectors.events_data_version()
    if version is None:
        return None
    parts = [
        "past" if past else "coming",
        version,
        get_language(),
        timezone.get_current_timezone_name(),
        digest,
    ]
    return "events:calendar:" + ":".join(parts)


def _calendar_html(request, past):
    """The filters and a page of events, rendered; with until when they may be kept (None: not
    at all, for invalid filters or a page that is not the one asked for)."""
    event_filter = EventFilter(request.GET, queryset=selectors.calendar_events(past=past))
    page = Paginator(event_filter.qs, 20).get_page(request.GET.get("page"))
    html = render_to_string(
        "events/_calendar.html", {"filter": event_filter, "page": page, "past": past}, request
    )
    if not page_shown(request, event_filter.is_valid(), page):
        return str(html), None
    now = timezone.now()
    until = now + timedelta(seconds=CALENDAR_TIMEOUT)
    next_end = selectors.next_end(now)
    if next_end is not None:
        until = min(until, next_end)
    return str(html), until


def _calendar(request, *, past):
    """The calendar: its filters and events are rendered once for each version of the events'
    data, language and query, until the next event ends, and kept (bench/README.md, issue
    22); the rest of the page, which depends on who reads it, every time."""
    key = _calendar_key(request, past)
    kept = cache.get(key) if key else None
    # The moment it stops being true is kept with it and checked against our clock, not left to
    # the cache's own expiry alone: Redis and the web server may not share a clock.
    if kept is not None and timezone.now() < kept[1]:
        html = kept[0]
    else:
        html, until = _calendar_html(request, past)
        timeout = int((until - timezone.now()).total_seconds()) if until else 0
        if key and timeout > 0:
            cache.set(key, (html, until), timeout=timeout)
    # Safe: our template's output, kept as a string.
    return render(request, "events/index.html", {"calendar": mark_safe(html), "past": past})


def index(request):
    """The public calendar: coming events first, with the filters."""
    return _calendar(request, past=False)


def archive(request):
    return _calendar(request, past=True)


def _event_parts(request, event):
    """What the event's page shows everyone alike: its structured data, the event itself
    (header, programme, schedule, practical information) and its exhibitors, media and venue."""
    context = {
        "event": event,
        "schedule": selectors.schedule(event),
        "plan_actions": selectors.plan_actions_in_force(event),
    }
    return (
        json_ld(event_data(event)),
        render_to_string("events/_detail_head.html", context, request),
        render_to_string("events/_detail_tail.html", context, request),
    )


def render_event(request, event, *, form=None, parts=None):
    """The event's page; `form` is a guest's registration form sent back with its errors;
    `parts`, those of `_event_parts` when they were kept."""
    structured, head, tail = parts or _event_parts(request, event)
    places_left = None
    if event.capacity is not None:
        places_left = max(event.capacity - selectors.confirmed_count(event), 0)
    registration = selectors.registration_for(request.user, event)
    figures = None
    if can(request.user, "events.organise", event):
        figures = selectors.with_figures(Event.objects.filter(pk=event.pk)).get()
        figures.rate = selectors.attendance_rate(figures.confirmed, figures.checked_in)
    if form is None and not request.user.is_authenticated:
        form = GuestRegistrationForm()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "json_ld": structured,
            "head": head,
            "tail": tail,
            "places_left": places_left,
            "registration": registration,
            "registration_problem": event.registration_problem(),
            "form": form,
            "figures": figures,
        },
    )


def detail(request, slug):
    """The event's page: what it shows everyone is kept rendered for the public per events data
    and day (learningcity.kept); the places left and the registration form are read each time."""
    user = request.user
    read = {}

    def render_parts():
        event = read["event"] = selectors.event_page(user, slug)
        if event is None:
            raise Http404
        return _event_parts(request, event), True

    parts = kept_section(
        request,
        f"events:event:{slug}",
        render_parts,
        versions=versions_today(selectors.EVENT_PAGE_DATA, selectors.EVENTS_DATA_VERSION_KEY),
        parameters=set(),
    )
    event = read.get("event") or Event.objects.visible_to(user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return render_event(request, event, parts=parts)


def _ics(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FEED_TIMEOUT = 60 * 60


def _feed_changed(request):
    return datasets.last_change()


@condition(last_modified_func=_feed_changed)
def feed_ics(request):
    """Every public event (`?kind=festival` and the other kinds for one kind), for calendar
    programs to subscribe to."""
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in Kind.values:
        raise Http404
    name = _("Learning city events")
    if kind:
        name = f"{name}: {Kind(kind).label}"
    # A city's feed holds years of events and is fetched again and again by calendar programs:
    # made once for each version of the events' data (bench/README.md).
    body = cached(
        "events:feed",
        lambda: calendars.calendar(selectors.feed_events(kind=kind), name=name),
        selectors.events_data_version(),
        kind or "all",
        get_language(),
        timeout=FEED_TIMEOUT,
    )
    return _ics(body, "events.ics")


def event_ics(request, slug):
    event = selectors.feed_events().filter(slug=slug).first()
    if event is None:
        raise Http404
    return _ics(calendars.event_calendar(event), f"{event.slug}.ics")
