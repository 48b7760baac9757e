"""The section registry of DESIGN.md §2.

Apps to the right of the layer diagram must not be imported by apps to their left. When a left app
has to show something a right app owns (an organisation page listing its events, the account page
listing a person's registrations), the right app registers a section here from its
`AppConfig.ready()` and the left app renders whatever is registered. The six action areas and the
dashboard register themselves the same way, so the site navigation is never hard-coded. What
waits for whom in the inbox comes the same way too (`register_inbox`, read by learningcity.inbox).
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
    # The data version (learningcity.kept) of what the section shows the public, replaced by a
    # change of any row of the models it was registered to follow; empty: rendered every time.
    kept_as: str = ""


@dataclass(frozen=True)
class InboxItem:
    """One thing waiting for someone: what it is, and the URL of the page where it is done."""

    title: Any
    url: str
    detail: Any = ""


@dataclass(frozen=True)
class InboxEntry:
    """What one provider has waiting for one person: how many, the first few, and the page
    where the whole list is handled (when there is one)."""

    count: int
    items: tuple[InboxItem, ...] = ()
    url: str = ""


@dataclass(frozen=True)
class InboxProvider:
    key: str
    title: Any
    # (user, limit) -> InboxEntry, or None when the user has no role for it.
    items: Callable[[Any, int], InboxEntry | None]
    # user -> the number waiting (one cheap query), or None when the user has no role for it.
    count: Callable[[Any], int | None]
    order: int = 100


@dataclass(frozen=True)
class Distribution:
    """One way to download a dataset: a file the portal serves elsewhere (`url`, e.g. the events'
    iCalendar feed), or, with no `url`, the dataset's rows that /open-data/ streams itself in
    this format ("csv" or "json")."""

    format: str
    media_type: str
    url: str = ""


@dataclass(frozen=True)
class Dataset:
    """A public dataset of the portal, listed at /open-data/ and in its DCAT catalogue.

    `rows()` yields dicts with the keys of `columns` (what anyone may see: nothing hidden from
    the public, no personal data) when a distribution is streamed by /open-data/; `modified()`
    returns when the data last changed (a datetime, or None), read with one cheap query."""

    key: str
    title: Any
    description: Any
    area: str
    distributions: tuple[Distribution, ...]
    modified: Callable[[], Any]
    columns: tuple[str, ...] = ()
    rows: Callable[[], Any] | None = None
    keywords: tuple[str, ...] = ()


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
    inbox: dict[str, InboxProvider] = field(default_factory=dict)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)
    datasets: dict[str, Callable[[], list]] = field(default_factory=dict)

    def register_area(self, key, *, title, url_name, summary, order):
        self.areas[key] = Area(key, title, url_name, summary, order)

    def register_section(
        self, slot, key, *, title, template_name, get_context, order=100, follows=()
    ):
        """A section `slot`'s pages render with their object. `follows`: the models whose rows
        the section shows the public (anonymous readers); with them, it is kept rendered for
        the public per object, language and day until a row of those models changes
        (learningcity.kept). Sections that show everyone the same from other data, or that
        depend on the hour, follow nothing and render every time."""
        kept_as = ""
        if follows:
            # Imported here: this module is read before any model is.
            from learningcity.kept import follow

            kept_as = f"data:section:{slot}:{key}"
            follow(kept_as, *follows)
        self.sections.setdefault(slot, {})[key] = Section(
            slot, key, title, template_name, get_context, order, kept_as
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

    def register_periodic_task(self, name, task, *, every):
        """Have Celery beat run `task` (a task's dotted name) every `every` seconds, from an
        app's `ready()`: the core's settings need not know the apps' tasks. Registering the
        same name again replaces the entry."""
        # Imported here: the Celery app reads the settings, which this module must not need.
        from learningcity.celery import app

        app.conf.beat_schedule = {
            **(app.conf.beat_schedule or {}),
            name: {"task": task, "schedule": float(every)},
        }

    def register_datasets(self, key, provider):
        """An app's public datasets for /open-data/: `provider()` returns a list of Dataset
        (a function, so datasets may depend on the data, e.g. one per published report). Apps
        register from a `datasets` module, which the dashboard discovers."""
        self.datasets[key] = provider

    def dataset_list(self):
        return [dataset for key in sorted(self.datasets) for dataset in self.datasets[key]()]

    def notification_kind_list(self):
        return sorted(self.notification_kinds.values(), key=lambda kind: kind.key)

    def register_inbox(self, key, *, title, items, count=None, watches=(), order=100):
        """What waits for whom (learningcity.inbox): `items(user, limit)` returns an InboxEntry,
        or None when the user has no role for it; `count(user)` the number alone, cheaply, for
        the header (by default the entry's count). Saving or deleting a row of one of the
        `watches` models (a through model for many-to-many changes) may change someone's count,
        so the header's cached counts are forgotten."""
        count = count or (lambda user: getattr(items(user, 0), "count", None))
        self.inbox[key] = InboxProvider(key, title, items, count, order)
        if watches:
            # Imported here: this module is read before any model is.
            from learningcity.inbox import forget_counts_when_changed

            forget_counts_when_changed(*watches)

    def inbox_list(self):
        return sorted(self.inbox.values(), key=lambda provider: (provider.order, provider.key))

    def area_list(self):
        return sorted(self.areas.values(), key=lambda area: area.order)

    def sections_for(self, slot):
        return sorted(self.sections.get(slot, {}).values(), key=lambda s: (s.order, s.key))

    def call_hooks(self, name, **kwargs):
        return [function(**kwargs) for function in self.hooks.get(name, [])]


registry = Registry()
