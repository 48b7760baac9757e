"""The section registry of DESIGN.md §2.

Apps to the right of the layer diagram must not be imported by apps to their left. When a left app
has to show something a right app owns (an organisation page listing its events, the account page
listing a person's registrations), the right app registers a section here from its
`AppConfig.ready()` and the left app renders whatever is registered. The six action areas and the
dashboard register themselves the same way, so the site navigation is never hard-coded.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Area:
    key: str
    title: Any
    url_name: str
    summary: Any
    order: int


@dataclass(frozen=True)
class Section:
    slot: str
    key: str
    title: Any
    template_name: str
    # Receives (request, obj) and returns the template context, or None to leave the section out.
    get_context: Callable[[Any, Any], dict | None]
    order: int = 100


# How a person may choose to hear of a kind of notification (NotificationPreference.frequency).
FREQUENCIES = ("immediately", "daily", "weekly", "never")


@dataclass(frozen=True)
class NotificationKind:
    key: str
    title: Any
    description: Any
    default: str


@dataclass
class Registry:
    areas: dict[str, Area] = field(default_factory=dict)
    sections: dict[str, dict[str, Section]] = field(default_factory=dict)
    hooks: dict[str, list[Callable]] = field(default_factory=dict)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)

    def register_area(self, key, *, title, url_name, summary, order):
        self.areas[key] = Area(key, title, url_name, summary, order)

    def register_section(self, slot, key, *, title, template_name, get_context, order=100):
        self.sections.setdefault(slot, {})[key] = Section(
            slot, key, title, template_name, get_context, order
        )

    def register_hook(self, name, function):
        functions = self.hooks.setdefault(name, [])
        if function not in functions:
            functions.append(function)

    def register_notification_kind(self, key, *, title, description, default="immediately"):
        """A kind of notification people choose to get at once, in a digest or never
        (learningcity.notifications.notify sends them)."""
        if default not in FREQUENCIES:
            raise ValueError(f"default must be one of {FREQUENCIES}, not {default!r}")
        self.notification_kinds[key] = NotificationKind(key, title, description, default)

    def notification_kind_list(self):
        return sorted(self.notification_kinds.values(), key=lambda kind: kind.key)

    def area_list(self):
        return sorted(self.areas.values(), key=lambda area: area.order)

    def sections_for(self, slot):
        return sorted(self.sections.get(slot, {}).values(), key=lambda s: (s.order, s.key))

    def call_hooks(self, name, **kwargs):
        return [function(**kwargs) for function in self.hooks.get(name, [])]


registry = Registry()
