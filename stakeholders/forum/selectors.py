"""Reads of the forum that views, other apps' sections and the dashboard share. Each list is one
or two queries whatever its length: counters are stored on categories and topics, and authors,
organisations and last posts come with select_related."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from learningcity.kept import follow
from learningcity.permissions import can
from stakeholders.forum.models import Category, Post, Subscription, Topic
from stakeholders.models import Organisation

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
RECENT_TOPICS = 8
# A page number past any topic's end: the paginator answers it with the last page.
LAST_PAGE = 2**31
# What the forum's pages show the public (learningcity.kept): replaced by every change of a
# category, topic or post (a new post changes its topic's and category's counters too).
FORUM_DATA = "data:forum"


def follow_public_data():
    follow(FORUM_DATA, Category, Topic, Post, Organisation)


class KeysFirstPaginator(Paginator):
    """A paginator for long lists read deep: it reads the page's keys alone, through the list's
    index, then the page's rows with their joins. `OFFSET 49,980` over the joined rows makes the
    database build every skipped row with its author and last post; over the keys it skips index
    entries (bench/README.md, the forum)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = self.object_list.filter(pk__in=keys) if keys else self.object_list.none()
        return self._get_page(list(rows), number, self)


def _joined(topics):
    return topics.select_related("category", "author", "last_post__author")


def _topic_list(user):
    return _joined(Topic.objects.visible_to(user))


def _shown_topics(user):
    """What lists of topics show: the visible ones, and all of them to moderators. A person's
    own held topics are listed apart (`held_topics`), so that the lists read one index."""
    topics = Topic.objects.all()
    if not can(user, "forum.moderate"):
        topics = topics.filter(status=Topic.Status.VISIBLE)
    return _joined(topics)


def held_topics(user, **filters):
    """`user`'s own topics waiting for a moderator (none for moderators: they see them listed)."""
    if not getattr(user, "is_authenticated", False) or can(user, "forum.moderate"):
        return []
    return list(
        _joined(Topic.objects.filter(author=user, status=Topic.Status.PENDING, **filters)).order_by(
            "-created_at", "-pk"
        )
    )


def forum_index(user):
    """The categories with their counters, and the topics most recently active."""
    return {
        "categories": list(Category.objects.order_by("order", "pk")),
        "recent_topics": list(
            _shown_topics(user).order_by("-last_activity_at", "-pk")[:RECENT_TOPICS]
        ),
    }


def category_topics(category, user, page_number):
    """One page of a category's topics, pinned first, then by last activity. Others than
    moderators see the visible topics, which the category's stored counter counts: counting
    50,000 topics on every page costs more than the page itself."""
    topics = _shown_topics(user).filter(category=category).order_by(*Topic._meta.ordering)
    paginator = KeysFirstPaginator(topics, TOPICS_PER_PAGE)
    if not can(user, "forum.moderate"):
        paginator.count = category.topic_count
    return paginator.get_page(page_number)


def topic_posts(topic, user, page_number):
    posts = (
        Post.objects.readable_by(user)
        .filter(topic=topic)
        .select_related("author", "organisation")
        .order_by("number")
    )
    return KeysFirstPaginator(posts, POSTS_PER_PAGE).get_page(page_number)


def page_of_post(post, user):
    """The page of its topic where `post` is shown to `user`."""
    before = Post.objects.readable_by(user).filter(topic_id=post.topic_id, number__lt=post.number)
    return before.count() // POSTS_PER_PAGE + 1


def follows(user, *, topic=None, category=None):
    if not getattr(user, "is_authenticated", False):
        return False
    return Subscription.objects.filter(user=user, topic=topic, category=category).exists()


def topics_about(obj, user, limit=5):
    """The discussion about an object of the programme (an organisation, an action...): its
    latest topics, for the object's page."""
    topics = list(_topic_list(user).about(obj).order_by("-last_activity_at", "-pk")[: limit + 1])
    return {"topics": topics[:limit], "more": len(topics) > limit}


def topics_about_page(obj, user, page_number):
    topics = _topic_list(user).about(obj).order_by("-last_activity_at", "-pk")
    return Paginator(topics, TOPICS_PER_PAGE).get_page(page_number)


def discussion(obj, user, limit=5):
    """The context of an object's "Discussion" section: its latest topics, and what the form
    that starts a topic about it is told (`?about=<app>.<model>:<pk>`)."""
    meta = type(obj)._meta
    return {
        **topics_about(obj, user, limit),
        "about_value": f"{meta.app_label}.{meta.model_name}:{obj.pk}",
    }


def open_categories():
    return Category.objects.filter(is_closed=False).order_by("order", "pk")


def post_versions(post):
    """The texts a post had, newest first, from its history (only changes of the text)."""
    versions = []
    for record in post.history.order_by("-history_date", "-history_id").only(
        "body", "language", "history_date", "edited_at", "created_at"
    ):
        if not versions or versions[-1]["body"] != record.body:
            versions.append(
                {
                    "body": record.body,
                    "language": record.language,
                    "when": record.edited_at or record.created_at,
                }
            )
    return versions


def forum_activity(*, days=30, since=None, until=None):
    """For the dashboard and reports: what the public can read that was written between `since`
    and `until` (by default the last `days` days) — topics started, posts (topics' opening posts
    included) and the people who wrote them. Two queries."""
    until = until or timezone.now()
    since = since or until - timedelta(days=days)
    window = {"created_at__gte": since, "created_at__lte": until}
    topics = Topic.objects.filter(status=Topic.Status.VISIBLE, **window).count()
    posts = Post.objects.filter(
        status=Post.Status.VISIBLE, topic__status=Topic.Status.VISIBLE, **window
    ).aggregate(
        posts=Count("pk"), people=Count("author", distinct=True, filter=Q(author__isnull=False))
    )
    return {"days": round((until - since).total_seconds() / 86400), "topics": topics, **posts}
