from django.http import Http404
from django.shortcuts import get_object_or_404


def posted_object_or_404(request, queryset, name, **filters):
    """The object whose primary key a form posted as `name`; a missing or malformed one is a 404,
    never a 500 from the database refusing to compare a number with text."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return get_object_or_404(queryset, pk=int(value), **filters)
