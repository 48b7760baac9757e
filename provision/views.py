from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from provision import guidance, selectors
from provision.filters import OpportunityFilter, SpaceFilter
from provision.structured_data import course_data, json_ld, place_data

PER_PAGE = 20


def _filtered_page(request, filter_class, queryset):
    found = filter_class(request.GET, queryset=queryset)
    return found, Paginator(found.qs, PER_PAGE).get_page(request.GET.get("page"))


def _search(request, template, **context):
    found, page = _filtered_page(request, OpportunityFilter, selectors.search_opportunities())
    selects = [found.form[name] for name in OpportunityFilter.SELECTS]
    context.update({"filter": found, "page": page, "selects": selects})
    return render(request, template, context)


def index(request):
    """The search of learning opportunities, with UNESCO's recommendations under it."""
    return _search(request, "provision/index.html")


def opportunity_map(request):
    """The same search on a map, which asks the GeoJSON API for what lies in its view; the
    list of results stays under it, for screen readers and without JavaScript."""
    query = request.GET.copy()
    query.pop("page", None)
    return _search(request, "provision/map.html", query=query.urlencode())


def detail(request, slug):
    opportunity = selectors.opportunity_page(request.user, slug)
    if opportunity is None:
        raise Http404
    return render(
        request,
        "provision/detail.html",
        {"opportunity": opportunity, "json_ld": json_ld(course_data(opportunity))},
    )


def spaces(request):
    found, page = _filtered_page(request, SpaceFilter, selectors.spaces())
    return render(request, "provision/spaces.html", {"filter": found, "page": page})


def space(request, slug):
    learning_space = selectors.space_page(request.user, slug)
    if learning_space is None:
        raise Http404
    return render(
        request,
        "provision/space.html",
        {"space": learning_space, "json_ld": json_ld(place_data(learning_space))},
    )


def guidance_path(request):
    """The "I want to learn" path: four questions in one GET form, so an answer can be shared
    or bookmarked as its URL; the answer shows under the questions."""
    form = guidance.GuidanceForm(request.GET or None)
    found = guidance.answer(form.cleaned_data) if form.is_bound and form.is_valid() else None
    return render(request, "provision/guidance.html", {"form": form, "answer": found})
