"""The forum's public pages of the demo city pass axe, in both languages: categories, a topic
with posts in Spanish and English and one hidden by a moderator, a post's earlier versions, the
discussion about an organisation and a search."""

from playwright.sync_api import expect

from stakeholders.forum.models import Post, Topic
from tests.browser.helpers import assert_accessible


def demo_forum_pages():
    hidden = Post.objects.filter(status=Post.Status.HIDDEN_BY_MODERATOR).first()
    busy = Topic.objects.filter(status="visible").order_by("-reply_count", "pk").first()
    about = Topic.objects.filter(about_id__isnull=False).select_related("about_type").first()
    about_value = f"{about.about_type.app_label}.{about.about_type.model}:{about.about_id}"
    paths = [
        "/forum/",
        busy.category.get_absolute_url(),
        busy.get_absolute_url(),
        hidden.topic.get_absolute_url(),
        f"/forum/p/{busy.posts.order_by('number').first().pk}/history/",
        f"/forum/about/?about={about_value}",
        "/forum/search/?q=biblioteca",
    ]
    return paths + [f"/en{path}" for path in paths]


def test_the_forum_pages_pass_axe_in_both_languages(live_server, page, demo_city):
    for path in demo_forum_pages():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
