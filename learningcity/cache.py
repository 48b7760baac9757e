"""A Redis cache that behaves as an empty one while Redis cannot be reached.

The cache holds what can be lost: the city profile, which is read again from the database, and
allauth's rate limits. Without this, a lost Redis turns every login, sign-up and password reset
into a 500; with it they go through (unthrottled until Redis is back) and a warning is logged.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure, requests in this process skip Redis for this long instead of each waiting for
# its own connection attempt to fail.
PAUSE_AFTER_FAILURE = 5.0


def _missing_when_lost(answer):
    """Run the method; when Redis is unreachable, log it and return `answer(*args, **kwargs)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._paused_until:
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError) as error:
                self._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
                logger.warning(
                    "Redis cache unreachable, carrying on without it for %s s: %s",
                    PAUSE_AFTER_FAILURE,
                    error,
                )
                return answer(*args, **kwargs)

        return wrapper

    return decorate


def _nothing(*args, **kwargs):
    return None


def _default(key, default=None, version=None):
    return default


def _not_there(*args, **kwargs):
    return False


def _done(*args, **kwargs):
    # add() answers True, "stored": allauth's rate limit takes its lock with add() and lets the
    # request through once it holds it.
    return True


def _empty(*args, **kwargs):
    return {}


def _none_failed(*args, **kwargs):
    return []


def _from_delta(key, delta=1, version=None):
    return delta


class TolerantRedisCache(RedisCache):
    """Django's RedisCache; on a lost connection or timeout, a miss and a warning, never an error.

    Short socket timeouts belong in OPTIONS (`socket_connect_timeout`, `socket_timeout`)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._paused_until = 0.0

    get = _missing_when_lost(_default)(RedisCache.get)
    get_many = _missing_when_lost(_empty)(RedisCache.get_many)
    has_key = _missing_when_lost(_not_there)(RedisCache.has_key)
    add = _missing_when_lost(_done)(RedisCache.add)
    set = _missing_when_lost(_nothing)(RedisCache.set)
    set_many = _missing_when_lost(_none_failed)(RedisCache.set_many)
    touch = _missing_when_lost(_not_there)(RedisCache.touch)
    delete = _missing_when_lost(_not_there)(RedisCache.delete)
    delete_many = _missing_when_lost(_nothing)(RedisCache.delete_many)
    incr = _missing_when_lost(_from_delta)(RedisCache.incr)
    clear = _missing_when_lost(_nothing)(RedisCache.clear)
