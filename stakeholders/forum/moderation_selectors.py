"""What the forum's moderators read: the posts waiting for them and the log of what they did.
Shared by the moderation pages and the inbox, so both count the same posts."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, F, Min, OuterRef, Prefetch, Q, When

from learningcity.models import AuditEntry
from stakeholders.forum.models import Flag, Post, Topic

# The audit codes of what moderators do (stakeholders/forum/services.py records them).
MODERATION_ACTIONS = (
    "forum.post_hide",
    "forum.post_unhide",
    "forum.post_approve",
    "forum.flags_dismiss",
    "forum.topic_lock",
    "forum.topic_unlock",
    "forum.topic_pin",
    "forum.topic_unpin",
    "forum.topic_move",
)

_OPEN = Q(flags__resolved_at__isnull=True)


def open_flags():
    return Flag.objects.filter(resolved_at__isnull=True)


def _waiting():
    return Q(status=Post.Status.PENDING) | Exists(open_flags().filter(post=OuterRef("pk")))


def waiting_posts():
    """Posts with a flag nobody has handled, and posts held for review."""
    return Post.objects.filter(_waiting())


def posts_for_moderation():
    """Posts with what a moderator reads beside them: topic, category, author, organisation,
    and `open_flags` (with who flagged)."""
    return Post.objects.select_related(
        "topic__category", "author", "organisation"
    ).prefetch_related(
        Prefetch("flags", queryset=open_flags().select_related("flagged_by"), to_attr="open_flags")
    )


def moderation_queue():
    """The waiting posts, the longest-waiting first: a held post waits from when it was
    written, a flagged one from its first open flag."""
    return (
        posts_for_moderation()
        .filter(_waiting())
        .annotate(
            waiting_since=Case(
                When(status=Post.Status.PENDING, then=F("created_at")),
                default=Min("flags__created_at", filter=_OPEN),
            ),
        )
        .order_by("waiting_since", "pk")
    )


def flag_summary(flags):
    """[(reason label, how many)] for a post's open flags, the most given reason first."""
    counts = {}
    for flag in flags:
        label = flag.get_reason_display()
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def moderation_log():
    """Every moderation action, newest first."""
    return AuditEntry.objects.filter(action__in=MODERATION_ACTIONS).select_related("actor")


def target_model(entry):
    """Post, Topic or None: what an entry is about, from the content types Django caches, so
    linking a page of entries costs no query."""
    for model in (Post, Topic):
        if entry.target_type_id == ContentType.objects.get_for_model(model).pk:
            return model
    return None
