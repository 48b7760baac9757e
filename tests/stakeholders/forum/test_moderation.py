"""The moderators' side of the forum: the queue of flagged and held posts, hiding, keeping and
approving posts, locking, pinning and moving topics, the moderation log and the inbox.

Alice is a citizen, Dora an author with an old account, Mona the moderator. Pages whose texts
are checked are read in English (under /en/), the language the texts are written in."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from learningcity.inbox import inbox_count
from learningcity.models import AuditEntry
from stakeholders.forum import services
from stakeholders.forum.inbox import items as inbox_items
from stakeholders.forum.models import Category, Flag, Post, Topic
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import UserFactory
from tests.stakeholders.forum.factories import CategoryFactory, reply, start_topic
from tests.test_valid_html import nu_errors, vnu_command

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

QUEUE = "/en/forum/moderation/"
LOG = "/en/forum/moderation/log/"


def in_english(user):
    """Signed-in people are sent to pages in their preferred language."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def mona(mona):
    return in_english(mona)


@pytest.fixture
def alice(alice):
    return in_english(alice)


@pytest.fixture
def dora(dora):
    return in_english(dora)


def post_url(post):
    return f"/en/forum/p/{post.pk}/moderate/"


def topic_url(topic):
    return f"/en/forum/t/{topic.pk}/moderate/"


def flag(post, by=None, reason=Flag.Reason.SPAM, note=""):
    return services.post_flag(post=post, by=by or UserFactory(), reason=reason, note=note)


@pytest.fixture
def topic(category, dora):
    return start_topic(dora, category, title="Huertos escolares en el barrio")


@pytest.fixture
def flagged(topic, dora, alice):
    """Dora's reply, flagged by Alice as spam."""
    post = reply(topic, dora, body="Compre **seguidores** baratos aquí.")
    flag(post, alice, note="Publicidad de una tienda")
    return post


@pytest.fixture
def held(settings, topic):
    """A reply by a new account, held for review."""
    settings.FORUM_HOLD_FIRST_POSTS = 1
    return reply(topic, UserFactory(full_name="Nico Nuevo"), body="Hola, soy nuevo en el foro.")


def refresh(obj):
    obj.refresh_from_db()
    return obj


def audit(action):
    return list(AuditEntry.objects.filter(action=action))


# Who may moderate


@pytest.fixture
def people(alice, dora, mona):
    return {"anonymous": None, "alice": alice, "dora": dora, "mona": mona}


def requests(flagged, topic):
    """(method, url, data) of every moderation page and endpoint."""
    return [
        ("get", QUEUE, {}),
        ("get", LOG, {}),
        ("get", post_url(flagged), {}),
        ("post", post_url(flagged), {"action": "hide", "reason": "Publicidad"}),
        ("post", post_url(flagged), {"action": "keep"}),
        ("post", topic_url(topic), {"action": "lock", "reason": "Cerrado"}),
    ]


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", "login"), ("alice", 403), ("dora", 403)],
)
def test_only_moderators_reach_the_moderation_pages(
    client, people, flagged, topic, person, expected
):
    """Dora wrote the flagged post and started the topic; that gives her no say over them."""
    if people[person]:
        client.force_login(people[person])
    for method, url, data in requests(flagged, topic):
        response = getattr(client, method)(url, data)
        if expected == "login":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url
        else:
            assert response.status_code == expected, url
    assert refresh(flagged).status == Post.Status.VISIBLE
    assert not refresh(topic).is_locked
    assert not audit("forum.post_hide") and not audit("forum.topic_lock")


def test_a_moderator_reaches_every_moderation_page(client_for, mona, flagged, topic):
    client = client_for(mona)
    for method, url, data in requests(flagged, topic):
        response = getattr(client, method)(url, data)
        assert response.status_code == (200 if method == "get" else 302), url


# The queue


def test_the_queue_groups_a_posts_flags_with_who_flagged_why_and_the_text(
    client_for, mona, bob, flagged, topic
):
    flag(flagged, bob, reason=Flag.Reason.ABUSIVE, note="Insulta a los vecinos")
    flag(flagged, UserFactory(), reason=Flag.Reason.SPAM)
    reply(topic, topic.author, body="Una respuesta que nadie ha señalado.")
    page = client_for(mona).get(QUEUE).text
    assert page.count('<article id="post-') == 1
    assert "Flagged 3 times" in page
    assert "Spam or advertising (2), Abusive or offensive (1)" in page
    assert "Alice Ciudadana: Spam or advertising" in page
    assert "Bob Biblioteca: Abusive or offensive" in page
    assert "“Insulta a los vecinos”" in page and "“Publicidad de una tienda”" in page
    assert "Compre <strong>seguidores</strong> baratos aquí." in page
    assert f'href="{flagged.get_absolute_url()}"' in page
    assert "Una respuesta que nadie ha señalado" not in page


def test_the_queue_lists_held_posts_and_flagged_ones_the_longest_waiting_first(
    client_for, mona, alice, topic, flagged, held
):
    later = reply(topic, topic.author, body="Otra respuesta señalada más tarde.")
    flag(later, alice)
    page = client_for(mona).get(QUEUE).text
    order = [int(pk) for pk in re.findall(r'<article id="post-(\d+)"', page)]
    assert order == [flagged.pk, held.pk, later.pk]
    assert "3 posts are waiting." in page
    assert "Waiting for review" in page
    assert "Hola, soy nuevo en el foro." in page
    # Held posts are approved or hidden; flagged ones hidden or kept.
    assert page.count('name="action" value="approve"') == 1
    assert page.count('name="action" value="keep"') == 2
    assert page.count('name="action" value="hide"') == 3


def test_handled_flags_leave_the_queue(client_for, mona, flagged):
    services.flags_dismiss(post=flagged, by=mona)
    page = client_for(mona).get(QUEUE).text
    assert '<article id="post-' not in page
    assert "Nothing is waiting for review." in page


def test_the_queue_is_paginated(client_for, mona, alice, topic, settings):
    for number in range(21):
        flag(reply(topic, topic.author, body=f"Respuesta señalada {number}"), alice)
    client = client_for(mona)
    first = client.get(QUEUE).text
    assert first.count('<article id="post-') == 20
    assert "Page 1 of 2" in first
    assert client.get(QUEUE + "?page=2").text.count('<article id="post-') == 1


def test_the_queue_runs_the_same_queries_however_many_posts_wait(client_for, mona, topic, settings):
    settings.FORUM_HOLD_FIRST_POSTS = 1

    def add_rows(count):
        texts = []
        for _ in range(count):
            post = reply(topic, topic.author, body=f"Señalada {Post.objects.count()}")
            flag(post, reason=Flag.Reason.SPAM, note="nota")
            flag(post, reason=Flag.Reason.OFF_TOPIC)
            held = reply(topic, UserFactory(), body=f"Retenida {Post.objects.count()}")
            texts += [post.body, held.body]
        return texts

    assert_constant_queries(client_for(mona), QUEUE, add_rows)


# Doing something to a post


def test_hiding_a_flagged_post_closes_its_flags_and_logs_the_reason(
    client_for, mona, flagged, alice
):
    client = client_for(mona)
    response = client.post(
        post_url(flagged),
        {"action": "hide", "reason": "  Publicidad  engañosa ", "next": QUEUE + "?page=1"},
    )
    assert response.status_code == 302
    assert response["Location"] == QUEUE + "?page=1"
    post = refresh(flagged)
    assert post.status == Post.Status.HIDDEN_BY_MODERATOR
    assert post.hidden_reason == "Publicidad engañosa"
    (closed,) = Flag.objects.filter(post=post)
    assert closed.resolved_by == mona and closed.resolved_at is not None
    assert closed.outcome == Flag.Outcome.HIDDEN
    (entry,) = audit("forum.post_hide")
    assert entry.actor == mona
    assert entry.changes["reason"] == [None, "Publicidad engañosa"]
    assert "The post is hidden; the flags on it are closed." in client.get(QUEUE).text


def test_hiding_without_a_reason_shows_the_form_again_and_changes_nothing(
    client_for, mona, flagged
):
    response = client_for(mona).post(
        post_url(flagged), {"action": "hide", "reason": "   ", "next": QUEUE + "?page=1"}
    )
    assert response.status_code == 400
    page = response.text
    assert "Please correct the errors below." in page
    assert "Say why: the author and other moderators read it." in page
    assert f'name="next" value="{QUEUE}?page=1"' in page
    assert refresh(flagged).status == Post.Status.VISIBLE
    assert Flag.objects.get(post=flagged).resolved_at is None
    assert not audit("forum.post_hide")


def test_a_refused_form_keeps_what_the_moderator_typed(client_for, mona, flagged):
    typed = "Una nota muy larga " * 30
    response = client_for(mona).post(post_url(flagged), {"action": "keep", "reason": typed})
    assert response.status_code == 400
    assert typed.strip() in response.text
    assert Flag.objects.get(post=flagged).resolved_at is None


def test_an_unknown_action_on_a_post_is_refused(client_for, mona, flagged):
    response = client_for(mona).post(post_url(flagged), {"action": "delete", "reason": "No"})
    assert response.status_code == 400
    assert "Choose what to do with the post." in response.text
    assert refresh(flagged).status == Post.Status.VISIBLE


def test_keeping_a_flagged_post_closes_its_flags_and_leaves_it_shown(
    client_for, mona, bob, flagged
):
    flag(flagged, bob)
    client = client_for(mona)
    response = client.post(post_url(flagged), {"action": "keep", "reason": "Es una broma"})
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    assert refresh(flagged).status == Post.Status.VISIBLE
    assert set(Flag.objects.values_list("outcome", flat=True)) == {Flag.Outcome.KEPT}
    (entry,) = audit("forum.flags_dismiss")
    assert entry.changes["reason"] == [None, "Es una broma"]
    assert "its 2 flags are closed" in client.get(QUEUE).text


def test_approving_a_held_post_shows_it_to_everyone(client_for, mona, held, client):
    response = client_for(mona).post(post_url(held), {"action": "approve"})
    assert response.status_code == 302
    assert refresh(held).status == Post.Status.VISIBLE
    assert [entry.actor for entry in audit("forum.post_approve")] == [mona]
    assert refresh(held.topic).reply_count == 1


def test_approving_a_post_another_moderator_handled_changes_nothing(client_for, mona, held):
    services.post_hide(post=held, by=UserFactory(roles=["moderator"]), reason="Spam")
    client = client_for(mona)
    client.post(post_url(held), {"action": "approve"})
    assert refresh(held).status == Post.Status.HIDDEN_BY_MODERATOR
    assert "nothing changed" in client.get(QUEUE).text


def test_approving_a_held_opening_post_shows_its_topic(client_for, mona, category, settings):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = start_topic(UserFactory(), category, title="Mi primer tema en el foro")
    assert topic.status == Topic.Status.PENDING
    client_for(mona).post(post_url(topic.posts.get()), {"action": "approve"})
    assert refresh(topic).status == Topic.Status.VISIBLE


def test_a_moderator_shows_a_hidden_post_again_with_a_reason(client_for, mona, flagged):
    services.post_hide(post=flagged, by=mona, reason="Publicidad")
    client = client_for(mona)
    refused = client.post(post_url(flagged), {"action": "unhide", "reason": ""})
    assert refused.status_code == 400
    assert refresh(flagged).status == Post.Status.HIDDEN_BY_MODERATOR
    response = client.post(
        post_url(flagged),
        {"action": "unhide", "reason": "Era una oferta gratuita", "next": "/forum/"},
    )
    assert response["Location"] == "/forum/"
    assert refresh(flagged).status == Post.Status.VISIBLE
    (entry,) = audit("forum.post_unhide")
    assert entry.changes["reason"] == [None, "Era una oferta gratuita"]


def test_a_form_never_sends_the_moderator_to_another_site(client_for, mona, flagged):
    response = client_for(mona).post(
        post_url(flagged), {"action": "keep", "next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE


# A topic's tools


@pytest.mark.parametrize(
    ("action", "field", "value", "code"),
    [
        ("lock", "is_locked", True, "forum.topic_lock"),
        ("pin", "is_pinned", True, "forum.topic_pin"),
    ],
)
def test_a_moderator_locks_and_pins_a_topic_and_undoes_it(
    client_for, mona, topic, action, field, value, code
):
    client = client_for(mona)
    response = client.post(topic_url(topic), {"action": action, "reason": "Ya está resuelto"})
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert getattr(refresh(topic), field) is value
    (entry,) = audit(code)
    assert entry.actor == mona and entry.changes["reason"] == [None, "Ya está resuelto"]
    client.post(topic_url(topic), {"action": "un" + action})
    assert getattr(refresh(topic), field) is not value
    assert len(audit(code.replace(action, "un" + action))) == 1


def test_nobody_but_a_moderator_replies_in_a_topic_a_moderator_locked(
    client_for, mona, topic, alice
):
    client_for(mona).post(topic_url(topic), {"action": "lock"})
    with pytest.raises(services.ValidationError):
        reply(topic, alice)


def test_a_moderator_moves_a_topic_and_both_categories_recount(client_for, mona, topic, category):
    other = CategoryFactory(name_es="Bibliotecas", name_en="Libraries")
    response = client_for(mona).post(
        topic_url(topic), {"action": "move", "category": other.pk, "reason": "Va mejor allí"}
    )
    assert response.status_code == 302
    assert refresh(topic).category == other
    assert refresh(category).topic_count == 0
    assert refresh(other).topic_count == 1
    (entry,) = audit("forum.topic_move")
    assert entry.changes["reason"] == [None, "Va mejor allí"]
    assert entry.changes["category"] == ["Share your experience", "Libraries"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "move", "category": "same"}, "The topic is already in"),
        ({"action": "move"}, "Choose the category to move the topic to."),
        ({"action": "move", "category": "٣"}, "Select a valid choice."),
        ({"action": "delete"}, "Select a valid choice."),
    ],
)
def test_a_topic_action_that_cannot_be_done_is_refused(
    client_for, mona, topic, category, data, message
):
    if data.get("category") == "same":
        data = {**data, "category": category.pk}
    response = client_for(mona).post(topic_url(topic), {**data, "reason": "Mi motivo"})
    assert response.status_code == 400
    assert message in response.text
    assert "Mi motivo" in response.text
    assert refresh(topic).category == category
    assert not AuditEntry.objects.filter(action__startswith="forum.topic_").exclude(
        action="forum.topic_start"
    )


def test_moderators_see_the_tools_on_the_topic_page_and_others_do_not(
    client, client_for, mona, alice, topic, flagged
):
    CategoryFactory(name_es="Bibliotecas", name_en="Libraries")
    url = "/en" + topic.get_absolute_url()
    page = client_for(mona).get(url).text
    assert "Moderate this topic" in page
    assert f'action="{topic_url(topic)}"' in page
    assert '<option value="' in page and ">Libraries</option>" in page
    assert f'<option value="{topic.category.pk}"' not in page
    assert f"Moderate post {flagged.number}" in page
    assert f'action="{post_url(flagged)}"' in page
    for person in (alice, None):
        client.logout()
        if person:
            client.force_login(person)
        other = client.get(url).text
        assert "Moderate this topic" not in other and "/moderate/" not in other


def test_a_hidden_post_offers_the_moderator_to_show_it_again(client_for, mona, topic, flagged):
    services.post_hide(post=flagged, by=mona, reason="Publicidad")
    page = client_for(mona).get("/en" + topic.get_absolute_url()).text
    assert "Show it again" in page
    assert "Hide the post" in page  # the opening post, still shown


def test_the_moderation_tools_on_a_topic_page_cost_no_query_per_post(client_for, mona, topic):
    def add_rows(count):
        return [
            reply(topic, topic.author, body=f"Respuesta {n} de {count}").body for n in range(count)
        ]

    assert_constant_queries(client_for(mona), "/en" + topic.get_absolute_url(), add_rows)


def test_every_moderation_field_has_a_label_and_nothing_is_inline(
    client_for, mona, topic, flagged, held
):
    client = client_for(mona)
    for url in (QUEUE, post_url(flagged), topic_url(topic), "/en" + topic.get_absolute_url()):
        page = client.get(url).text
        fields = re.findall(r'<(?:textarea|select)[^>]* id="([^"]+)"', page)
        assert fields, url
        for field_id in fields:
            assert f'for="{field_id}"' in page, (url, field_id)
        assert " style=" not in page and " onclick=" not in page, url


def tools_page(user, topic, posts):
    """The topic page's moderation tools in a page of their own, so that the checker judges
    them alone."""
    request = RequestFactory().get(topic.get_absolute_url())
    request.user = user
    context = {"topic": topic, "categories": list(Category.objects.all())}
    parts = [render_to_string("forum/_moderation_tools.html", context, request=request)]
    for post in posts:
        parts.append(
            render_to_string("forum/_post_moderation.html", {"post": post}, request=request)
        )
    return (
        '<!DOCTYPE html><html lang="es"><head><title>Herramientas</title></head>'
        f"<body><main>{''.join(parts)}</main></body></html>"
    ).encode()


@pytest.mark.slow
def test_the_moderation_pages_and_tools_are_valid_html(
    client_for, mona, topic, flagged, held, tmp_path
):
    command = vnu_command()
    services.topic_moderate(topic=topic, by=mona, action="pin", reason="Importante")
    hidden = reply(topic, topic.author, body="Otra más")
    services.post_hide(post=hidden, by=mona, reason="Repetida")
    posts = list(Post.objects.all())
    files = {"tools-one-category.html": tools_page(mona, topic, posts)}
    CategoryFactory(name_es="Bibliotecas", name_en="Libraries")
    files["tools.html"] = tools_page(mona, topic, posts)
    client = client_for(mona)
    for name, response, status in [
        ("queue.html", client.get(QUEUE), 200),
        ("log.html", client.get(LOG), 200),
        ("post.html", client.get(post_url(flagged)), 200),
        ("refused.html", client.post(post_url(flagged), {"action": "hide"}), 400),
        ("topic.html", client.get(topic_url(topic)), 200),
    ]:
        assert response.status_code == status, name
        files[name] = response.content
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    errors = nu_errors(command, tmp_path, {name: name for name in files})
    assert not errors, "\n".join(errors)


# The log


def test_the_log_lists_what_moderators_did_with_who_when_and_why(
    client_for, mona, topic, flagged, alice
):
    services.post_hide(post=flagged, by=mona, reason="Publicidad engañosa")
    services.topic_moderate(topic=topic, by=mona, action="lock", reason="Tema agotado")
    other = CategoryFactory(name_es="Bibliotecas", name_en="Libraries")
    services.topic_move(topic=topic, category=other, by=mona, reason="Va mejor allí")
    page = client_for(mona).get(LOG).text
    assert page.count("Mona Moderadora") == 3
    assert "Hid a forum post" in page and "Why: Publicidad engañosa" in page
    assert "Locked a forum topic" in page and "Why: Tema agotado" in page
    assert "From “Comparta su experiencia” to “Bibliotecas”." in page
    assert f'href="/en/forum/p/{flagged.pk}/"' in page
    assert f'href="/en/forum/t/{topic.pk}/"' in page
    # Writing and flagging are not moderation.
    assert "Started a forum topic" not in page and "Flagged a forum post" not in page


def test_the_log_runs_the_same_queries_however_long_it_is(client_for, mona, topic):
    def add_rows(count):
        texts = []
        for _ in range(count):
            post = reply(topic, topic.author, body="Otra respuesta")
            reason = f"Motivo {post.pk}"
            services.post_hide(post=post, by=mona, reason=reason)
            texts.append(reason)
        return texts

    assert_constant_queries(client_for(mona), LOG, add_rows)


# The inbox


def test_moderators_inbox_counts_flagged_and_held_posts_once_each(
    mona, alice, bob, topic, flagged, held
):
    flag(flagged, bob)
    entry = inbox_items(mona, 5)
    assert entry.count == 2
    assert entry.url == reverse("forum:moderation")
    assert [item.url for item in entry.items] == [
        f"{reverse('forum:moderation')}#post-{flagged.pk}",
        f"{reverse('forum:moderation')}#post-{held.pk}",
    ]
    assert inbox_items(alice, 5) is None
    assert inbox_items(topic.author, 5) is None


def test_the_inbox_page_links_moderators_to_the_queue(client_for, mona, flagged):
    page = client_for(mona).get("/en/inbox/").text
    assert "Forum posts to review" in page
    assert f'href="{QUEUE}#post-{flagged.pk}"' in page


def test_the_header_count_follows_what_moderators_do(
    mona, bob, flagged, held, django_capture_on_commit_callbacks
):
    assert inbox_count(mona) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(post=held, by=mona)
    assert inbox_count(mona) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.flags_dismiss(post=flagged, by=mona)
    assert inbox_count(mona) == 0
    with django_capture_on_commit_callbacks(execute=True):
        flag(flagged, bob)
    assert inbox_count(mona) == 1
