"""The public change log of the adopted plan, as a page and as an Atom feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from planning.filters import ChangeFilter
from planning.selectors import adopted_plan, plan_changes

FEED_ITEMS = 50


def _filtered(request):
    return ChangeFilter(request.GET, queryset=plan_changes(request.user), plan=adopted_plan())


def changes(request):
    log = _filtered(request)
    page = Paginator(log.qs, 25).get_page(request.GET.get("page"))
    # The feed of what the page shows: its filters, without the page number.
    query = request.GET.copy()
    query.pop("page", None)
    feed_url = reverse("planning:changes-feed") + (f"?{query.urlencode()}" if query else "")
    return render(
        request, "planning/changes.html", {"filter": log, "page": page, "feed_url": feed_url}
    )


class ChangesFeed(Feed):
    """Atom: the latest changes, with the page's filters (the page links the feed it shows)."""

    feed_type = Atom1Feed

    def get_object(self, request):
        return request

    def title(self, request):
        return _("Changes to the city's action plan")

    def link(self, request):
        return reverse("planning:changes")

    def subtitle(self, request):
        return _(
            "What changed in the adopted plan: statuses, phases, milestones reached, progress "
            "updates and new versions."
        )

    def items(self, request):
        return _filtered(request).qs[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_to_string("planning/_change_summary.txt", {"change": item})

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"plan-change-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.happened_at

    def item_updateddate(self, item):
        return item.happened_at

    def item_author_name(self, item):
        return item.organisation.name if item.organisation else _("City staff")
