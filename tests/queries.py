"""Query-count assertions that print the SQL when a page's count grows with its rows."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _listing(queries):
    return "\n".join(f"{number}. {query['sql']}" for number, query in enumerate(queries, 1))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return captured.captured_queries


def assert_constant_queries(client, url, add_rows, *, more=5):
    """GET `url`, call `add_rows(more)`, GET it again: the number of queries must not change.

    One row is added first, since an empty list skips its prefetches; a first, unmeasured GET
    fills the caches (city profile, sessions), so both counts are of the steady state.
    """
    add_rows(1)
    count_queries(client, url)
    before = count_queries(client, url)
    add_rows(more)
    after = count_queries(client, url)
    if len(after) != len(before):
        raise AssertionError(
            f"GET {url} made {len(before)} queries, then {len(after)} after adding {more} rows.\n"
            f"Before:\n{_listing(before)}\n\nAfter:\n{_listing(after)}"
        )
    return len(after)


@contextmanager
def max_queries(limit):
    """`with max_queries(8): client.get(url)` fails with the SQL listed when over the limit."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    if len(captured.captured_queries) > limit:
        raise AssertionError(
            f"{len(captured.captured_queries)} queries, more than {limit}:\n"
            f"{_listing(captured.captured_queries)}"
        )
