"""The forum's pages are kept rendered for the public (learningcity.kept): a second reading asks
the database for no post, and a new topic, a reply, a hidden post or a moved topic shows at once.
Signed-in people, who may reply, follow and moderate, always get the page rendered for them."""

import pytest

from stakeholders.forum import services
from tests.queries import count_queries
from tests.stakeholders.forum.factories import CategoryFactory, reply, start_topic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_today", "reference_data", "keeping"),
]

INDEX = "/forum/"
SEARCH = "/forum/search/"


@pytest.fixture
def keeping(kept):
    """Every test here reads the pages as the public does, kept."""


def page(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, url
    return response.content.decode()


def reads_posts(client, url):
    return [q["sql"] for q in count_queries(client, url) if "stakeholders_post" in q["sql"]]


def test_the_index_a_category_and_a_topic_are_read_once_and_a_reply_shows_at_once(
    client, kept, dora, category
):
    topic = kept(lambda: start_topic(dora, category, title="Clubes de lectura en los barrios"))
    for url in [INDEX, category.get_absolute_url(), topic.get_absolute_url()]:
        assert "Clubes de lectura en los barrios" in page(client, url)
        assert reads_posts(client, url) == [], url

    kept(lambda: reply(topic, dora, body="Yo llevo las galletas."))
    assert "Yo llevo las galletas." in page(client, topic.get_absolute_url())
    assert "1 respuesta" in page(client, category.get_absolute_url())


def test_a_post_hidden_by_a_moderator_leaves_the_public_page_at_once(
    client, kept, dora, mona, category
):
    topic = kept(lambda: start_topic(dora, category))
    post = kept(lambda: reply(topic, dora, body="Compren en mi tienda."))
    assert "Compren en mi tienda." in page(client, topic.get_absolute_url())

    kept(lambda: services.post_hide(post=post, by=mona, reason="Publicidad"))
    content = page(client, topic.get_absolute_url())
    assert "Compren en mi tienda." not in content
    assert "Ocultada por un moderador." in content


def test_each_page_of_a_topic_is_kept_apart_and_a_page_out_of_range_is_never_kept(
    client, kept, dora, category
):
    topic = kept(lambda: start_topic(dora, category))
    for number in range(25):  # two pages of 20
        kept(lambda number=number: reply(topic, dora, body=f"Respuesta número {number}."))
    url = topic.get_absolute_url()
    assert "Respuesta número 24." not in page(client, url)
    assert "Respuesta número 24." in page(client, url, page=2)
    assert reads_posts(client, f"{url}?page=2") == []

    page(client, url, page=9)  # the last page, shown under the number asked
    assert reads_posts(client, f"{url}?page=9")
    page(client, url, utm="x")  # junk is carried into the links: never kept
    assert reads_posts(client, f"{url}?utm=x")


def test_a_signed_in_reader_gets_the_reply_form_never_the_public_copy(
    client, client_for, kept, dora, alice, category
):
    topic = kept(lambda: start_topic(dora, category))
    assert "para responder" in page(client, topic.get_absolute_url())

    content = page(client_for(alice), topic.get_absolute_url())
    assert "Publicar respuesta" in content
    assert "csrfmiddlewaretoken" in content


def test_a_search_is_kept_until_the_forum_changes(client, kept, dora, category):
    kept(lambda: start_topic(dora, category, title="Huertos escolares"))
    assert "1 tema coincide" in page(client, SEARCH, q="huertos")
    assert reads_posts(client, f"{SEARCH}?q=huertos") == []

    kept(lambda: start_topic(dora, category, title="Más huertos en el norte"))
    found = page(client, SEARCH, q="huertos")
    assert "2 temas coinciden" in found
    assert "en el norte" in found and "escolares" in found


def test_a_topic_moved_to_another_category_moves_on_both_kept_pages(
    client, kept, dora, mona, category
):
    other = kept(lambda: CategoryFactory(name_es="Propuestas"))
    topic = kept(lambda: start_topic(dora, category, title="Bibliotecas abiertas en domingo"))
    assert topic.title in page(client, category.get_absolute_url())
    assert topic.title not in page(client, other.get_absolute_url())

    kept(lambda: services.topic_move(topic=topic, category=other, by=mona))
    assert topic.title not in page(client, category.get_absolute_url())
    assert topic.title in page(client, other.get_absolute_url())
