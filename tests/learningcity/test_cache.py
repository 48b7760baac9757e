"""The Redis cache answers as an empty cache, with a warning, while Redis cannot be reached."""

import logging
import socket
import time

import pytest

from learningcity.cache import TolerantRedisCache


@pytest.fixture
def lost_cache():
    """The portal's cache pointed at a port where no Redis listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_a_lost_redis_reads_as_a_miss_and_writes_as_done(lost_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="learningcity.cache"):
        assert lost_cache.get("profile", "default") == "default"
        assert lost_cache.set("profile", "x", 10) is None
        # allauth's rate limit takes a lock with add(); True lets the request through.
        assert lost_cache.add("limit:lock", True, 10) is True
        assert lost_cache.incr("counter", 3) == 3
        assert lost_cache.get_many(["a", "b"]) == {}
        assert lost_cache.has_key("profile") is False
        assert lost_cache.delete("profile") is False
        assert lost_cache.get_or_set("key", "fallback") == "fallback"
    assert "Redis cache unreachable" in caplog.text


def test_after_a_failure_the_cache_stops_trying_for_a_moment(lost_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="learningcity.cache"):
        lost_cache.get("profile")
        started = time.monotonic()
        for _ in range(100):
            lost_cache.get("profile")
    assert time.monotonic() - started < 0.5
    assert caplog.text.count("Redis cache unreachable") == 1
