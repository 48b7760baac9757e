"""Full-text search of learning opportunities.

On PostgreSQL each opportunity keeps a `search_vector` of its name (weighted A) and description
in both languages, each read with its language's configuration (`spanish_unaccent`,
`english_unaccent`, made by the forum's migration: accents and stems do not matter), filled
here by the services and GIN-indexed (migration 0002). The reader's query is read with both
configurations, OR-ed, since we do not know which language it is written in, and results are
ranked. Elsewhere (SQLite, the embedded run) each word of the query must appear, in any case, in
the name or the description in either language.
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, Q

from learningcity.content_languages import text_search
from provision.models import Opportunity
from stakeholders.forum.search import CONFIGS, clean_query, uses_vectors, words_of

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8


def _vector():
    parts = [
        SearchVector(f"{field}_{language}", config=config, weight=weight)
        for language, config in CONFIGS.items()
        for field, weight in (("name", "A"), ("description", "B"))
    ]
    return reduce(operator.add, parts)


def index(opportunity):
    """Called by the services after saving `opportunity`."""
    if uses_vectors():
        Opportunity.objects.filter(pk=opportunity.pk).update(search_vector=_vector())


def reindex():
    """Every opportunity's vector in one statement, for rows made in bulk (the demo)."""
    if uses_vectors():
        Opportunity.objects.update(search_vector=_vector())


def matching(queryset, query):
    """`queryset` narrowed to what matches `query`, best first on PostgreSQL."""
    query = clean_query(query)[:MAX_QUERY_LENGTH]
    words = list(dict.fromkeys(words_of(query)))[:MAX_WORDS]
    if not words:
        return queryset
    if uses_vectors():
        tsquery = reduce(
            operator.or_,
            (
                SearchQuery(query, config=config, search_type="websearch")
                for config in CONFIGS.values()
            ),
        )
        return (
            queryset.filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", *queryset.query.order_by or Opportunity._meta.ordering)
        )
    every_word = (
        text_search(Opportunity, "name", "icontains", word)
        | text_search(Opportunity, "description", "icontains", word)
        for word in words
    )
    return queryset.filter(reduce(operator.and_, every_word, Q()))
