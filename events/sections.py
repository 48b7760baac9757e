"""What the account page (learningcity) shows of a person's events, registered with the section
registry: the core never imports events (DESIGN.md §2)."""

from django.utils.translation import gettext_lazy as _

from events.selectors import registrations_of
from learningcity.registry import registry


def register():
    registry.register_section(
        "account",
        "event_registrations",
        title=_("Your event registrations"),
        template_name="events/sections/account_registrations.html",
        get_context=lambda request, user: {"registrations": registrations_of(user)},
        order=30,
    )
