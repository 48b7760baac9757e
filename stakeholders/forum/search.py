"""Search across topics and posts.

On PostgreSQL each topic and post keeps a `search_vector`, filled here by the services when they
save it, with the text-search configuration of the language it is written in
(`spanish_unaccent` or `english_unaccent`, made by migration 0004: `unaccent()` cannot sit in an
index expression, so the vector is stored and GIN-indexed instead). Elsewhere (SQLite, the
embedded run) the vectors stay empty and search falls back to plain case-insensitive matching.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value

CONFIGS = {"es": "spanish_unaccent", "en": "english_unaccent"}


def config_for(language):
    return CONFIGS.get(language, CONFIGS["es"])


def uses_vectors():
    return connection.vendor == "postgresql"


def index_post(post):
    if uses_vectors():
        type(post).objects.filter(pk=post.pk).update(
            search_vector=SearchVector(Value(post.body), config=config_for(post.language))
        )


def index_topic(topic):
    if uses_vectors():
        type(topic).objects.filter(pk=topic.pk).update(
            search_vector=SearchVector(Value(topic.title), config=config_for(topic.language))
        )
