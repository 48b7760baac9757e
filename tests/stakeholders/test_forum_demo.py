"""The demo city's forum (stakeholders/forum/demo.py), loaded by seed_demo after the rest of
stakeholders' demo; tests/stakeholders/test_seed_demo.py checks that loading it twice adds
nothing."""

import pytest
from django.db.models import Count, Q

from stakeholders import demo as stakeholders_demo
from stakeholders.forum import demo as forum_demo
from stakeholders.forum import services
from stakeholders.forum.models import Category, Flag, Post, Subscription, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    stakeholders_demo.seed()
    forum_demo.seed()


def test_the_demo_forum_has_a_category_per_action_area_in_both_languages(demo):
    categories = Category.objects.order_by("order")
    assert [category.name_en for category in categories] == [
        "Planning",
        "Participation",
        "Celebration",
        "Accessibility",
        "Monitoring and evaluation",
        "Sustainable funding",
        "Share your experience",
    ]
    assert categories.last().name_es == "Comparta su experiencia"
    assert not categories.filter(
        Q(name_es="") | Q(name_en="") | Q(description_es="") | Q(description_en="")
    ).exists()


def test_the_demo_forum_is_lively_in_spanish_and_english(demo):
    assert 35 <= Topic.objects.count() <= 45
    replies = Post.objects.filter(number__gt=1)
    assert replies.filter(language="es").count() > 40
    assert replies.filter(language="en").count() > 15
    assert Topic.objects.filter(language="en").count() >= 8
    assert Post.objects.filter(organisation__isnull=False).exists()
    assert Topic.objects.filter(about_id__isnull=False).count() >= 3
    assert Subscription.objects.filter(category__isnull=False).exists()
    # Written over the past months, not all at once when the demo loaded.
    first, last = (
        Post.objects.order_by(field).first().created_at for field in ["created_at", "-created_at"]
    )
    assert (last - first).days > 90


def test_the_demo_forum_has_moderation_to_see(demo):
    (flag,) = Flag.objects.filter(resolved_at__isnull=True)
    assert flag.post.status == Post.Status.VISIBLE
    (hidden,) = Post.objects.filter(status=Post.Status.HIDDEN_BY_MODERATOR)
    assert hidden.hidden_reason
    assert Topic.objects.filter(is_locked=True).count() == 1
    assert Topic.objects.filter(is_pinned=True).count() == 1


def test_the_demo_forum_counters_are_right(demo):
    stored = {
        category.pk: (category.topic_count, category.post_count, category.last_activity_at)
        for category in Category.objects.all()
    }
    for category in Category.objects.all():
        services.recount_category(category)
        assert (category.topic_count, category.post_count, category.last_activity_at) == stored[
            category.pk
        ]
    shown = Count("posts", filter=Q(posts__status=Post.Status.VISIBLE))
    for topic in Topic.objects.annotate(shown=shown):
        assert topic.reply_count == topic.shown - 1
        assert topic.last_activity_at == topic.last_post.created_at


def test_the_demo_forum_reads_in_both_languages(demo, client):
    assert "Comparta su experiencia" in client.get("/forum/").content.decode()
    assert "Share your experience" in client.get("/en/forum/").content.decode()
