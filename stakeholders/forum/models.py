"""The learning-city forum (the seed's «foro donde la gente contribuye y comparte experiencias»):
staff-managed categories, topics, posts, flags and follows.

Posts are written in one language each, the author's, and shown with that `lang`; category names
and descriptions are the city's and kept in every language (stakeholders/translation.py).
Counters on categories and topics (topics, posts, last activity) are kept by the services in
stakeholders/forum/services.py, so a list of 50,000 topics is read without counting anything.
`search_vector` columns are filled by the services on PostgreSQL (stakeholders/forum/search.py);
elsewhere they stay empty and search falls back to plain matching.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from learningcity.models import SHORT_TEXT
from learningcity.permissions import can

TITLE_LENGTH = 150
LANGUAGE_LENGTH = 8
# The names of a topic's own pages under /forum/t/<pk>/ (stakeholders/forum/urls.py).
RESERVED_SLUGS = {"reply", "follow", "moderate"}


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=SHORT_TEXT, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_closed = models.BooleanField(
        _("closed to new topics"),
        default=False,
        help_text=_("Its topics stay readable; nobody starts a new one in it."),
    )
    topic_count = models.PositiveIntegerField(_("topics"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_activity_at = models.DateTimeField(
        _("last activity"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", args=[self.slug])


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Topics whose opening post anyone may read; moderators see held and hidden ones too,
        authors their own held ones."""
        if can(user, "forum.moderate"):
            return self
        visible = Q(status=Topic.Status.VISIBLE)
        if getattr(user, "is_authenticated", False):
            visible |= Q(status=Topic.Status.PENDING, author=user)
        return self.filter(visible)

    def about(self, obj):
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk)


class Topic(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("visible")
        PENDING = "pending", _("waiting for review")
        HIDDEN = "hidden", _("hidden")

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="topics", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_topics",
        verbose_name=_("started by"),
    )
    language = models.CharField(_("language"), max_length=LANGUAGE_LENGTH)
    # Follows the opening post: a topic whose first post is held or hidden is held or hidden.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    # What the topic is about in the programme (a theme, objective or action of the plan, an
    # organisation...): generic, so that stakeholders never imports the apps to its right.
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (kind)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    last_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("last post"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum topic")
        verbose_name_plural = _("forum topics")
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            # A category's page and the index's "recently active", for the visible topics
            # everyone reads (stakeholders/forum/selectors.py).
            models.Index(
                fields=["category", "status", "-is_pinned", "-last_activity_at", "-id"],
                name="forum_topic_list",
            ),
            models.Index(fields=["status", "-last_activity_at", "-id"], name="forum_topic_recent"),
            models.Index(fields=["about_type", "about_id"], name="forum_topic_about"),
            models.Index(fields=["author", "created_at"], name="forum_topic_author"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:topic", args=[self.pk, self.slug])

    @property
    def slug(self):
        """The title in the address, for people and search engines; never the name of one of
        the topic's own pages (`/forum/t/<pk>/reply/`), which would take its place."""
        slug = slugify(self.title)[:60] or "topic"
        return f"{slug}-topic" if slug in RESERVED_SLUGS else slug


class PostQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Posts shown in full: visible ones for everyone; held ones to their author and to
        moderators. Hidden posts are listed too, as a line saying they are hidden."""
        if can(user, "forum.moderate"):
            return self
        shown = ~Q(status=Post.Status.PENDING)
        if getattr(user, "is_authenticated", False):
            shown |= Q(author=user)
        return self.filter(shown)


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("visible")
        PENDING = "pending", _("waiting for review")
        HIDDEN_BY_AUTHOR = "hidden_by_author", _("hidden by its author")
        HIDDEN_BY_MODERATOR = "hidden_by_moderator", _("hidden by a moderator")

    # No index of its own: the unique (topic, number) one serves every read by topic, in order,
    # and PostgreSQL preferred a plain topic index that made it read a long topic whole.
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("topic"),
        db_index=False,
    )
    # Its place in the topic, from 1 (the opening post): pages and links count by it.
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name=_("on behalf of"),
    )
    language = models.CharField(_("language"), max_length=LANGUAGE_LENGTH)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    # Rendered from `body` and sanitised by the service that saves it (stakeholders/forum/text.py).
    body_html = models.TextField(_("text as shown"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # When its followers were told of it (stakeholders/forum/tasks.py): they are told once.
    followers_notified_at = models.DateTimeField(editable=False, null=True)
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["search_vector", "body_html", "followers_notified_at"]
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        ordering = ["topic_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="forum_post_number_unique")
        ]
        indexes = [models.Index(fields=["author", "created_at"], name="forum_post_author")]

    def __str__(self):
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self):
        return reverse("forum:post", args=[self.pk])

    @property
    def is_hidden(self):
        return self.status in {self.Status.HIDDEN_BY_AUTHOR, self.Status.HIDDEN_BY_MODERATOR}


class Flag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSIVE = "abusive", _("Abusive or offensive")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("post hidden")
        KEPT = "kept", _("post kept")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_flags",
        verbose_name=_("flagged by"),
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=Q(resolved_at__isnull=True),
                name="forum_flag_open_unique",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="forum_flag_queue")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"


class Subscription(models.Model):
    """A person follows a topic or a whole category and is notified of what is posted there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
        verbose_name=_("person"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("topic"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("category"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, category__isnull=True)
                | Q(topic__isnull=True, category__isnull=False),
                name="forum_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], name="forum_subscription_topic_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "category"], name="forum_subscription_category_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.topic or self.category}"
