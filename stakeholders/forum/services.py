"""Every change in the forum goes through here: atomic, validated before it saves, recorded in
the audit trail with who did it (and, for moderation, why).

Counters (a topic's replies and last post, a category's topics, posts and last activity) are
recounted from the rows after each change rather than incremented, so a hidden, held or moved
post can never leave them wrong; the recount reads one topic's posts or one category's topics
through their indexes.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from learningcity import audit
from learningcity.inbox import forget_counts
from learningcity.permissions import MODERATOR, can, has_role, organisation_roles
from learningcity.registry import registry
from stakeholders.forum import search, text
from stakeholders.forum.models import TITLE_LENGTH, Flag, Post, Subscription, Topic

audit.register(
    {
        "forum.category_add": gettext_noop("Opened a forum category"),
        "forum.category_change": gettext_noop("Changed a forum category"),
        "forum.topic_start": gettext_noop("Started a forum topic"),
        "forum.post_reply": gettext_noop("Replied in the forum"),
        "forum.post_edit": gettext_noop("Edited a forum post"),
        "forum.post_hide_by_author": gettext_noop("Hid their own forum post"),
        "forum.post_hide": gettext_noop("Hid a forum post"),
        "forum.post_unhide": gettext_noop("Showed a hidden forum post again"),
        "forum.post_approve": gettext_noop("Approved a forum post held for review"),
        "forum.post_flag": gettext_noop("Flagged a forum post"),
        "forum.flags_dismiss": gettext_noop("Kept a flagged forum post"),
        "forum.topic_lock": gettext_noop("Locked a forum topic"),
        "forum.topic_unlock": gettext_noop("Unlocked a forum topic"),
        "forum.topic_pin": gettext_noop("Pinned a forum topic"),
        "forum.topic_unpin": gettext_noop("Unpinned a forum topic"),
        "forum.topic_move": gettext_noop("Moved a forum topic to another category"),
    }
)

SHOWN = Post.Status.VISIBLE


@transaction.atomic
def category_save(*, category, by):
    """Staff open or change a category (in the administration)."""
    creating = category.pk is None
    category.full_clean()
    category.save()
    audit.record(
        actor=by,
        action="forum.category_add" if creating else "forum.category_change",
        target=category,
    )
    return category


def discussable(user):
    """{model: the rows of it `user` may start a topic about}. Each app names its own through the
    registry hook `forum_discussable` (a function of the user returning that dict), so the forum
    never imports them; a row the person may not see (a draft plan's action) is not offered."""
    return {
        model: rows
        for choices in registry.call_hooks("forum_discussable", user=user)
        for model, rows in choices.items()
    }


def _check_about(about, by):
    rows = discussable(by).get(type(about))
    if rows is None or not rows.filter(pk=about.pk).exists():
        raise ValidationError(_("Topics cannot be about this kind of object."))


def _is_new_account(user):
    joined = getattr(user, "date_joined", None)
    return joined is not None and timezone.now() - joined < timedelta(
        days=settings.FORUM_NEW_ACCOUNT_DAYS
    )


def _check_rate(user, *, starting_topic):
    """Accounts younger than FORUM_NEW_ACCOUNT_DAYS post a limited number of times an hour."""
    if has_role(user, MODERATOR) or not _is_new_account(user):
        return
    since = timezone.now() - timedelta(hours=1)
    if starting_topic:
        allowed = settings.FORUM_NEW_ACCOUNT_TOPICS_PER_HOUR
        if Topic.objects.filter(author=user, created_at__gte=since).count() >= allowed:
            raise ValidationError(
                _(
                    "New accounts may start %(count)d topics an hour. Please wait a while "
                    "before starting another; your text is kept below."
                )
                % {"count": allowed},
                code="rate_limited",
            )
    allowed = settings.FORUM_NEW_ACCOUNT_POSTS_PER_HOUR
    if Post.objects.filter(author=user, created_at__gte=since).count() >= allowed:
        raise ValidationError(
            _(
                "New accounts may post %(count)d times an hour. Please wait a while before "
                "posting again; your text is kept below."
            )
            % {"count": allowed},
            code="rate_limited",
        )


def _is_held(user):
    """A new account's first FORUM_HOLD_FIRST_POSTS posts wait for a moderator."""
    held = settings.FORUM_HOLD_FIRST_POSTS
    if not held or has_role(user, MODERATOR) or not _is_new_account(user):
        return False
    return Post.objects.filter(author=user).count() < held


def _language(language, user):
    language = language or user.preferred_language
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    return language


def _organisation(organisation, user):
    if organisation is not None and organisation.pk not in organisation_roles(user):
        raise ValidationError(
            {"organisation": _("You can only post on behalf of an organisation you belong to.")}
        )
    return organisation


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something before posting.")}, code="required")
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _(
                    "A post may be at most %(limit)d characters long; this one has %(length)d."
                )
                % {"limit": limit, "length": len(body)}
            },
            code="max_length",
        )
    return body


def _clean_title(title):
    title = " ".join((title or "").split())
    if len(title) < 5:
        raise ValidationError(
            {"title": _("Give the topic a title of at least 5 characters.")}, code="min_length"
        )
    if len(title) > TITLE_LENGTH:
        raise ValidationError(
            {
                "title": _("A title may be at most %(limit)d characters long.")
                % {"limit": TITLE_LENGTH}
            },
            code="max_length",
        )
    return title


def _save_post(post, by):
    post.body_html = text.render(post.body)
    post._history_user = by
    post.full_clean()
    post.save()
    search.index_post(post)


def recount_topic(topic):
    """A topic's replies, last post and last activity, from its shown posts."""
    shown = topic.posts.filter(status=SHOWN)
    last = shown.order_by("-number").first()
    topic.reply_count = shown.filter(number__gt=1).count()
    topic.last_post = last
    topic.last_activity_at = last.created_at if last else topic.created_at
    topic.save(update_fields=["reply_count", "last_post", "last_activity_at"])


def recount_category(category):
    """A category's topics, posts and last activity, from its visible topics."""
    totals = Topic.objects.filter(category=category, status=Topic.Status.VISIBLE).aggregate(
        topics=Count("pk"), replies=Sum("reply_count"), last=Max("last_activity_at")
    )
    category.topic_count = totals["topics"]
    category.post_count = totals["topics"] + (totals["replies"] or 0)
    category.last_activity_at = totals["last"]
    category.save(update_fields=["topic_count", "post_count", "last_activity_at"])


def _recount(topic):
    recount_topic(topic)
    recount_category(topic.category)


def _follow(user, **target):
    Subscription.objects.get_or_create(user=user, **target)


def _after_shown(post):
    """Followers hear of a post once it is shown to everyone, after the transaction commits."""
    from stakeholders.forum.tasks import notify_followers_task

    transaction.on_commit(lambda: notify_followers_task.delay(post.pk))


@transaction.atomic
def topic_start(*, category, title, body, by, language=None, organisation=None, about=None):
    """Open a topic with its first post; the author follows it. Returns the topic."""
    if not can(by, "forum.start_topic", category):
        raise PermissionDenied
    errors, cleaned = {}, []
    for clean, value in ((_clean_title, title), (_clean_body, body)):
        try:
            cleaned.append(clean(value))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    title, body = cleaned
    if about is not None:
        _check_about(about, by)
    _check_rate(by, starting_topic=True)
    held = _is_held(by)
    now = timezone.now()
    topic = Topic(
        category=category,
        title=title,
        author=by,
        language=_language(language, by),
        status=Topic.Status.PENDING if held else Topic.Status.VISIBLE,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        created_at=now,
        last_activity_at=now,
    )
    topic.full_clean()
    topic.save()
    post = Post(
        topic=topic,
        number=1,
        author=by,
        organisation=_organisation(organisation, by),
        language=topic.language,
        body=body,
        status=Post.Status.PENDING if held else SHOWN,
        created_at=now,
    )
    _save_post(post, by)
    search.index_topic(topic)
    _recount(topic)
    _follow(by, topic=topic)
    audit.record(actor=by, action="forum.topic_start", target=topic)
    if not held:
        _after_shown(post)
    return topic


@transaction.atomic
def post_reply(*, topic, body, by, language=None, organisation=None):
    """Add a post at the end of `topic`; the author follows the topic. Returns the post."""
    # The row lock numbers two replies sent at once one after the other.
    topic = Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)
    if topic.is_locked and not has_role(by, MODERATOR):
        raise ValidationError(_("This topic is locked: nobody can reply to it any more."))
    if not can(by, "forum.reply", topic):
        raise PermissionDenied
    body = _clean_body(body)
    _check_rate(by, starting_topic=False)
    held = _is_held(by)
    number = (topic.posts.aggregate(last=Max("number"))["last"] or 0) + 1
    post = Post(
        topic=topic,
        number=number,
        author=by,
        organisation=_organisation(organisation, by),
        language=_language(language, by),
        body=body,
        status=Post.Status.PENDING if held else SHOWN,
    )
    _save_post(post, by)
    _recount(topic)
    _follow(by, topic=topic)
    audit.record(actor=by, action="forum.post_reply", target=post)
    if not held:
        _after_shown(post)
    return post


@transaction.atomic
def post_edit(*, post, body, by, language=None, title=None):
    """The author changes their post within the edit window; the old text stays in its
    history and the post shows as edited. `title` renames the topic (opening post only)."""
    post = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
    if not can(by, "forum.edit_post", post):
        raise PermissionDenied
    post.body = _clean_body(body)
    post.language = _language(language or post.language, by)
    post.edited_at = timezone.now()
    _save_post(post, by)
    if title is not None and post.number == 1:
        post.topic.title = _clean_title(title)
        post.topic.save(update_fields=["title"])
        search.index_topic(post.topic)
    audit.record(actor=by, action="forum.post_edit", target=post)
    return post


def _set_status(post, status, by, reason=""):
    post.status = status
    post.hidden_reason = reason
    post._history_user = by
    post.save(update_fields=["status", "hidden_reason"])
    if post.number == 1:
        topic = post.topic
        topic.status = {
            SHOWN: Topic.Status.VISIBLE,
            Post.Status.PENDING: Topic.Status.PENDING,
        }.get(status, Topic.Status.HIDDEN)
        topic.save(update_fields=["status"])
    _recount(post.topic)


def _locked_post(post):
    return Post.objects.select_for_update().select_related("topic__category").get(pk=post.pk)


def _resolve_flags(post, by, outcome):
    count = post.flags.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, outcome=outcome
    )
    if count:
        # update() sends no signal: the moderators' cached inbox counts are forgotten by hand.
        transaction.on_commit(forget_counts)
    return count


@transaction.atomic
def post_hide_by_author(*, post, by):
    """The author withdraws their post: it stays in place as "hidden by its author"."""
    post = _locked_post(post)
    if not can(by, "forum.hide_own_post", post):
        raise PermissionDenied
    _set_status(post, Post.Status.HIDDEN_BY_AUTHOR, by)
    audit.record(actor=by, action="forum.post_hide_by_author", target=post)
    return post


def _require_moderator(by):
    if not can(by, "forum.moderate"):
        raise PermissionDenied


def _clean_reason(reason):
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why: the author and other moderators read it.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    return reason


@transaction.atomic
def post_hide(*, post, by, reason):
    """A moderator hides a post; its open flags are handled with it."""
    _require_moderator(by)
    reason = _clean_reason(reason)
    post = _locked_post(post)
    if post.status == Post.Status.HIDDEN_BY_MODERATOR:
        return post
    _set_status(post, Post.Status.HIDDEN_BY_MODERATOR, by, reason)
    _resolve_flags(post, by, Flag.Outcome.HIDDEN)
    audit.record(actor=by, action="forum.post_hide", target=post, changes={"reason": reason})
    return post


@transaction.atomic
def post_unhide(*, post, by, reason):
    _require_moderator(by)
    reason = _clean_reason(reason)
    post = _locked_post(post)
    if post.status != Post.Status.HIDDEN_BY_MODERATOR:
        return post
    _set_status(post, SHOWN, by)
    audit.record(actor=by, action="forum.post_unhide", target=post, changes={"reason": reason})
    return post


@transaction.atomic
def post_approve(*, post, by):
    """A moderator lets a held post through: everyone sees it and followers hear of it."""
    _require_moderator(by)
    post = _locked_post(post)
    if post.status != Post.Status.PENDING:
        return post
    _set_status(post, SHOWN, by)
    audit.record(actor=by, action="forum.post_approve", target=post)
    _after_shown(post)
    return post


@transaction.atomic
def post_flag(*, post, by, reason, note=""):
    """Someone tells the moderators a post breaks the rules. Flagging twice changes nothing."""
    if not can(by, "forum.flag", post):
        raise PermissionDenied
    existing = post.flags.filter(flagged_by=by, resolved_at__isnull=True).first()
    if existing:
        return existing
    flag = Flag(post=post, flagged_by=by, reason=reason, note=" ".join((note or "").split()))
    flag.full_clean()
    flag.save()
    audit.record(actor=by, action="forum.post_flag", target=post, changes={"reason": reason})
    return flag


@transaction.atomic
def flags_dismiss(*, post, by, reason=""):
    """A moderator keeps a flagged post: its open flags are closed."""
    _require_moderator(by)
    count = _resolve_flags(post, by, Flag.Outcome.KEPT)
    if count:
        audit.record(
            actor=by,
            action="forum.flags_dismiss",
            target=post,
            changes={"reason": " ".join((reason or "").split()), "flags": count},
        )
    return count


TOPIC_SWITCHES = {
    "lock": ("is_locked", True, "forum.topic_lock"),
    "unlock": ("is_locked", False, "forum.topic_unlock"),
    "pin": ("is_pinned", True, "forum.topic_pin"),
    "unpin": ("is_pinned", False, "forum.topic_unpin"),
}


@transaction.atomic
def topic_moderate(*, topic, by, action, reason=""):
    """Lock, unlock, pin or unpin a topic (`action`), with the moderator's reason."""
    _require_moderator(by)
    field, value, code = TOPIC_SWITCHES[action]
    reason = " ".join((reason or "").split())[:500]
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if getattr(topic, field) != value:
        setattr(topic, field, value)
        topic.save(update_fields=[field])
        audit.record(actor=by, action=code, target=topic, changes={"reason": reason})
    return topic


@transaction.atomic
def topic_move(*, topic, category, by, reason=""):
    _require_moderator(by)
    topic = Topic.objects.select_for_update().select_related("category").get(pk=topic.pk)
    before = topic.category
    if before.pk == category.pk:
        return topic
    topic.category = category
    topic.save(update_fields=["category"])
    recount_category(before)
    recount_category(category)
    audit.record(
        actor=by,
        action="forum.topic_move",
        target=topic,
        changes={"category": (before.name, category.name), "reason": reason},
    )
    return topic


@transaction.atomic
def follow(*, user, topic=None, category=None):
    if not can(user, "forum.follow"):
        raise PermissionDenied
    _follow(user, topic=topic, category=category)


@transaction.atomic
def unfollow(*, user, topic=None, category=None):
    Subscription.objects.filter(user=user, topic=topic, category=category).delete()


def followers_of(post):
    """The people to tell of `post`: those following its topic or its category, but not its
    author, nor anyone who cannot read it."""
    topic = post.topic
    # An opening post is news to the category's followers only: whoever follows the topic by
    # the time it is sent (its author, early repliers) has read it there.
    following = Q(category_id=topic.category_id)
    if post.number > 1:
        following |= Q(topic=topic)
    return (
        Subscription.objects.filter(following)
        .exclude(user_id=post.author_id)
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
