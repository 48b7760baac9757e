"""Alice starts a topic in the forum, Bob replies, Alice hears of it by e-mail and flags the reply,
and Mona the moderator hides it from her queue: every forum page on the way passes axe."""

from playwright.sync_api import expect

from learningcity.models import OutgoingEmail
from stakeholders.forum.models import Flag, Post, Topic
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in
from tests.stakeholders.factories import PASSWORD, UserFactory
from tests.stakeholders.forum.factories import CategoryFactory


def test_a_topic_a_reply_its_email_a_flag_and_the_moderator_hiding_it(live_server, page, new_page):
    base = live_server.url
    alice = UserFactory(
        email="alice@example.org", full_name="Alice Reader", preferred_language="en"
    )
    bob = UserFactory(email="bob@example.org", full_name="Bob Seller", preferred_language="en")
    mona = UserFactory(
        email="mona@example.org",
        full_name="Mona Moderator",
        preferred_language="en",
        roles=["moderator"],
    )
    category = CategoryFactory(
        slug="share", name_es="Comparta su experiencia", name_en="Share your experience", order=1
    )

    # Alice starts a topic from the category's page.
    log_in(page, base, alice.email, PASSWORD)
    page.goto(f"{base}/en/forum/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning-city forum")
    assert_accessible(page)
    page.get_by_role("link", name="Share your experience").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share your experience")
    assert_accessible(page)
    page.get_by_role("button", name="Start a topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a topic")
    expect(page.get_by_label("Category")).to_have_value(str(category.pk))
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Publish topic"])
    page.get_by_label("Title").fill("Reading clubs for newcomers")
    page.get_by_label("Your message").fill(
        "We meet on **Tuesdays** at the [library](https://library.example)."
    )
    page.get_by_role("button", name="Publish topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading clubs for newcomers")
    expect(page.locator(".post-body strong")).to_have_text("Tuesdays")
    expect(page.get_by_role("link", name="library")).to_have_attribute("rel", "nofollow ugc")
    assert_accessible(page)
    topic = Topic.objects.get()

    # Bob replies.
    bob_page = new_page()
    log_in(bob_page, base, bob.email, PASSWORD)
    bob_page.goto(f"{base}/en{topic.get_absolute_url()}")
    bob_page.get_by_label("Your message").fill("Buy cheap watches at cheap.example!")
    bob_page.get_by_role("button", name="Post reply").click()
    expect(bob_page.get_by_text("Buy cheap watches")).to_be_visible()

    # Alice follows the topic she started: the e-mail leads her to the reply.
    email = OutgoingEmail.objects.get(to=alice.email)
    assert email.subject == "New reply in “Reading clubs for newcomers”"
    assert "Bob Seller replied" in email.body
    link = next(line for line in email.body.splitlines() if "/forum/p/" in line).split()[-1]
    page.goto(link.replace("http://127.0.0.1:8000", base))
    expect(page.get_by_text("Buy cheap watches")).to_be_visible()

    # She flags it.
    page.get_by_role("link", name="Flag post 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flag a post")
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("The moderators will look at this post soon.")).to_be_visible()
    assert Flag.objects.get().flagged_by == alice

    # Mona hides it from her queue, saying why.
    mona_page = new_page()
    log_in(mona_page, base, mona.email, PASSWORD)
    mona_page.goto(f"{base}/en/forum/moderation/")
    expect(mona_page.get_by_text("Buy cheap watches")).to_be_visible()
    assert_accessible(mona_page)
    mona_page.get_by_label("Why hide it?").fill("Advertising")
    mona_page.get_by_role("button", name="Hide the post").click()
    expect(mona_page.get_by_text("Nothing is waiting for review.")).to_be_visible()
    reply = Post.objects.get(number=2)
    assert reply.status == Post.Status.HIDDEN_BY_MODERATOR
    assert Flag.objects.get().outcome == Flag.Outcome.HIDDEN

    # Everyone now reads that a moderator hid it, and why.
    page.goto(f"{base}/en{topic.get_absolute_url()}")
    expect(page.get_by_text("Hidden by a moderator. Reason: Advertising")).to_be_visible()
    expect(page.get_by_text("Buy cheap watches")).to_have_count(0)
    assert_accessible(page)
