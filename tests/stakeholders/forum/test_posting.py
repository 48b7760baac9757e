"""The forum as its readers and writers use it: reading, starting topics, replying, editing within
the window, hiding one's own post, following and being told, rate limits and held posts."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from learningcity.models import AuditEntry, NotificationPreference, OutgoingEmail
from learningcity.tasks import daily_digests_task
from stakeholders.forum import services
from stakeholders.forum.models import Post, Subscription, Topic
from tests.stakeholders.forum.factories import reply, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def emails_to(user):
    return list(OutgoingEmail.objects.filter(to=user.email).order_by("pk"))


# Reading


def test_anyone_reads_the_categories_a_category_and_a_topic(client, category, dora, alice):
    topic = start_topic(dora, category, title="Lectura en voz alta para mayores")
    reply(topic, alice, body="En la biblioteca del barrio **ya lo hacemos**.")
    index = client.get("/forum/")
    assert index.status_code == 200
    assert "Comparta su experiencia" in index.text
    assert "Lectura en voz alta para mayores" in index.text
    listing = client.get(category.get_absolute_url())
    assert "Lectura en voz alta para mayores" in listing.text
    assert "1 respuesta" in listing.text
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200
    assert "<strong>ya lo hacemos</strong>" in page.text
    assert "Dora Veterana" in page.text and "Alice Ciudadana" in page.text


def test_the_english_forum_shows_category_names_in_english(client, category, dora):
    start_topic(dora, category)
    assert "Share your experience" in client.get("/en/forum/").text


def test_a_topic_address_with_another_slug_redirects_to_the_right_one(client, category, dora):
    topic = start_topic(dora, category, title="Taller de alfabetización digital")
    response = client.get(f"/forum/t/{topic.pk}/")
    assert response.status_code == 301
    assert response["Location"] == topic.get_absolute_url()


def test_a_post_renders_with_the_language_it_is_written_in(client, category, dora):
    topic = start_topic(dora, category, title="Reading club for newcomers", language="en")
    page = client.get(topic.get_absolute_url()).text
    assert '<h1 lang="en">Reading club for newcomers</h1>' in page
    assert '<div class="post-body" lang="en">' in page


# Writing


def test_alice_starts_a_topic_and_follows_it(client_for, alice, category):
    response = client_for(alice).post(
        "/forum/new/",
        {
            "category": category.pk,
            "title": "Huertos escolares",
            "body": "Compartimos lo aprendido en *tres* escuelas.",
            "language": "es",
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert topic.author == alice and topic.language == "es"
    [post] = topic.posts.all()
    assert post.body_html == "<p>Compartimos lo aprendido en <em>tres</em> escuelas.</p>\n"
    assert Subscription.objects.filter(user=alice, topic=topic).exists()
    category.refresh_from_db()
    assert (category.topic_count, category.post_count) == (1, 1)
    assert AuditEntry.objects.filter(action="forum.topic_start", actor=alice).exists()


def test_starting_a_topic_needs_an_account(client, category):
    response = client.post("/forum/new/", {"category": category.pk, "title": "Hola a todos"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Topic.objects.exists()


def test_an_empty_or_overlong_post_re_renders_the_form_with_the_text_kept(
    client_for, alice, category, settings
):
    client = client_for(alice)
    empty = client.post(
        "/forum/new/", {"category": category.pk, "title": "Mi experiencia", "body": "  "}
    )
    assert empty.status_code == 400
    assert "Mi experiencia" in empty.text
    assert "Corrija los errores" in empty.text or "correct the errors" in empty.text
    settings.FORUM_POST_MAX_LENGTH = 50
    topic = start_topic(alice, category)
    long = client.post(f"/forum/t/{topic.pk}/reply/", {"body": "palabra " * 20, "language": "es"})
    assert long.status_code == 400
    assert "como máximo 50 caracteres" in long.text or "at most 50 characters" in long.text
    assert "palabra palabra" in long.text
    assert Post.objects.count() == 1


def test_replying_counts_the_reply_and_moves_the_topic_up(client_for, alice, dora, category):
    older = start_topic(dora, category, title="Primer tema del foro")
    newer = start_topic(dora, category, title="Segundo tema del foro")
    response = client_for(alice).post(
        f"/forum/t/{older.pk}/reply/", {"body": "¡Gracias!", "language": "es"}
    )
    post = Post.objects.get(author=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/forum/p/{post.pk}/"
    older.refresh_from_db()
    assert (older.reply_count, older.last_post, post.number) == (1, post, 2)
    listing = client_for(alice).get(category.get_absolute_url()).text
    assert listing.index("Primer tema del foro") < listing.index("Segundo tema del foro")
    assert newer.reply_count == 0


def test_a_posts_address_leads_to_its_page_and_anchor(client, dora, alice, category, settings):
    topic = start_topic(dora, category)
    posts = [reply(topic, dora, body=f"Respuesta {n}") for n in range(25)]
    response = client.get(f"/forum/p/{posts[-1].pk}/")
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#post-26"
    assert "Respuesta 24" in client.get(response["Location"].split("#")[0]).text


def test_posting_in_a_locked_topic_is_refused(client_for, alice, dora, mona, category):
    topic = start_topic(dora, category)
    services.topic_moderate(topic=topic, by=mona, action="lock", reason="Tema cerrado")
    response = client_for(alice).post(
        f"/forum/t/{topic.pk}/reply/", {"body": "Hola", "language": "es"}
    )
    assert response.status_code == 302
    assert topic.posts.count() == 1
    with pytest.raises(ValidationError):
        services.post_reply(topic=topic, body="Hola", by=alice)
    assert "nadie puede responder" in client_for(alice).get(topic.get_absolute_url()).text


def test_a_post_on_behalf_of_an_organisation_shows_it_and_needs_membership(
    client_for, bob, alice, organisation, category
):
    topic = start_topic(bob, category, organisation=organisation)
    page = client_for(alice).get(topic.get_absolute_url()).text
    assert "Biblioteca Central" in page
    with pytest.raises(ValidationError):
        services.post_reply(topic=topic, body="Hola", by=alice, organisation=organisation)


# Editing and hiding


def test_the_author_edits_within_the_window_and_readers_see_it_was_edited(
    client_for, client, alice, category
):
    start = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        topic = start_topic(alice, category, body="Primera versión")
    post = topic.posts.get()
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        response = client_for(alice).post(
            f"/forum/p/{post.pk}/edit/",
            {"title": topic.title, "body": "Segunda versión", "language": "es"},
        )
        assert response.status_code == 302
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        late = client_for(alice).post(
            f"/forum/p/{post.pk}/edit/",
            {"title": topic.title, "body": "Tercera versión", "language": "es"},
        )
        assert late.status_code == 403
    post.refresh_from_db()
    assert post.body == "Segunda versión" and post.edited_at is not None
    client.logout()
    page = client.get(topic.get_absolute_url()).text
    assert "Segunda versión" in page and "editado" in page
    history = client.get(f"/forum/p/{post.pk}/history/").text
    assert "Primera versión" in history and "Segunda versión" in history


def test_the_edit_window_is_a_setting(client_for, alice, category, settings):
    settings.FORUM_EDIT_MINUTES = 5
    start = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        post = start_topic(alice, category).posts.get()
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert client_for(alice).get(f"/forum/p/{post.pk}/edit/").status_code == 403


def test_nobody_edits_someone_elses_post(client_for, alice, dora, mona, category):
    post = start_topic(dora, category).posts.get()
    for person in (alice, mona):
        response = client_for(person).post(
            f"/forum/p/{post.pk}/edit/", {"body": "Cambiado", "language": "es"}
        )
        assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "¿Quién se suma?"


def test_the_author_hides_their_post_and_it_stays_as_hidden_by_its_author(
    client_for, client, alice, dora, category
):
    topic = start_topic(dora, category)
    post = reply(topic, alice, body="Me equivoqué de tema")
    response = client_for(alice).post(f"/forum/p/{post.pk}/hide/")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN_BY_AUTHOR
    client.logout()
    page = client.get(topic.get_absolute_url()).text
    assert "Me equivoqué de tema" not in page
    assert "Ocultada por su autor" in page
    topic.refresh_from_db()
    assert topic.reply_count == 0
    assert client_for(dora).post(f"/forum/p/{post.pk}/hide/").status_code == 403


# Following and notifications


def test_five_replies_in_an_hour_reach_a_daily_digest_reader_as_one_email(
    alice, dora, category, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=alice, kind="forum.reply", frequency="daily")
    with (
        time_machine.travel(datetime(2026, 11, 24, 15, 0, tzinfo=UTC), tick=True),
        django_capture_on_commit_callbacks(execute=True),
    ):
        topic = start_topic(alice, category, title="Bibliotecas móviles")
        for number in range(5):
            reply(topic, dora, body=f"Respuesta número {number + 1}")
    assert emails_to(alice) == []
    with time_machine.travel(datetime(2026, 11, 25, 14, 0, tzinfo=UTC), tick=False):
        assert daily_digests_task.delay("2026-11-24").get() == 1
    [email] = emails_to(alice)
    assert "5" in email.subject
    for number in range(1, 6):
        assert f"Respuesta número {number}" in email.body
    unsubscribe = email.headers["List-Unsubscribe"][1:-1]
    assert Client().get(unsubscribe.replace("http://127.0.0.1:8000", "")).status_code == 200


def test_a_follower_gets_an_email_at_once_with_a_link_to_the_reply(
    alice, dora, category, django_capture_on_commit_callbacks
):
    topic = start_topic(alice, category, title="Bibliotecas móviles")
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(topic, dora, body="Tenemos un bibliobús los sábados.")
    [email] = emails_to(alice)
    assert "Bibliotecas móviles" in email.subject
    assert "Tenemos un bibliobús los sábados." in email.body
    assert f"/forum/p/{post.pk}/" in email.body
    assert emails_to(dora) == []
    # Telling followers is done once, however often the task runs.
    from stakeholders.forum.tasks import notify_followers_task

    assert notify_followers_task.delay(post.pk).get() == 0
    assert len(emails_to(alice)) == 1


def test_following_a_category_tells_of_new_topics(
    client_for, alice, dora, category, django_capture_on_commit_callbacks
):
    client_for(alice).post(f"/forum/c/{category.slug}/follow/", {"follow": "1"})
    NotificationPreference.objects.create(
        user=alice, kind="forum.new_topic", frequency="immediately"
    )
    with django_capture_on_commit_callbacks(execute=True):
        start_topic(dora, category, title="Festival del libro")
    [email] = emails_to(alice)
    assert "Festival del libro" in email.subject
    client_for(alice).post(f"/forum/c/{category.slug}/follow/", {"follow": "0"})
    assert not Subscription.objects.filter(user=alice, category=category).exists()


def test_following_needs_an_account(client, category):
    response = client.post(f"/forum/c/{category.slug}/follow/", {"follow": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Limits for new accounts


def test_a_new_account_starts_three_topics_an_hour_and_then_gets_a_form_error(
    client_for, alice, category
):
    client = client_for(alice)
    for number in range(3):
        start_topic(alice, category, title=f"Tema número {number}")
    response = client.post(
        "/forum/new/",
        {"category": category.pk, "title": "Cuarto tema", "body": "Mi texto", "language": "es"},
    )
    assert response.status_code == 429
    assert "Mi texto" in response.text
    assert Topic.objects.count() == 3


def test_a_flood_of_replies_hits_the_limit_without_a_500(client_for, alice, dora, category):
    topic = start_topic(dora, category)
    client = client_for(alice)
    statuses = [
        client.post(
            f"/forum/t/{topic.pk}/reply/", {"body": f"Mensaje {n}", "language": "es"}
        ).status_code
        for n in range(22)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20:] == [429, 429]
    assert topic.posts.filter(author=alice).count() == 20


def test_older_accounts_are_not_limited(dora, category):
    for number in range(5):
        start_topic(dora, category, title=f"Tema número {number}")
    assert Topic.objects.count() == 5


def test_a_new_accounts_first_posts_wait_for_a_moderator_when_the_setting_says_so(
    client_for, client, alice, dora, mona, category, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = start_topic(dora, category)
    with django_capture_on_commit_callbacks(execute=True):
        held = reply(topic, alice, body="Mi primera respuesta")
    assert held.status == Post.Status.PENDING
    assert "Mi primera respuesta" in client_for(alice).get(topic.get_absolute_url()).text
    client.logout()
    assert "Mi primera respuesta" not in client.get(topic.get_absolute_url()).text
    topic.refresh_from_db()
    assert topic.reply_count == 0
    assert emails_to(dora) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(post=held, by=mona)
    assert "Mi primera respuesta" in client.get(topic.get_absolute_url()).text
    assert len(emails_to(dora)) == 1
    assert reply(topic, alice, body="La segunda ya no espera").status == Post.Status.VISIBLE


def test_a_held_topic_is_not_listed_for_others(client, alice, category, settings):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    topic = start_topic(alice, category, title="Tema que espera revisión")
    assert topic.status == Topic.Status.PENDING
    assert "Tema que espera revisión" not in client.get(category.get_absolute_url()).text
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_a_closed_category_takes_no_new_topic(alice, category):
    category.is_closed = True
    category.save()
    with pytest.raises(PermissionDenied):
        start_topic(alice, category)
    assert not Topic.objects.exists()


# Topics about objects of the programme


def test_a_topic_about_an_organisation_shows_on_its_page(
    client_for, client, bob, organisation, category
):
    about = f"stakeholders.organisation:{organisation.pk}"
    organisation.verified = True
    organisation.save()
    page = client.get(organisation.get_absolute_url()).text
    assert "Nadie ha abierto una conversación" in page
    form = client_for(bob).get(f"/forum/new/?about={about}")
    assert "Biblioteca Central" in form.text
    response = client_for(bob).post(
        f"/forum/new/?about={about}",
        {
            "category": category.pk,
            "title": "Horario ampliado",
            "body": "Abrimos los domingos.",
            "language": "es",
            "about": about,
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and topic.about == organisation
    client.logout()
    page = client.get(organisation.get_absolute_url()).text
    assert "Horario ampliado" in page
    listing = client.get(f"/forum/about/?about={about}").text
    assert "Horario ampliado" in listing


@pytest.mark.parametrize(
    "about", ["learningcity.user:1", "stakeholders.organisation:999999", "nada", "auth.group:x"]
)
def test_a_topic_cannot_be_about_anything_else(client_for, alice, about):
    assert client_for(alice).get(f"/forum/new/?about={about}").status_code == 404


@pytest.mark.parametrize("title", ["Reply !!!", "Follow", "moderate..."])
def test_a_title_named_like_a_topics_own_page_still_opens_the_topic(client, dora, category, title):
    topic = start_topic(dora, category, title=title)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert title in response.text


def test_the_author_finds_a_held_topic_apart_on_the_categorys_page(
    client_for, alice, category, settings
):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    start_topic(alice, category, title="Tema que espera revisión")
    page = client_for(alice).get(category.get_absolute_url()).text
    waiting = page.split("Sus temas en espera de un moderador", 1)[1]
    assert "Tema que espera revisión" in waiting
    assert "0 temas." in page


def test_a_deep_page_of_a_long_category_shows_its_own_topics(client, dora, category):
    from stakeholders.forum import selectors

    for number in range(35):
        start_topic(dora, category, title=f"Tema número {number:02d}")
    category.refresh_from_db()
    page = selectors.category_topics(category, None, 2)
    assert [topic.title for topic in page.object_list] == [
        f"Tema número {number:02d}" for number in range(4, -1, -1)
    ]
    assert page.paginator.num_pages == 2
