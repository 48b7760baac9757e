from celery import shared_task
from django.db import transaction
from django.utils import timezone

from learningcity.models import User
from learningcity.notifications import notify
from stakeholders.forum import notifications, text
from stakeholders.forum.models import Post
from stakeholders.forum.services import followers_of


@shared_task(acks_late=True, max_retries=5, default_retry_delay=60)
def notify_followers_task(post_id):
    """Tell the followers of a post's topic and category of it, once: the post row is locked
    and marked, so a retried or repeated task tells nobody twice."""
    with transaction.atomic():
        post = (
            Post.objects.select_for_update(of=("self",))
            .select_related("topic__category", "author")
            .filter(pk=post_id)
            .first()
        )
        if post is None or post.followers_notified_at or post.status != Post.Status.VISIBLE:
            return 0
        opening = post.number == 1
        context = {
            "post": post,
            "topic": post.topic,
            "category": post.topic.category,
            "author": post.author.public_name if post.author else "",
            "excerpt": text.excerpt(post.body, 400),
        }
        followers = User.objects.filter(pk__in=list(followers_of(post))).order_by("pk")
        for follower in followers:
            notify(
                recipient=follower,
                kind=notifications.NEW_TOPIC if opening else notifications.REPLY,
                template="forum/email/new_topic" if opening else "forum/email/reply",
                context=context,
                link=post.get_absolute_url(),
            )
        post.followers_notified_at = timezone.now()
        post.save(update_fields=["followers_notified_at"])
    return len(followers)
