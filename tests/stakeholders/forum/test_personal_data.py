"""The forum's part of "download my data" and "delete my account"."""

import pytest

from learningcity.personal_data import account_delete, personal_data_export
from stakeholders.forum import services
from stakeholders.forum.models import Post, Topic
from tests.stakeholders.forum.factories import reply, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_the_download_holds_the_persons_posts_topics_follows_and_flags(alice, dora, category):
    topic = start_topic(alice, category, title="Lectura fácil", body="Mi texto original")
    other = start_topic(dora, category, title="Tema de Dora")
    services.post_flag(post=other.posts.get(), by=alice, reason="spam", note="Publicidad")
    data = personal_data_export(user=alice)
    assert data["forum_posts"][0]["text"] == "Mi texto original"
    assert data["forum_topics_started"] == [
        {"title": "Lectura fácil", "started": topic.created_at.isoformat()}
    ]
    assert data["forum_follows"][0]["topic"] == "Lectura fácil"
    assert data["forum_flags"][0]["note"] == "Publicidad"


def test_deleting_an_account_empties_its_posts_and_its_name_in_others(alice, dora, category):
    topic = start_topic(dora, category, title="Clubes de lectura")
    mine = reply(topic, alice, body="Escríbanme a alice@example.org")
    services.post_edit(post=mine, body="Escríbanme a alice@example.org, gracias", by=alice)
    theirs = reply(topic, dora, body="Gracias, Alice Ciudadana, por la idea")
    account_delete(user=alice, by=alice)
    mine.refresh_from_db()
    assert (mine.body, mine.body_html, mine.author) == ("", "", None)
    assert mine.status == Post.Status.HIDDEN_BY_AUTHOR
    assert not mine.history.exists()
    theirs.refresh_from_db()
    assert "Alice Ciudadana" not in theirs.body and "Alice Ciudadana" not in theirs.body_html
    assert not Post.history.filter(body__icontains="alice").exists()
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.reply_count == 1
