"""What the account page (learningcity) shows of a person's events, registered with the section
registry: the core never imports events (DESIGN.md §2)."""

from django.utils.translation import gettext_lazy as _

from events.models import Event, EventSeries
from events.selectors import organisation_events, registrations_of
from learningcity.registry import registry


def organisation(request, organisation):
    events = organisation_events(request.user, organisation)
    return {"events": events} if events else None


def register():
    registry.register_section(
        "account",
        "event_registrations",
        title=_("Your event registrations"),
        template_name="events/sections/account_registrations.html",
        get_context=lambda request, user: {"registrations": registrations_of(user)},
        order=30,
    )
    registry.register_section(
        "organisation_detail",
        "events",
        title=_("Its coming events"),
        template_name="events/sections/organisation_events.html",
        get_context=organisation,
        order=40,
        # An event that has begun leaves the list at the latest when the kept copy expires.
        follows=(Event, EventSeries),
    )
