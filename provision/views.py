from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learningcity.kept import page_shown, query_digest
from learningcity.permissions import can, deny, rule_required
from provision import guidance, layers, selectors, services
from provision.filters import OpportunityFilter, SpaceFilter
from provision.forms import RatingForm, ResponseForm
from provision.models import Rating
from provision.structured_data import course_data, json_ld, place_data

PER_PAGE = 20


def paginated(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def filtered_page(request, filter_class, queryset):
    found = filter_class(request.GET, queryset=queryset)
    return found, paginated(request, found.qs)


# How long a rendered search is kept: a bound on how stale it may be after a change made outside
# provision.services (an organisation renamed in the directory, a subject in the admin), as for
# the map's layers. A search by words is kept for less: one entry per word anyone types.
SEARCH_TIMEOUT = layers.MAX_AGE
WORDS_TIMEOUT = 2 * 60
SEARCH_PARAMETERS = {*OpportunityFilter.base_filters, "page"}
SPACE_PARAMETERS = {*SpaceFilter.base_filters, "page"}


def _kept_key(request, template, parameters):
    """The cache key of this page's filtered list as `template` shows it, or None when it is
    not to be kept: a parameter the list does not know (it would be carried into the pages'
    links)."""
    digest = query_digest(request, parameters)
    if not getattr(settings, "PROVISION_SEARCH_KEPT", True) or digest is None:
        return None
    version = layers.provision_data_version()
    if version is None:
        return None
    parts = [
        template,
        version,
        get_language(),
        # What the public finds changes with the date (an opportunity ends, "starting soon").
        timezone.localdate().isoformat(),
        digest,
    ]
    return "provision:search:" + ":".join(parts)


def _kept(request, template, parameters, render_parts, timeout=SEARCH_TIMEOUT):
    """What `render_parts()` renders for this version of the provision data, language, day and
    query, kept (bench/README.md, issue 22). `render_parts` returns the rendered parts and
    whether they may be kept."""
    key = _kept_key(request, template, parameters)
    kept = cache.get(key) if key else None
    if kept is None:
        kept, keep = render_parts()
        if key and keep:
            cache.set(key, kept, timeout=timeout)
    return kept


def _search_html(request, action):
    """The search form and a page of its results, rendered; with whether they may be kept."""
    found, page = filtered_page(request, OpportunityFilter, selectors.search_opportunities())
    selects = [found.form[name] for name in OpportunityFilter.SELECTS]
    form = render_to_string(
        "provision/_search_form.html",
        {"filter": found, "selects": selects, "action": action},
        request,
    )
    results = render_to_string("provision/_results.html", {"page": page}, request)
    return (str(form), str(results)), page_shown(request, found.is_valid(), page)


def _search(request, template, *, action=None, **context):
    """The search page: its form and results are kept (`_kept`); the rest of the page, which may
    depend on who reads it, is rendered every time."""
    timeout = WORDS_TIMEOUT if request.GET.get("q") else SEARCH_TIMEOUT
    form, results = _kept(
        request,
        template,
        SEARCH_PARAMETERS,
        lambda: _search_html(request, action),
        timeout,
    )
    # Safe: our templates' output, kept as strings.
    context.update({"search_form": mark_safe(form), "results": mark_safe(results)})
    return render(request, template, context)


def index(request):
    """The search of learning opportunities, with UNESCO's recommendations under it."""
    return _search(request, "provision/index.html")


def opportunity_map(request):
    """The same search on a map, which asks the GeoJSON API for what lies in its view; the
    list of results stays under it, for screen readers and without JavaScript."""
    query = request.GET.copy()
    query.pop("page", None)
    return _search(
        request, "provision/map.html", action=reverse("provision:map"), query=query.urlencode()
    )


def _opportunity(request, slug):
    opportunity = selectors.opportunity_page(request.user, slug)
    if opportunity is None:
        raise Http404
    return opportunity


def _detail(request, opportunity, rating_form=None):
    own = selectors.rating_of(request.user, opportunity)
    if rating_form is None and own is None and services.may_rate(opportunity):
        rating_form = RatingForm()
    provider = bool(opportunity.approved_ratings) and can(
        request.user, "provision.respond_rating", Rating(opportunity=opportunity)
    )
    context = {
        "opportunity": opportunity,
        "json_ld": json_ld(course_data(opportunity)),
        "own_rating": own,
        "rating_form": rating_form,
        "may_rate": services.may_rate(opportunity),
        "provider": provider,
        "can_manage": can(request.user, "provision.manage_for", opportunity.organization),
    }
    return render(request, "provision/detail.html", context)


def detail(request, slug):
    return _detail(request, _opportunity(request, slug))


@require_POST
def rate(request, slug):
    """A signed-in learner rates an opportunity they took part in; a moderator publishes it."""
    if not request.user.is_authenticated:
        return deny(request)
    opportunity = _opportunity(request, slug)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rating_submit(
                opportunity=opportunity,
                author=request.user,
                stars=form.cleaned_data["stars"],
                comment=form.cleaned_data["comment"],
                attended=form.cleaned_data["attended"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you. Your rating will show once a moderator has read it.")
            )
            return redirect(opportunity)
    messages.error(request, _("Please correct the errors below."))
    return _detail(request, opportunity, rating_form=form)


@rule_required("provision.moderate_ratings")
def ratings_queue(request):
    """Ratings waiting for a moderator, oldest first."""
    ratings = selectors.ratings_to_moderate().order_by("created_at", "pk")
    return render(request, "provision/ratings_queue.html", {"ratings": ratings})


@require_POST
@rule_required("provision.moderate_ratings")
def rating_moderate(request, pk):
    rating = get_object_or_404(Rating, pk=pk)
    approve = request.POST.get("decision") == "approve"
    services.rating_moderate(rating=rating, approve=approve, by=request.user)
    messages.success(
        request, _("The rating is published.") if approve else _("The rating stays unpublished.")
    )
    return redirect("provision:ratings")


@require_POST
def rating_respond(request, pk):
    rating = get_object_or_404(Rating.objects.select_related("opportunity__organization"), pk=pk)
    if not can(request.user, "provision.respond_rating", rating):
        return deny(request)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.rating_respond(
                rating=rating, response=form.cleaned_data["response"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer is published under the rating."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{rating.opportunity.get_absolute_url()}#rating-{rating.pk}")


def _spaces_html(request):
    found, page = filtered_page(request, SpaceFilter, selectors.spaces())
    html = render_to_string("provision/_spaces.html", {"filter": found, "page": page}, request)
    return str(html), page_shown(request, found.is_valid(), page)


def spaces(request):
    """The learning spaces: their filters and list kept as the search's are (`_kept`)."""
    section = _kept(
        request, "provision/spaces.html", SPACE_PARAMETERS, lambda: _spaces_html(request)
    )
    # Safe: our template's output, kept as a string.
    return render(request, "provision/spaces.html", {"section": mark_safe(section)})


def space(request, slug):
    learning_space = selectors.space_page(request.user, slug)
    if learning_space is None:
        raise Http404
    return render(
        request,
        "provision/space.html",
        {
            "space": learning_space,
            "json_ld": json_ld(place_data(learning_space)),
            "can_manage": can(request.user, "provision.manage_for", learning_space.organization),
        },
    )


def guidance_path(request):
    """The "I want to learn" path: four questions in one GET form, so an answer can be shared
    or bookmarked as its URL; the answer shows under the questions."""
    form = guidance.GuidanceForm(request.GET or None)
    found = guidance.answer(form.cleaned_data) if form.is_bound and form.is_valid() else None
    return render(request, "provision/guidance.html", {"form": form, "answer": found})
