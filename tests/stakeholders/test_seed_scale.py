"""seed_scale (the benchmarks' data) runs in the suite at its small size, forum included, and
leaves the forum's counters as the services would."""

import random

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max, Q

from stakeholders.forum import scale, services
from stakeholders.forum.models import Category, Post, Topic
from stakeholders.models import Organisation
from tests.stakeholders.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_scale", "--small", stdout=None)


def test_seed_scale_small_makes_a_small_city_with_its_forum_counted_right(seeded):
    assert Organisation.objects.filter(slug__startswith="scale-").count() == 300
    assert Topic.objects.count() == 600
    assert Post.objects.count() == 6000
    large = Category.objects.get(slug=scale.BIG_CATEGORY["slug"])
    assert large.topic_count == Topic.objects.filter(category=large).count() == 500
    longest = Topic.objects.get(title=scale.BIG_TOPIC_TITLE)
    assert longest.category == large
    assert longest.posts.count() == 500
    # The counters are what the services would have left.
    for category in Category.objects.all():
        stored = (category.topic_count, category.post_count, category.last_activity_at)
        services.recount_category(category)
        assert (category.topic_count, category.post_count, category.last_activity_at) == stored
    topics = Topic.objects.annotate(posts_in=Count("posts"), last_number=Max("posts__number"))
    assert not topics.filter(~Q(reply_count=F("posts_in") - 1)).exists()
    assert not topics.filter(~Q(last_post__number=F("last_number"))).exists()
    assert not topics.exclude(last_activity_at=F("last_post__created_at")).exists()
    assert Post.objects.filter(body_html="").count() == 0


def test_seed_scale_pages_of_the_large_category_and_topic_answer(seeded, client):
    large = Category.objects.get(slug=scale.BIG_CATEGORY["slug"])
    longest = Topic.objects.get(title=scale.BIG_TOPIC_TITLE)
    oldest = Topic.objects.filter(category=large).order_by("last_activity_at").first()
    last_page = client.get(large.get_absolute_url() + "?page=17").content.decode()
    assert oldest.title in last_page
    last_posts = client.get(longest.get_absolute_url() + "?page=25").content.decode()
    assert 'id="post-500"' in last_posts


def test_the_same_seed_makes_the_same_forum(db):
    UserFactory.create_batch(3)

    def made(seed):
        _category, longest = scale.seed(
            topics=30, posts=200, category_topics=20, topic_posts=40, rng=random.Random(seed)
        )
        topics = Topic.objects.filter(pk__gte=longest.pk).order_by("pk")
        return list(topics.values_list("reply_count", "language", "author_id", "category_id"))

    first = made(7)
    assert made(7) == first
    assert made(8) != first


def test_seed_scale_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_scale", "--small")
    assert not Topic.objects.exists()
