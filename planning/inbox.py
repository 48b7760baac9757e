"""What waits in planning: for city staff, stock-taking entries and progress updates to review,
comments on a draft to answer, and the proposals of consultations not yet turned into themes of
the plan; for contact persons, the progress updates staff returned to their organisation."""

from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learningcity.models import User
from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry
from learningcity.templatetags.texts import translated
from planning.models import (
    ActionContact,
    DraftComment,
    ProgressUpdate,
    Proposal,
    StocktakeEntry,
    comments_url,
)
from planning.selectors import updates_pending


def _stocktake(user):
    if not can(user, "planning.review_stocktake"):
        return None
    return StocktakeEntry.objects.filter(status=StocktakeEntry.Status.PENDING)


def _proposals(user):
    if not can(user, "planning.run_consultation"):
        return None
    return Proposal.objects.filter(themes__isnull=True)


def _updates_to_review(user):
    if not can(user, "planning.review_updates"):
        return None
    return updates_pending()


def _updates_returned(user):
    """Returned updates of the organisations `user` is a contact person for, on their actions."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ProgressUpdate.objects.filter(
        status=ProgressUpdate.Status.RETURNED,
        action__contacts__person=user,
        organisation=models.F("action__contacts__organisation"),
    )


def _comments_to_answer(user):
    if not can(user, "planning.answer_comments"):
        return None
    return DraftComment.objects.filter(answer="")


def comment_items(user, limit):
    comments = _comments_to_answer(user)
    if comments is None:
        return None
    waiting = list(comments.select_related("plan", "charter").order_by("created_at", "pk")[:limit])
    return InboxEntry(
        count=comments.count(),
        items=tuple(
            InboxItem(
                title=Truncator(comment.text).chars(80),
                url=comment.get_absolute_url(),
                detail=_("%(plan)s · written on %(date)s")
                % {
                    "plan": comment.subject.version_label,
                    "date": formats.date_format(
                        timezone.localtime(comment.created_at), "SHORT_DATE_FORMAT"
                    ),
                },
            )
            for comment in waiting
        ),
        url=comments_url(waiting[0]) if waiting else reverse("planning:versions"),
    )


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


def _update_items(select, url):
    def items(user, limit):
        updates = select(user)
        if updates is None:
            return None
        return InboxEntry(
            count=updates.count(),
            items=tuple(
                InboxItem(
                    title=translated(update.action, "title"),
                    url=url(update),
                    detail=_("%(organisation)s · update of %(date)s")
                    % {
                        "organisation": update.organisation.name
                        if update.organisation
                        else _("City staff"),
                        "date": formats.date_format(update.reported_on, "SHORT_DATE_FORMAT"),
                    },
                )
                for update in updates.select_related("action", "organisation").order_by(
                    "created_at", "pk"
                )[:limit]
            ),
            url=url(None),
        )

    return items


def _review_url(update):
    queue = reverse("planning:updates-review")
    return f"{queue}#update-{update.pk}" if update else queue


def _returned_url(update):
    return update.get_absolute_url() if update else reverse("inbox")


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
    registry.register_inbox(
        "progress_updates_to_review",
        title=gettext_lazy("Progress updates to review"),
        items=_update_items(_updates_to_review, _review_url),
        count=_count(_updates_to_review),
        watches=(ProgressUpdate, User.groups.through),
        order=35,
    )
    registry.register_inbox(
        "progress_updates_returned",
        title=gettext_lazy("Progress updates returned to your organisation"),
        items=_update_items(_updates_returned, _returned_url),
        count=_count(_updates_returned),
        watches=(ProgressUpdate, ActionContact),
        order=36,
    )
    registry.register_inbox(
        "draft_comments_to_answer",
        title=gettext_lazy("Comments on a draft of the plan to answer"),
        items=comment_items,
        count=_count(_comments_to_answer),
        watches=(DraftComment, User.groups.through),
        order=37,
    )
