"""The test run's settings: the embedded defaults with DEBUG on, as `make run` has them.

DEBUG is off unless the environment says otherwise (learningcity/settings.py); the tests are a
development run, so they turn it on before the real settings are read. Tests of production
behaviour start Django in a subprocess with their own environment (tests/learningcity/
test_deployment.py, tests/services/test_production.py).
"""

import os

os.environ.setdefault("DEBUG", "1")

from learningcity.settings import *  # noqa: F403

# Maps draw blank tiles served by the portal itself (provision/tiles.py): nothing leaves the
# machine in tests and CI.
MAP_TILES_URL = "/api/provision/tiles/{z}/{x}/{y}.png"
# Rows made by factories do not announce themselves: the map's layers are read afresh (tested
# with layers kept in tests/provision/test_api.py).
PROVISION_MAP_LAYERS_KEPT = 0
# Public sections kept rendered (learningcity.kept) follow their rows' saves, whose data versions
# change when a transaction commits, which a test's never does: kept only where a test says so.
PUBLIC_SECTIONS_KEPT = False

# `make test` runs the suite in parallel (pytest-xdist): each worker gets its own test database
# (pytest-django's `_gw0`, `_gw1` suffixes) and, with Redis, its own Redis database for the cache
# below the one REDIS_URL names, since every test starts by emptying the cache (FLUSHDB).
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    from urllib.parse import urlsplit

    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _database = (int(_redis.path.strip("/") or 0) - 1 - int(_XDIST_WORKER[2:])) % 16
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_database}").geturl()  # noqa: F405
