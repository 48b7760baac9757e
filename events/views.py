from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from events import calendars, datasets, selectors
from events.filters import EventFilter
from events.forms import GuestRegistrationForm
from events.models import Event, Kind
from events.structured_data import event_data, json_ld
from learningcity.data_versions import cached
from learningcity.permissions import can


def _calendar(request, *, past):
    event_filter = EventFilter(request.GET, queryset=selectors.calendar_events(past=past))
    page = Paginator(event_filter.qs, 20).get_page(request.GET.get("page"))
    return render(
        request, "events/index.html", {"filter": event_filter, "page": page, "past": past}
    )


def index(request):
    """The public calendar: coming events first, with the filters."""
    return _calendar(request, past=False)


def archive(request):
    return _calendar(request, past=True)


def render_event(request, event, *, form=None):
    """The event's page; `form` is a guest's registration form sent back with its errors."""
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
            "json_ld": json_ld(event_data(event)),
            "places_left": places_left,
            "registration": registration,
            "registration_problem": event.registration_problem(),
            "form": form,
            "figures": figures,
            "schedule": selectors.schedule(event),
            "plan_actions": selectors.plan_actions_in_force(event),
        },
    )


def detail(request, slug):
    event = selectors.event_page(request.user, slug)
    if event is None:
        raise Http404
    return render_event(request, event)


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
