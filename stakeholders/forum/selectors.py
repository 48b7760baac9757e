"""Reads of the forum that views, other apps' sections and the dashboard share. Each list is one
or two queries whatever its length: counters are stored on categories and topics, and authors,
organisations and last posts come with select_related."""

from django.core.paginator import Paginator

from learningcity.permissions import can
from stakeholders.forum.models import Category, Post, Subscription, Topic

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
RECENT_TOPICS = 8
# A page number past any topic's end: the paginator answers it with the last page.
LAST_PAGE = 2**31


def _topic_list(user):
    return Topic.objects.visible_to(user).select_related("category", "author", "last_post__author")


def forum_index(user):
    """The categories with their counters, and the topics most recently active."""
    return {
        "categories": list(Category.objects.order_by("order", "pk")),
        "recent_topics": list(
            _topic_list(user).order_by("-last_activity_at", "-pk")[:RECENT_TOPICS]
        ),
    }


def category_topics(category, user, page_number):
    """One page of a category's topics, pinned first, then by last activity. The paginator
    counts from the category's stored counter where it can: counting 50,000 topics on every
    page costs more than the page itself."""
    topics = _topic_list(user).filter(category=category).order_by(*Topic._meta.ordering)
    paginator = Paginator(topics, TOPICS_PER_PAGE)
    if not can(user, "forum.moderate"):
        # Everyone sees the visible topics the counter counts, and their own held ones.
        own_held = (
            Topic.objects.filter(category=category, author=user, status=Topic.Status.PENDING)
            if getattr(user, "is_authenticated", False)
            else Topic.objects.none()
        )
        paginator.count = category.topic_count + own_held.count()
    return paginator.get_page(page_number)


def topic_posts(topic, user, page_number):
    posts = (
        Post.objects.readable_by(user)
        .filter(topic=topic)
        .select_related("author", "organisation")
        .order_by("number")
    )
    return Paginator(posts, POSTS_PER_PAGE).get_page(page_number)


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
