"""Data versions: for each kind of data whose pages are cached (the plan, the indicators), a token
kept in the cache that the area's services replace after every write. A cache key that names the
version is never read again once the data changes, so nothing has to be deleted.

The version is a token, not a counter: a version lost from the cache (evicted, Redis restarted)
comes back as a new one and never as an old one still naming stale entries."""

import uuid

from django.core.cache import cache
from django.db import transaction


def data_version(key):
    """The current version of the data named `key`; None when no cache can keep it (Redis
    unreachable): then callers render without caching."""
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def data_changed(key):
    """Called by every write to the data named `key`, inside its transaction: the version is
    replaced once the transaction commits. Not before: a page rendered meanwhile would be cached,
    without the change, under the new version."""
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout=None), robust=True)


def cached(name, compute, *versions, timeout):
    """`compute()`, kept in the cache for `timeout` seconds under `name` and `versions` (data
    versions and anything else the result depends on, such as the language); computed every time
    when a version is None (no cache to keep it in: Redis unreachable)."""
    if None in versions:
        return compute()
    key = ":".join([name, *versions])
    kept = cache.get(key)
    if kept is None:
        kept = (compute(),)  # a tuple: None ("nothing entered yet") is kept too
        cache.set(key, kept, timeout=timeout)
    return kept[0]
