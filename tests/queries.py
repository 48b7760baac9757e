"""Query-count assertions that print the SQL when a page's count grows with its rows."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape


def _listing(queries):
    return "\n".join(f"{number}. {query['sql']}" for number, query in enumerate(queries, 1))


def count_queries(client, url):
    return _get(client, url)[0]


def _get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return captured.captured_queries, response.content.decode()


def _missing_from(page, texts):
    return [text for text in texts if text not in page and escape(text) not in page]


def assert_constant_queries(client, url, add_rows, *, more=5):
    """GET `url`, call `add_rows(more)`, GET it again: the number of queries must not change.

    `add_rows(n)` adds n rows of what the page lists and returns texts that show them (a title,
    a name..., or the rows themselves where the page shows their `str()`): each must appear on
    the page, or the rows were never rendered and the count proves nothing. One row is added
    first, since an empty list skips its prefetches; a first, unmeasured GET fills the caches
    (city profile, sessions), so both counts are of the steady state.
    """
    first = [str(row) for row in add_rows(1) or []]
    count_queries(client, url)
    before, page = _get(client, url)
    added = [str(row) for row in add_rows(more) or []]
    after, page_after = _get(client, url)
    assert first and len(added) >= more, (
        f"add_rows must return the texts of the rows it adds (got {first!r}, then {added!r})"
    )
    missing = _missing_from(page, first) + _missing_from(page_after, added)
    assert not missing, f"GET {url} does not show the rows the test added: {missing}"
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
