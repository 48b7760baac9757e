"""Who may do what in the forum (DESIGN.md §4): anyone reads, registered people write,
moderators hide, lock, pin and move, staff manage the categories."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from learningcity.permissions import MODERATOR, STAFF, has_role, role_rule, rule

role_rule("forum.moderate", MODERATOR)
role_rule("forum.manage_categories", STAFF)


def _signed_in(user):
    return getattr(user, "is_authenticated", False) and user.is_active


@rule("forum.start_topic")
def start_topic(user, category=None):
    if not _signed_in(user):
        return False
    return category is None or not category.is_closed or has_role(user, MODERATOR)


@rule("forum.reply")
def reply(user, topic):
    return _signed_in(user) and (not topic.is_locked or has_role(user, MODERATOR))


def edit_window():
    return timedelta(minutes=settings.FORUM_EDIT_MINUTES)


@rule("forum.edit_post")
def edit_post(user, post):
    """Authors edit their own post while the edit window is open, unless a moderator hid it or
    the topic is locked."""
    return (
        _signed_in(user)
        and post.author_id == user.pk
        and post.status in {post.Status.VISIBLE, post.Status.PENDING}
        and not post.topic.is_locked
        and timezone.now() <= post.created_at + edit_window()
    )


@rule("forum.hide_own_post")
def hide_own_post(user, post):
    return (
        _signed_in(user)
        and post.author_id == user.pk
        and post.status in {post.Status.VISIBLE, post.Status.PENDING}
    )


@rule("forum.flag")
def flag(user, post):
    return _signed_in(user) and post.author_id != user.pk and not post.is_hidden


@rule("forum.follow")
def follow(user, obj=None):
    return _signed_in(user)
