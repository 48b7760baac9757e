"""The forum's lists read a constant number of queries whatever their length."""

import pytest

from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.stakeholders.forum.factories import CategoryFactory, reply, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_the_forum_index(client, dora):
    def add_rows(n):
        categories = [CategoryFactory() for _ in range(n)]
        for category in categories:
            start_topic(dora, category, title=f"Tema de {category.name_es}")
        return [category.name_es for category in categories]

    assert_constant_queries(client, "/forum/", add_rows)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_category_page(client_for, client, dora, alice, category, signed_in):
    if signed_in:
        client = client_for(alice)

    def add_rows(n):
        titles = []
        for number in range(n):
            topic = start_topic(dora, category, title=f"Tema {category.topic_count}-{number}")
            reply(topic, UserFactory())
            titles.append(topic.title)
        category.refresh_from_db()
        return titles

    assert_constant_queries(client, category.get_absolute_url(), add_rows)


@pytest.mark.parametrize("viewer", ["anonymous", "citizen", "moderator"])
def test_a_topic_page(client_for, client, dora, alice, mona, category, viewer):
    topic = start_topic(dora, category)
    client = {"anonymous": client, "citizen": client_for(alice), "moderator": client_for(mona)}[
        viewer
    ]

    def add_rows(n):
        bodies = []
        for number in range(n):
            author = UserFactory()
            organisation = OrganisationFactory()
            MembershipFactory(user=author, organisation=organisation)
            body = f"Respuesta {topic.posts.count()}-{number}"
            reply(topic, author, body=body, organisation=organisation)
            bodies.append(body)
        return bodies

    assert_constant_queries(client, topic.get_absolute_url(), add_rows)
