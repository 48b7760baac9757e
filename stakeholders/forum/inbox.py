"""What waits for the forum's moderators: flagged posts and posts held for review."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from learningcity.permissions import can
from learningcity.registry import InboxEntry, InboxItem, registry
from stakeholders.forum.models import Flag, Post
from stakeholders.forum.moderation_selectors import moderation_queue, waiting_posts


def _date(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def _count(user):
    return waiting_posts().count() if can(user, "forum.moderate") else None


def _detail(post):
    if post.status == Post.Status.PENDING:
        return _("Held for review · written on %(date)s") % {"date": _date(post.created_at)}
    return ngettext(
        "Flagged once · since %(date)s",
        "Flagged %(count)d times · since %(date)s",
        len(post.open_flags),
    ) % {"count": len(post.open_flags), "date": _date(post.waiting_since)}


def items(user, limit):
    count = _count(user)
    if count is None:
        return None
    queue = reverse("forum:moderation")
    posts = moderation_queue()[:limit] if count and limit else ()
    return InboxEntry(
        count=count,
        items=tuple(
            InboxItem(
                title=_("%(title)s, post %(number)d")
                % {"title": post.topic.title, "number": post.number},
                url=f"{queue}#post-{post.pk}",
                detail=_detail(post),
            )
            for post in posts
        ),
        url=queue,
    )


def register():
    registry.register_inbox(
        "forum_moderation",
        title=gettext_lazy("Forum posts to review"),
        items=items,
        count=_count,
        watches=(Flag, Post),
        order=30,
    )
