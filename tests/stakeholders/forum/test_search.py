"""Searching the forum: /forum/search/?q=... finds topics by their title and by their posts,
never by a post its reader may not see, a page of 20 at a time in a constant number of queries.

The tests without a mark run on whatever database the suite runs on (SQLite locally, PostgreSQL
in CI); those marked `services` check what only PostgreSQL does (accents, stems, the indexes)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from stakeholders.forum import search, services
from stakeholders.forum.models import Post, Topic
from tests.conftest import IN_CI
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import UserFactory
from tests.stakeholders.forum.factories import reply, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

URL = "/forum/search/"
# Messages are checked in English: the Spanish catalogue is filled after the code.
EN_URL = "/en/forum/search/"


@pytest.fixture
def erin(db):
    """Erin, a citizen of long standing (no new-account limits), who writes a lot."""
    return UserFactory(
        email="erin@example.org",
        full_name="Erin Escritora",
        date_joined=timezone.now() - timedelta(days=400),
    )


@pytest.fixture
def moderator(db):
    return UserFactory(
        email="mod@example.org",
        roles=["moderator"],
        date_joined=timezone.now() - timedelta(days=400),
    )


def found(client, query, *, url=URL, **params):
    response = client.get(url, {"q": query, **params})
    assert response.status_code == 200
    return response.text


def titles(user, query):
    return [result.topic.title for result in search.search(query, user=user)[0:100]]


# Finding


def test_a_word_of_a_title_finds_its_topic(client, category, erin):
    start_topic(erin, category, title="Huertos escolares en el barrio", body="Empezamos ya.")
    start_topic(erin, category, title="Clubes de lectura", body="Los jueves.")
    page = found(client, "huertos", url=EN_URL)
    assert "<mark>Huertos</mark> escolares en el barrio" in page
    assert "Clubes de lectura" not in page
    assert "1 topic matches “huertos”." in page


def test_a_word_of_a_reply_finds_its_topic_and_shows_that_reply(client, category, erin, dora):
    topic = start_topic(erin, category, title="Lectura para mayores", body="¿Quién se suma?")
    post = reply(topic, dora, body="Nuestra biblioteca ofrece un **club** de alfabetización.")
    english = reply(topic, erin, body="Our library runs a reading circle.", language="en")
    page = found(client, "alfabetización")
    assert f'href="{post.get_absolute_url()}"' in page
    assert '<p class="search-excerpt" lang="es">' in page
    assert "<mark>alfabetización</mark>" in page
    assert "**" not in page, "the excerpt shows the text, not its Markdown"
    page = found(client, "circle")
    assert f'href="{english.get_absolute_url()}"' in page
    assert '<p class="search-excerpt" lang="en">' in page


def test_a_topic_found_by_its_title_links_to_the_topic_with_its_opening_post(
    client, category, erin
):
    topic = start_topic(erin, category, title="Ferias de oficios", body="Primera feria: mayo.")
    page = found(client, "oficios")
    assert f'href="{topic.get_absolute_url()}"' in page
    assert "Primera feria: mayo." in page


def test_every_word_of_the_query_must_be_in_the_same_title_or_post(category, erin, dora):
    start_topic(erin, category, title="Huertos escolares", body="Con las familias del huerto.")
    start_topic(erin, category, title="Huertos comunitarios", body="Con los vecinos.")
    start_topic(erin, category, title="Familias lectoras", body="Cuentos en casa.")
    assert titles(dora, "huerto familias") == ["Huertos escolares"]
    assert titles(dora, "huertos escolares") == ["Huertos escolares"]
    assert titles(dora, "comunitarios familias") == []


def test_a_topic_whose_title_matches_ranks_above_one_where_only_a_reply_does(category, erin, dora):
    in_title = start_topic(erin, category, title="Compostaje en casa", body="Ideas.")
    in_reply = start_topic(erin, category, title="Jardines verticales", body="Ideas.")
    reply(in_reply, dora, body="Hay que pensar en el compostaje también.")
    # The reply is newer: without ranking, its topic would come first.
    assert in_reply.posts.count() == 2
    assert titles(dora, "compostaje") == [in_title.title, in_reply.title]


def test_the_excerpt_escapes_what_people_wrote(client, category, erin):
    start_topic(
        erin,
        category,
        title="Seguridad del taller",
        body='El taller <script>alert("x")</script> <img src=x onerror=alert(1)> es libre.',
    )
    start_topic(erin, category, title="Uso de <table> en el taller", body="Tablas.")
    page = found(client, "taller")
    assert "Uso de &lt;table&gt; en el" in page
    assert "<script>alert" not in page and "<img src=x" not in page
    # PostgreSQL's excerpt leaves out what it reads as tags (titles keep them); the rest is
    # shown as text.
    assert "&lt;img src=x onerror=alert(1)&gt; es libre" in page


# What readers may not see is never found


def test_posts_hidden_by_a_moderator_or_their_author_are_found_by_nobody(
    client, category, erin, dora, moderator
):
    topic = start_topic(erin, category, title="Intercambio de libros", body="Cada sábado.")
    hidden = reply(topic, dora, body="Vendo relojes baratos, escribe a spam@example.org")
    services.post_hide(post=hidden, by=moderator, reason="Publicidad")
    withdrawn = reply(topic, dora, body="Me equivoqué de tema: hablaba de acuarelas.")
    services.post_hide_by_author(post=withdrawn, by=dora)
    for reader in (AnonymousUser(), erin, dora, moderator):
        assert titles(reader, "relojes") == [] and titles(reader, "acuarelas") == []
        assert titles(reader, "sábado") == ["Intercambio de libros"]
    assert "Intercambio de libros" not in found(client, "relojes")


def test_a_post_held_for_review_is_found_only_by_its_author_and_moderators(
    settings, client_for, category, erin, moderator
):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    newcomer = UserFactory(email="nuevo@example.org")
    topic = start_topic(erin, category, title="Teatro comunitario", body="Ensayos los martes.")
    held = reply(topic, newcomer, body="Propongo marionetas para los niños.")
    assert held.status == Post.Status.PENDING
    assert titles(erin, "marionetas") == []
    assert titles(AnonymousUser(), "marionetas") == []
    assert titles(newcomer, "marionetas") == ["Teatro comunitario"]
    assert titles(moderator, "marionetas") == ["Teatro comunitario"]


def test_a_held_topic_is_found_neither_by_its_title_nor_its_text_by_others(
    settings, category, erin, moderator
):
    settings.FORUM_HOLD_FIRST_POSTS = 1
    newcomer = UserFactory(email="nuevo@example.org")
    start_topic(newcomer, category, title="Cursos de cerámica", body="Horno compartido.")
    assert titles(erin, "cerámica") == [] and titles(erin, "horno") == []
    assert titles(newcomer, "cerámica") == ["Cursos de cerámica"]


# Pages and queries


def test_results_come_twenty_a_page_and_the_next_page_keeps_the_query(client, category, erin):
    for number in range(search.PER_PAGE + 3):
        start_topic(erin, category, title=f"Taller número {number}", body="Inscripción libre.")
    first = found(client, "taller", url=EN_URL)
    assert first.count('class="search-excerpt"') == search.PER_PAGE
    assert "23 topics match “taller”." in first
    assert "?q=taller&amp;page=2" in first
    second = found(client, "taller", page=2)
    assert second.count('class="search-excerpt"') == 3
    # A page past the end shows the last one rather than an error.
    assert found(client, "taller", page=99).count('class="search-excerpt"') == 3


def test_the_search_runs_the_same_queries_whatever_the_number_of_results(
    client, category, erin, dora
):
    count = 0

    def add(n):
        nonlocal count
        texts = []
        for _ in range(n):
            count += 1
            topic = start_topic(erin, category, title=f"Taller de radio {count}", body="Hola.")
            reply(topic, dora, body=f"Grabamos el programa {count} del taller.")
            texts.append(f"Taller</mark> de radio {count}")
        return texts

    assert_constant_queries(client, f"{URL}?q=taller", add)


def test_the_search_reads_a_page_in_three_queries(django_assert_num_queries, category, erin):
    for number in range(5):
        topic = start_topic(erin, category, title=f"Huerto {number}", body="Semillas.")
        reply(topic, erin, body="Más semillas.")
    results = search.search("semillas", user=erin)
    with django_assert_num_queries(3):
        page = [(r.topic.category.name, r.excerpt_html) for r in results[0:20]]
        assert results.count() == 5
    assert len(page) == 5


def _active(topic, days_ago):
    """Set when `topic` was last active, for tests that depend on it."""
    Topic.objects.filter(pk=topic.pk).update(
        last_activity_at=timezone.now() - timedelta(days=days_ago)
    )


def test_more_matches_than_are_ranked_ranks_the_most_recently_active_and_says_so(
    monkeypatch, client, category, erin, dora
):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    # The oldest topic matches best (its title), but only the 3 most recently active count.
    oldest = start_topic(erin, category, title="Taller de radio", body="Grabamos.")
    _active(oldest, days_ago=30)
    for number in range(4):
        topic = start_topic(erin, category, title=f"Encuentro {number}", body="Hola.")
        reply(topic, dora, body="Nos vemos en el taller.")
        _active(topic, days_ago=number)
    results = search.search("taller", user=dora)
    assert results.count() == 3 and results.more
    assert [r.topic.title for r in results[0:20]] == ["Encuentro 0", "Encuentro 1", "Encuentro 2"]
    page = found(client, "taller", url=EN_URL)
    assert (
        "More than 3 topics match “taller”: the 3 most recently active are shown, best first."
        in page
    )
    assert "Taller de radio" not in page


def test_exactly_as_many_matches_as_are_ranked_are_all_counted(monkeypatch, client, category, erin):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    for number in range(3):
        start_topic(erin, category, title=f"Taller {number}", body="Hola.")
    results = search.search("taller", user=erin)
    assert results.count() == 3 and not results.more
    page = found(client, "taller", url=EN_URL)
    assert "3 topics match “taller”." in page and "More than" not in page


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("taller", ["talleres"]),
        ("talleres", ["taller"]),
        ("voces", ["voz"]),
        ("voz", ["voces"]),
        ("días", ["día"]),
        ("casa", ["casas"]),
        ("Ciudad", ["ciudades"]),
        ("de", []),
        ("2026", []),
        ("test", []),
    ],
)
def test_other_numbers_follow_the_spanish_spelling_rules(word, other):
    assert search.other_numbers(word) == other


# Bad input


def test_an_empty_query_shows_just_the_form(client, category, erin):
    start_topic(erin, category, title="Huertos escolares", body="Empezamos ya.")
    for query in ("", "   "):
        page = found(client, query)
        assert 'name="q"' in page and 'role="status"' not in page
        assert "Huertos escolares" not in page
    assert client.get(URL).status_code == 200


def test_an_overlong_query_gets_a_message_not_an_error(client):
    page = found(client, "educación " * 35, url=EN_URL)
    assert "at most 200 characters" in page
    assert 'role="status"' not in page


def test_a_query_of_only_punctuation_gets_a_message(client):
    for query in ("!!!", "¿?", "--- ***", '"', "&|!():*"):
        page = found(client, query, url=EN_URL)
        assert "Type at least one word or number to search for." in page, query


@pytest.mark.parametrize(
    "query",
    [
        "taller & | ! ( ) : * <->",
        "'; DROP TABLE stakeholders_post; --",
        "taller OR -lectura",
        '"taller de',
        "%_%",
        "\\",
        "😀 taller",
        "a" * 200,
    ],
)
def test_odd_queries_are_answered_without_an_error(client, category, erin, query):
    start_topic(erin, category, title="Taller de radio", body="Grabamos los jueves.")
    response = client.get(URL, {"q": query, "page": "x"})
    assert response.status_code == 200


def test_a_nul_in_the_query_is_a_bad_request(client):
    # PostgreSQL refuses a NUL in text (learningcity.middleware.NullCharacterMiddleware).
    assert client.get(URL, {"q": "taller\x00"}).status_code == 400


def test_a_like_wildcard_in_the_query_matches_only_itself(category, erin):
    start_topic(erin, category, title="Huertos escolares", body="Empezamos ya.")
    assert titles(erin, "%") == [] and titles(erin, "_") == []


def test_the_search_page_works_in_english(client, category, erin):
    start_topic(erin, category, title="Reading circle", body="Thursdays.", language="en")
    page = client.get("/en/forum/search/", {"q": "circle"}).text
    assert "1 topic matches “circle”." in page
    assert "Share your experience" in page


# PostgreSQL: accents, stems, configurations and indexes


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL (README: Services tests)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.services
def test_a_search_without_accents_finds_words_written_with_them(postgresql, category, erin):
    start_topic(erin, category, title="EDUCACIÓN de adultos", body="Alfabetización nocturna.")
    assert titles(erin, "educacion") == ["EDUCACIÓN de adultos"]
    assert titles(erin, "alfabetizacion") == ["EDUCACIÓN de adultos"]
    assert titles(erin, "Educación") == ["EDUCACIÓN de adultos"]


@pytest.mark.services
def test_a_search_with_accents_finds_words_written_without_them(postgresql, category, erin):
    start_topic(erin, category, title="Educacion de adultos", body="Sin tildes en el teclado.")
    assert titles(erin, "educación") == ["Educacion de adultos"]


@pytest.mark.services
def test_a_search_finds_other_forms_of_the_same_word(postgresql, category, erin, dora):
    spanish = start_topic(erin, category, title="Un taller de radio", body="Cada jueves.")
    english = start_topic(
        erin, category, title="Digital skills", body="One workshop a month.", language="en"
    )
    reply(spanish, dora, body="Las bibliotecas organizaron muchos cursos.")
    assert titles(erin, "talleres") == [spanish.title]
    assert titles(erin, "workshops") == [english.title]
    assert titles(erin, "biblioteca organiza") == [spanish.title]
    assert titles(erin, "talleres de radios") == [spanish.title]
    [result] = search.search("talleres", user=erin)[0:20]
    assert str(result.title_html) == "Un <mark>taller</mark> de radio"


@pytest.mark.services
@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("taller", "talleres"),
        ("talleres", "taller"),
        ("ciudades", "ciudad"),
        ("mujer", "mujeres"),
        ("jóvenes", "joven"),
        ("voz", "voces"),
        ("días", "día"),
        ("Educación", "educaciones"),
    ],
)
def test_a_spanish_word_finds_its_plural_and_its_singular(
    postgresql, category, erin, written, searched
):
    """Snowball's Spanish stems of these differ between singular and plural (taller → tall,
    talleres → taller): the search reads each word of a plain query in both numbers."""
    start_topic(erin, category, title="Notas del barrio", body=f"Hablamos de {written} hoy.")
    assert titles(erin, searched) == ["Notas del barrio"]


@pytest.mark.services
def test_the_other_number_of_a_stop_word_is_not_required(postgresql, category, erin):
    # "para" is a stop word; "paras" would not be.
    start_topic(erin, category, title="Talleres para mayores", body="Cada martes.")
    assert titles(erin, "taller para mayores") == ["Talleres para mayores"]


@pytest.mark.services
def test_web_search_syntax_is_not_undone_by_the_other_numbers(postgresql, category, erin):
    start_topic(erin, category, title="Taller de lectura", body="Cada martes.")
    start_topic(erin, category, title="Taller de radio", body="Cada jueves.")
    assert titles(erin, "taller -lectura") == ["Taller de radio"]
    assert titles(erin, '"taller de radio"') == ["Taller de radio"]


@pytest.mark.services
def test_a_post_is_indexed_in_the_language_it_is_written_in(postgresql, category, erin):
    topic = start_topic(erin, category, title="Circle", body="We were running.", language="en")
    post = topic.posts.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM stakeholders_post WHERE id = %s", [post.pk])
        assert cursor.fetchone()[0] == "'run':3"
        cursor.execute(
            "SELECT search_vector::text FROM stakeholders_topic WHERE id = %s", [topic.pk]
        )
        assert cursor.fetchone()[0] == "'circl':1A"


@pytest.mark.services
def test_an_edit_indexes_the_new_text(postgresql, category, erin):
    topic = start_topic(erin, category, title="Grupo de ajedrez", body="Los lunes.")
    services.post_edit(
        post=topic.posts.get(), body="Los martes, con tableros.", by=erin, title="Club de damas"
    )
    assert titles(erin, "ajedrez") == [] and titles(erin, "lunes") == []
    assert titles(erin, "damas") == ["Club de damas"] == titles(erin, "tableros")


@pytest.mark.services
def test_reindex_fills_the_vectors_of_rows_made_without_the_services(postgresql, category, erin):
    topic = start_topic(erin, category, title="Música en la plaza", body="Conciertos libres.")
    Post.objects.update(search_vector=None)
    topic.__class__.objects.update(search_vector=None)
    assert titles(erin, "musica") == []
    search.reindex()
    assert titles(erin, "musica") == ["Música en la plaza"] == titles(erin, "concierto")


@pytest.mark.services
def test_the_migration_made_both_configurations_and_the_gin_indexes(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE '%%_unaccent'")
        assert {row[0] for row in cursor.fetchall()} == {"spanish_unaccent", "english_unaccent"}
        cursor.execute(
            "SELECT indexname, tablename, indexdef FROM pg_indexes "
            "WHERE indexname IN ('forum_topic_search', 'forum_post_search')"
        )
        indexes = {name: (table, definition) for name, table, definition in cursor.fetchall()}
    assert set(indexes) == {"forum_topic_search", "forum_post_search"}
    assert indexes["forum_topic_search"][0] == "stakeholders_topic"
    assert indexes["forum_post_search"][0] == "stakeholders_post"
    assert all("USING gin (search_vector)" in d for _, d in indexes.values())


@pytest.mark.services
@pytest.mark.parametrize("few", [1000, 1])
def test_rare_and_frequent_words_are_found_alike(
    monkeypatch, postgresql, category, erin, dora, few
):
    """A word of fewer than FEW titles or posts is read from what the GIN index finds, a
    frequent one by walking the topics by last activity: with FEW = 1 every word here is
    frequent, and the search must find the same topics, hidden and held posts still unseen."""
    monkeypatch.setattr(search, "FEW", few)
    in_title = start_topic(erin, category, title="Taller de radio", body="Los jueves.")
    by_post = start_topic(erin, category, title="Encuentro vecinal", body="Hola.")
    reply(by_post, dora, body="Propongo un taller de costura.")
    hidden = start_topic(erin, category, title="Mercadillo", body="Sábados.")
    hiding = reply(hidden, dora, body="Un taller de relojes baratos.")
    services.post_hide_by_author(post=hiding, by=dora)
    assert sorted(titles(dora, "taller")) == sorted([in_title.title, by_post.title])
    assert titles(dora, "costura") == [by_post.title]
    assert titles(dora, "relojes") == []
    assert titles(AnonymousUser(), "jueves") == [in_title.title]


@pytest.mark.services
@pytest.mark.parametrize("few", [1000, 1])
def test_a_held_topic_is_found_by_its_author_and_moderators_either_way(
    monkeypatch, settings, postgresql, category, erin, moderator, few
):
    """Signed-in readers and moderators see topics of several statuses: each is walked apart."""
    monkeypatch.setattr(search, "FEW", few)
    settings.FORUM_HOLD_FIRST_POSTS = 1
    newcomer = UserFactory(email="nuevo@example.org")
    start_topic(erin, category, title="Cursos de cerámica", body="Horno compartido.")
    start_topic(newcomer, category, title="Cerámica para niños", body="Horno pequeño.")
    assert titles(erin, "cerámica") == ["Cursos de cerámica"] == titles(erin, "horno")
    expected = sorted(["Cursos de cerámica", "Cerámica para niños"])
    for reader in (newcomer, moderator):
        assert sorted(titles(reader, "cerámica")) == expected == sorted(titles(reader, "horno"))


@pytest.mark.services
def test_a_topic_is_ranked_by_the_first_of_its_matching_posts(
    monkeypatch, postgresql, category, erin, dora
):
    """A topic of 10,000 posts is not read whole: its rank and the post shown come from its
    first RANKED_POSTS matching posts."""
    topic = start_topic(erin, category, title="Encuentro vecinal", body="Hola.")
    first = reply(topic, dora, body="Hablemos del taller.")
    best = reply(topic, dora, body="Taller, taller y más taller: el taller de radio.")
    [result] = search.search("taller", user=erin)[0:20]
    assert result.post == best
    monkeypatch.setattr(search, "RANKED_POSTS", 1)
    [result] = search.search("taller", user=erin)[0:20]
    assert result.post == first


@pytest.mark.services
def test_the_gin_indexes_keep_no_pending_list(postgresql):
    """Migration 0006: a pending list is read through by every search until VACUUM merges it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class "
            "WHERE relname IN ('forum_topic_search', 'forum_post_search')"
        )
        options = dict(cursor.fetchall())
    assert options == {
        "forum_topic_search": ["fastupdate=off"],
        "forum_post_search": ["fastupdate=off"],
    }
