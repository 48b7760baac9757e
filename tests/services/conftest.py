import time

import pytest
from django.conf import settings
from django.db import connection

from learningcity.celery import app as celery_app
from tests.conftest import IN_CI

HOW_TO = (
    "set DATABASE_URL to a PostgreSQL database and REDIS_URL, and start a Celery worker on the "
    "test database, as `bash .ci/run` does (README: Services tests)"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/services/" in str(item.fspath):
            item.add_marker(pytest.mark.services)


def _worker_answers(timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if celery_app.control.ping(timeout=1.0):
                return True
        except Exception:
            time.sleep(0.5)
    return False


def _missing():
    missing = []
    if connection.vendor != "postgresql":
        missing.append(f"the database is {connection.vendor}, not PostgreSQL")
    if not settings.REDIS_URL:
        missing.append("REDIS_URL is not set")
    else:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        except redis.RedisError as error:
            missing.append(f"Redis does not answer at {settings.REDIS_URL}: {error}")
        else:
            if not _worker_answers(timeout=30 if IN_CI else 3):
                missing.append("no Celery worker answers")
    return missing


@pytest.fixture(scope="session")
def services():
    """PostgreSQL, Redis and a Celery worker; a failure in CI, a skip with a reason elsewhere."""
    missing = _missing()
    if missing:
        message = f"Services missing: {'; '.join(missing)}. To run these tests, {HOW_TO}."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def real_worker(services):
    """Queue tasks through the broker to the worker instead of running them in-process."""
    celery_app.conf.task_always_eager = False
    yield celery_app
    celery_app.conf.task_always_eager = True
