"""Mona moderates the forum on a 390 px phone: the queue, a refused form, a topic's tools and the
moderation log fit the screen, pass axe and are reached with the keyboard."""

from playwright.sync_api import expect

from stakeholders.forum import services
from stakeholders.forum.models import Flag, Topic
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.browser.test_phone_layout import WIDTH_PROBLEMS
from tests.stakeholders.factories import PASSWORD, UserFactory
from tests.stakeholders.forum.factories import CategoryFactory, reply, start_topic

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüssel"


def fits(page):
    problems = page.evaluate(WIDTH_PROBLEMS)
    assert not problems, f"{page.url} at 390 px:\n" + "\n".join(problems)


def test_a_moderator_works_through_the_forum_on_a_phone(live_server, phone_page, settings):
    base = live_server.url
    page = phone_page
    mona = UserFactory(
        email="mona@example.org",
        full_name="Mona Moderator",
        preferred_language="en",
        roles=["moderator"],
    )
    alice = UserFactory(full_name="Alice Reader", preferred_language="en")
    share = CategoryFactory(name_es="Comparta", name_en="Share your experience", order=1)
    CategoryFactory(name_es="Bibliotecas", name_en="Libraries", order=2)
    topic = start_topic(UserFactory(), share, title="Reading clubs for newcomers", language="en")
    spam = reply(topic, topic.author, body=f"Buy cheap watches at https://example.com/{LONG_WORD}")
    services.post_flag(post=spam, by=alice, reason=Flag.Reason.SPAM, note=f"An advert {LONG_WORD}")
    settings.FORUM_HOLD_FIRST_POSTS = 1
    reply(topic, UserFactory(full_name="Nico New"), body="Hello, I am new here.")

    log_in(page, base, mona.email, PASSWORD)
    page.goto(f"{base}/en/forum/moderation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum posts to review")
    expect(page.get_by_text("2 posts are waiting.")).to_be_visible()
    fits(page)
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Approve the post", "Keep the post"])

    # A hide without a reason comes back with the error beside the field, the text kept.
    page.get_by_label("Why hide it?").first.evaluate("field => field.removeAttribute('required')")
    page.get_by_role("button", name="Hide the post").first.click()
    expect(page.get_by_text("Say why: the author and other moderators read it.")).to_be_visible()
    fits(page)
    assert_accessible(page)
    page.get_by_label("Why hide it?").fill("Advertising")
    page.get_by_role("button", name="Hide the post").click()
    expect(page.get_by_text("The post is hidden; the flags on it are closed.")).to_be_visible()
    expect(page.get_by_text("One post is waiting.")).to_be_visible()

    # The topic page's tools, opened, fit too; Mona locks the topic from there.
    page.goto(f"{base}/en{topic.get_absolute_url()}")
    page.get_by_text("Moderate this topic").click()
    page.get_by_text("Moderate post 1", exact=True).click()
    fits(page)
    assert_accessible(page)
    page.get_by_label("Reason (optional)").first.fill("Answered")
    page.get_by_role("button", name="Lock the topic").click()
    expect(
        page.get_by_text("The topic is locked: nobody can reply to it any more.")
    ).to_be_visible()
    assert Topic.objects.get().is_locked

    page.goto(f"{base}/en/forum/moderation/log/")
    expect(page.get_by_text("Why: Advertising")).to_be_visible()
    expect(page.get_by_text("Why: Answered")).to_be_visible()
    fits(page)
    assert_accessible(page)
