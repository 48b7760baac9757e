from django.http import Http404
from django.shortcuts import get_object_or_404

# The largest primary key the databases store (PostgreSQL bigint, SQLite INTEGER).
BIGGEST_ID = 2**63 - 1


def plain_number(value, *, highest=BIGGEST_ID):
    """`value` as a whole number from 0 to `highest` when it is written in ASCII digits, else None.

    `str.isdigit()` accepts "²" and "①", which `int()` refuses with an error, and `int()` accepts
    "٣" and "３"; no form of ours sends either, so both are malformed here. Checking the length
    first keeps `int()` from refusing a string of thousands of digits with an error of its own."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    if len(value) > len(str(highest)) or int(value) > highest:
        return None
    return int(value)


def posted_object_or_404(request, queryset, name, **filters):
    """The object whose primary key a form posted as `name`; a missing or malformed one is a 404,
    never a 500 from the database refusing to compare a number with text."""
    pk = plain_number(request.POST.get(name, ""))
    if pk is None:
        raise Http404
    return get_object_or_404(queryset, pk=pk, **filters)
