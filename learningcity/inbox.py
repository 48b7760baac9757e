"""The inbox: what waits for a person, gathered from every app (DESIGN.md §2).

Apps register providers with `registry.register_inbox(...)` from their `AppConfig.ready()`; the
core never imports them. The inbox page asks every provider for its first few items; the header
shows only the total, which every page needs, so it is cached per person.

Why the cached total stays right: each provider names the models whose rows decide its counts
(`watches`), and when a transaction that saved or deleted one of their rows commits (services,
admin, shell alike), the version that every cached total is stored under is replaced. At the
commit, not before: a page counting while the transaction runs reads the old rows, and would
store the old figure under a version already new. Changes that send no signal
(`QuerySet.update()`, an invitation expiring with time, a role given outside the ORM) show
within COUNT_TIMEOUT, and the inbox page, which always counts afresh, stores its own total.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from learningcity.registry import registry

# Seconds a person's total may lag behind a change that sends no signal.
COUNT_TIMEOUT = 300
VERSION_KEY = "inbox:version"
# How many items of each provider the inbox page lists; the rest are behind its link.
ITEMS_SHOWN = 5


def _version():
    """A token, not a counter: a version lost from the cache comes back as a new one, never as
    an old one still naming stale totals."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _count_key(user):
    return f"inbox:count:{_version()}:{user.pk}"


def forget_counts():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _changed(sender, using=None, action="post_", **kwargs):
    if not action.startswith("post_"):
        return  # m2m_changed sends pre_add, pre_remove... before the change as well
    transaction.on_commit(forget_counts, using=using)


def forget_counts_when_changed(*models):
    for model in models:
        uid = f"inbox:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
        m2m_changed.connect(_changed, sender=model, dispatch_uid=uid, weak=False)


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def inbox_for(user, limit=ITEMS_SHOWN):
    """[(provider, entry)] for every provider with something waiting for `user`, in order."""
    if not _signed_in(user):
        return []
    sections = []
    for provider in registry.inbox_list():
        entry = provider.items(user, limit)
        if entry is not None and entry.count:
            sections.append((provider, entry))
    cache.set(_count_key(user), sum(entry.count for _, entry in sections), COUNT_TIMEOUT)
    return sections


def inbox_count(user):
    """How many things wait for `user` in all: the header's figure, from the cache when it can."""
    if not _signed_in(user):
        return 0
    key = _count_key(user)
    total = cache.get(key)
    if total is None:
        total = sum(provider.count(user) or 0 for provider in registry.inbox_list())
        cache.set(key, total, COUNT_TIMEOUT)
    return total
