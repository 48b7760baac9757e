"""What waits for city staff in planning: stock-taking entries to review and the proposals of
consultations not yet turned into themes of the plan."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.models import User
from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry
from learningcity.templatetags.texts import translated
from planning.models import Proposal, StocktakeEntry


def _stocktake(user):
    if not can(user, "planning.review_stocktake"):
        return None
    return StocktakeEntry.objects.filter(status=StocktakeEntry.Status.PENDING)


def _proposals(user):
    if not can(user, "planning.run_consultation"):
        return None
    return Proposal.objects.filter(themes__isnull=True)


def _count(select):
    def count(user):
        queryset = select(user)
        return None if queryset is None else queryset.count()

    return count


def stocktake_items(user, limit):
    entries = _stocktake(user)
    if entries is None:
        return None
    queue = reverse("planning:stocktake-review")
    return InboxEntry(
        count=entries.count(),
        items=tuple(
            InboxItem(
                title=entry.title,
                url=f"{queue}#entry-{entry.pk}",
                detail=_("%(organisation)s · submitted on %(date)s")
                % {
                    "organisation": entry.organisation.name,
                    "date": formats.date_format(
                        timezone.localtime(entry.created_at), "SHORT_DATE_FORMAT"
                    ),
                },
            )
            for entry in entries.select_related("organisation").order_by("created_at", "pk")[:limit]
        ),
        url=queue,
    )


def proposal_items(user, limit):
    proposals = _proposals(user)
    if proposals is None:
        return None
    return InboxEntry(
        count=proposals.count(),
        items=tuple(
            InboxItem(
                title=proposal.title,
                url=f"{proposal.consultation.get_absolute_url()}#proposal-{proposal.pk}",
                # The consultation's title in a <span lang> when it is not in the reader's language.
                # Safe: both values are escaped, and the message is ours.
                detail=mark_safe(
                    _("%(consultation)s · proposed for %(sector)s")
                    % {
                        "consultation": translated(proposal.consultation, "title"),
                        "sector": conditional_escape(proposal.participant.sector),
                    }
                ),
            )
            for proposal in proposals.select_related(
                "consultation", "participant__sector"
            ).order_by("created_at", "pk")[:limit]
        ),
        url=reverse("planning:consultations"),
    )


def register():
    registry.register_inbox(
        "stocktake_to_review",
        title=gettext_lazy("Stock-taking entries to review"),
        items=stocktake_items,
        count=_count(_stocktake),
        watches=(StocktakeEntry, User.groups.through),
        order=30,
    )
    registry.register_inbox(
        "proposals_to_act_on",
        title=gettext_lazy("Consultation proposals not yet turned into themes"),
        items=proposal_items,
        count=_count(_proposals),
        watches=(Proposal, Proposal.themes.through, User.groups.through),
        order=40,
    )
