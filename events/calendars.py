"""The events as iCalendar (RFC 5545), written with the `icalendar` library: one file per event
and the feed of all public events. Times are in the city's time zone, whose VTIMEZONE the file
carries; a series is one VEVENT with its RRULE, and the occurrences cancelled in the portal are
its EXDATEs."""

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, city_zone

PRODID = "-//Learning city portal//events//ES"


def _host():
    return urlsplit(settings.SITE_URL).netloc


def _description(summary, url, online_url):
    lines = [summary] if summary else []
    if online_url:
        lines.append(_("Online: %(url)s") % {"url": online_url})
    lines.append(url)
    return "\n\n".join(lines)


def _place(vevent, event):
    location = ", ".join(part for part in [event.venue_name, event.address] if part)
    if location:
        vevent.add("location", location)
    if event.has_location:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))


def _event_component(event, zone):
    url = settings.SITE_URL + event.get_absolute_url()
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{_host()}")
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event.title)
    vevent.add("dtstart", timezone.localtime(event.starts_at, zone))
    vevent.add("dtend", timezone.localtime(event.ends_at, zone))
    vevent.add("description", _description(event.summary, url, event.online_url))
    vevent.add("url", url)
    vevent.add("categories", [event.get_kind_display()])
    vevent.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    _place(vevent, event)
    return vevent


def _series_component(series, occurrence, cancelled, zone):
    """The series as one recurring VEVENT, placed where `occurrence` (one of its public events)
    is."""
    url = settings.SITE_URL + occurrence.get_absolute_url()
    vevent = icalendar.Event()
    vevent.add("uid", f"series-{series.pk}@{_host()}")
    vevent.add("dtstamp", series.created_at)
    vevent.add("summary", series.title)
    start = timezone.localtime(series.starts_at, zone)
    vevent.add("dtstart", start)
    vevent.add("duration", series.duration)
    vevent.add("rrule", icalendar.vRecur.from_ical(series.rule.upper()))
    for starts_at in cancelled:
        vevent.add("exdate", timezone.localtime(starts_at, zone))
    vevent.add("description", _description(series.summary, url, occurrence.online_url))
    vevent.add("url", url)
    vevent.add("categories", [series.get_kind_display()])
    _place(vevent, occurrence)
    return vevent


def calendar(events, *, name, series=True):
    """The bytes of a VCALENDAR holding `events` (select_related("series")): the events of a
    series as the series' one recurring VEVENT, or each at its own dates (`series=False`)."""
    zone = city_zone()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", zone.key)
    events = list(events)
    series_cancelled = {}
    for event in events:
        if event.series_id and event.status == Event.Status.CANCELLED:
            series_cancelled.setdefault(event.series_id, []).append(event.starts_at)
    done = set()
    for event in events:
        if event.series_id is None or not series:
            cal.add_component(_event_component(event, zone))
        elif event.series_id not in done:
            done.add(event.series_id)
            cancelled = series_cancelled.get(event.series_id, [])
            cal.add_component(_series_component(event.series, event, cancelled, zone))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_calendar(event):
    """One event on its own (an occurrence of a series too, at its own dates)."""
    return calendar([event], name=event.title, series=False)
