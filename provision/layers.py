"""The map's layers: for a set of filters, every matching opportunity's GeoJSON feature, already
written as text beside its point, kept in this process's memory. A map asks again each time it
moves, for its view (`bbox`) of the same filters: cutting that view out of the layer costs a
pass over the points, not a query, a row per opportunity and a JSON encoding of each.

A layer is named by the provision data's version (`PROVISION_DATA_VERSION_KEY`, replaced by the
services after every change of an opportunity or a space), the city's date (an opportunity
leaves the map the day after it ends), the language and the filters, and is read again after
`MAX_AGE` whatever happens (an organisation renamed in the directory, a row deleted in the
admin). At most `settings.PROVISION_MAP_LAYERS_KEPT` layers are kept, the least recently used
dropped first; 0 keeps none (the tests' setting, where rows are made without the services)."""

import threading
import time
from collections import OrderedDict

from django.conf import settings

from learningcity.data_versions import data_version

PROVISION_DATA_VERSION_KEY = "provision:data-version"
MAX_AGE = 10 * 60

_layers = OrderedDict()
_lock = threading.Lock()


def provision_data_version():
    """The provision data's version (learningcity.data_versions); None without a cache."""
    return data_version(PROVISION_DATA_VERSION_KEY)


def layer(name, build):
    """The layer `name` (a tuple of what it depends on besides the data), built by `build()`
    when missing or stale."""
    kept = getattr(settings, "PROVISION_MAP_LAYERS_KEPT", 4)
    version = data_version(PROVISION_DATA_VERSION_KEY) if kept else None
    if version is None:
        return build()
    key = (version, *name)
    now = time.monotonic()
    with _lock:
        found = _layers.get(key)
        if found is not None and now - found[0] < MAX_AGE:
            _layers.move_to_end(key)
            return found[1]
    value = build()
    with _lock:
        _layers[key] = (now, value)
        _layers.move_to_end(key)
        while len(_layers) > kept:
            _layers.popitem(last=False)
    return value


def forget():
    """Drop every layer of this process."""
    with _lock:
        _layers.clear()
