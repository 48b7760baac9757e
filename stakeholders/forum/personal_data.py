"""What the forum holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data calls these through the registry).

On deletion the person's posts lose their text (they show as hidden by their author, so the
numbering and the replies of others keep their places), their earlier versions go, and their name
or address written in other people's posts is replaced. The titles of topics they opened stay:
they head other people's conversations; the author becomes "a former member" as the account goes.
"""

from django.db.models import Q

from learningcity.personal_data import scrub
from stakeholders.forum import search
from stakeholders.forum.models import Flag, Post, Subscription, Topic
from stakeholders.forum.services import recount_category, recount_topic
from stakeholders.forum.text import render


def _date(value):
    return value.isoformat() if value else None


def export(*, user):
    posts = Post.objects.filter(author=user).select_related("topic", "organisation")
    return {
        "forum_posts": [
            {
                "topic": post.topic.title,
                "number": post.number,
                "language": post.language,
                "on_behalf_of": post.organisation.name if post.organisation else None,
                "status": post.status,
                "written": _date(post.created_at),
                "edited": _date(post.edited_at),
                "text": post.body,
            }
            for post in posts.order_by("created_at", "pk")
        ],
        "forum_topics_started": [
            {"title": topic.title, "started": _date(topic.created_at)}
            for topic in Topic.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "forum_follows": [
            {
                "topic": follow.topic.title if follow.topic else None,
                "category": follow.category.name if follow.category else None,
                "since": _date(follow.created_at),
            }
            for follow in Subscription.objects.filter(user=user).select_related("topic", "category")
        ],
        "forum_flags": [
            {
                "post": str(flag.post),
                "reason": flag.reason,
                "note": flag.note,
                "flagged": _date(flag.created_at),
            }
            for flag in Flag.objects.filter(flagged_by=user).select_related("post__topic")
        ],
    }


def delete(*, user, emails, names):
    mine = Post.objects.filter(author=user)
    topics = list(Topic.objects.filter(posts__author=user).distinct().select_related("category"))
    Post.history.filter(id__in=mine.values("id")).delete()
    mine.update(
        body="",
        body_html="",
        search_vector=None,
        status=Post.Status.HIDDEN_BY_AUTHOR,
        hidden_reason="",
    )
    values = [value for value in emails + names if value and value.strip()]
    if values:
        mentions = Q()
        for value in values:
            mentions |= Q(body__icontains=value)
        others = Post.objects.exclude(author=user).filter(mentions)
        ids = list(others.values_list("pk", flat=True))
        scrub(Post.objects.filter(pk__in=ids), ["body"], values)
        scrub(Post.history.filter(mentions), ["body"], values)
        for post in Post.objects.filter(pk__in=ids):
            post.body_html = render(post.body)
            post.save(update_fields=["body_html"])
            search.index_post(post)
    for topic in topics:
        recount_topic(topic)
    for category in {topic.category for topic in topics}:
        recount_category(category)
