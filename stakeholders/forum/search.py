"""Search across topics and posts.

On PostgreSQL each topic and post keeps a `search_vector`, filled here by the services when they
save it, with the text-search configuration of the language it is written in
(`spanish_unaccent` or `english_unaccent`, made by migration 0004: `unaccent()` cannot sit in an
index expression, so the vector is stored and GIN-indexed instead). A topic's vector holds its
title, weighted A so that a title that matches ranks above a post that does; a post's its text.
The reader's query is read with both configurations, OR-ed: we do not know which language it is
written in, and each reading finds what is written in its language. Every word of a query must be
in the same title or the same post.

Spanish stems disagree between many a singular and its plural (Snowball makes "taller" `tall`
but "talleres" `taller`; "ciudad" `ciud`, "ciudades" `ciudad`; "mujer", "joven", "voz", "día"...),
so a plain query (no quotes, no -word, no "or") gets a third reading, in Spanish, where each word
may also be its other number. Stop words stay out of it: their other forms would be words.

Elsewhere (SQLite, the embedded run) the vectors stay empty and search falls back to plain
case-insensitive matching of each word of the query in titles and posts (SQLite folds the case
of ASCII letters only, and knows neither accents nor stems).

`search()` returns the matches lazily, for Django's Paginator: one query counts them and two
read a page (its topics, then the post shown under each), however many there are.
"""

import html
import operator
import re
from dataclasses import dataclass
from functools import reduce

import nh3
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe

from stakeholders.forum import text
from stakeholders.forum.models import Post, Topic

CONFIGS = {"es": "spanish_unaccent", "en": "english_unaccent"}
DEFAULT_CONFIG = CONFIGS["es"]
PER_PAGE = 20
# Longer queries are refused by the view: nobody types more, and each word costs a lookup.
MAX_QUERY_LENGTH = 200
# Words of the query matched on SQLite, where each is one more LIKE over the posts, and read
# in their other number on PostgreSQL.
MAX_FALLBACK_WORDS = 8
EXCERPT_WORDS = 30
# Marks around matched words in PostgreSQL's headlines, from Unicode's private use area so
# they cannot be confused with what people write; turned into <mark> once the text is escaped.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
HIDDEN = [Post.Status.HIDDEN_BY_AUTHOR, Post.Status.HIDDEN_BY_MODERATOR]


def config_for(language):
    return CONFIGS.get(language, DEFAULT_CONFIG)


def _config_of(field):
    """The configuration of each row's language, as an SQL expression."""
    return Case(
        *(When(**{field: language}, then=Value(config)) for language, config in CONFIGS.items()),
        default=Value(DEFAULT_CONFIG),
    )


def uses_vectors():
    return connection.vendor == "postgresql"


def _topic_vector():
    return SearchVector("title", config=_config_of("language"), weight="A")


def _post_vector():
    return SearchVector("body", config=_config_of("language"))


def index_post(post):
    """Called by the services after saving `post`: its vector is read from the saved row."""
    if uses_vectors():
        Post.objects.filter(pk=post.pk).update(search_vector=_post_vector())


def index_topic(topic):
    if uses_vectors():
        Topic.objects.filter(pk=topic.pk).update(search_vector=_topic_vector())


def reindex():
    """Every topic's and post's vector again, in two statements: for rows made without the
    services (bulk-created demo or benchmark data)."""
    if uses_vectors():
        Topic.objects.update(search_vector=_topic_vector())
        Post.objects.update(search_vector=_post_vector())


def clean_query(query):
    """The query as one line of printable text: control characters (PostgreSQL refuses NUL
    outright) and runs of spaces become one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in query or "").split())


def words_of(query):
    """The words of a query, without its punctuation; a query with none finds nothing."""
    return re.findall(r"\w+", query or "")


VOWELS = "aeiouáéíóúü"


def other_numbers(word):
    """The Spanish plural of a singular, the singular of a plural (a guess by the spelling
    rules: "taller" → "talleres", "voces" → "voz", "días" → "día"); none for a short word."""
    word = word.casefold()
    if len(word) < 3 or word.isdigit():
        return []
    if word.endswith("ces"):
        return [word[:-3] + "z"]
    if word.endswith("es") and len(word) > 4 and word[-3] not in VOWELS:
        return [word[:-2]]
    if word.endswith("s") and word[-2] in VOWELS:
        return [word[:-1]]
    if word.endswith("z"):
        return [word[:-1] + "ces"]
    if word[-1] in VOWELS:
        return [word + "s"]
    if word[-1] in "lrndj":
        return [word + "es"]
    return []


def _is_plain(query):
    """No web-search syntax: quotes, a word excluded with "-", an "or"."""
    return '"' not in query and not re.search(r"(^|\s)-\w|\bor\b", query, re.IGNORECASE)


class _AnyNumber(SearchQueryCombinable, Func):
    """A word of the query in Spanish, or its other number; a stop word stays itself (an empty
    query, which PostgreSQL drops from an AND)."""

    output_field = SearchQueryField()

    def __init__(self, word):
        self.config = None
        super().__init__(
            *(
                SearchQuery(form, config=CONFIGS["es"], search_type="plain")
                for form in [word, *other_numbers(word)]
            )
        )

    def as_sql(self, compiler, connection, **extra_context):
        (word, word_params), *others = (
            compiler.compile(form) for form in self.get_source_expressions()
        )
        any_form = " || ".join([word] + [sql for sql, _ in others])
        sql = f"(CASE WHEN numnode({word}) = 0 THEN {word} ELSE ({any_form}) END)"
        params = [*word_params, *word_params, *word_params]
        return sql, params + [param for _, form_params in others for param in form_params]


@dataclass
class Result:
    topic: Topic
    post: Post | None
    title_html: str
    excerpt_html: str

    @property
    def language(self):
        return self.post.language if self.post else self.topic.language

    @property
    def url(self):
        if self.post is not None and self.post.number > 1:
            return self.post.get_absolute_url()
        return self.topic.get_absolute_url()


def _marked_html(marked):
    """Escape text whose matches sit between START and STOP, and mark them with <mark>."""
    parts = []
    position = 0
    for match in _MARKED.finditer(marked):
        parts.append(html.escape(marked[position : match.start()]))
        parts.append(f"<mark>{html.escape(match.group(1))}</mark>")
        position = match.end()
    parts.append(html.escape(marked[position:]))
    return mark_safe("".join(parts).replace(START, "").replace(STOP, ""))


def _plain(markdown):
    """A post's Markdown (or a fragment of it) as one line of plain text."""
    shown = html.unescape(nh3.clean(text.render(markdown), tags=set()))
    return " ".join(shown.split())


def _words_marked(plain, words):
    """`plain` with every occurrence of `words` between START and STOP (the SQLite fallback)."""
    if not words:
        return plain
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", plain)


def _around_first(plain, words, length=EXCERPT_WORDS):
    """About `length` words of `plain` around the first of `words` it contains."""
    tokens = plain.split()
    lowered = [token.casefold() for token in tokens]
    wanted = [word.casefold() for word in words]
    first = next((i for i, token in enumerate(lowered) if any(word in token for word in wanted)), 0)
    start = max(0, first - length // 3)
    chosen = " ".join(tokens[start : start + length])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(tokens) else ""
    return prefix + chosen + suffix


class Results:
    """The topics matching a query that `user` may see, best first; sliced by the Paginator."""

    def __init__(self, query, *, user):
        self.query = query
        self.user = user
        self.words = list(dict.fromkeys(words_of(query)))[:MAX_FALLBACK_WORDS]
        self.vectors = uses_vectors()
        self._count = None

    def _posts(self):
        """Posts `user` may read in full: never hidden ones, held ones only to their author."""
        return Post.objects.readable_by(self.user).exclude(status__in=HIDDEN)

    def _tsquery(self):
        readings = [
            SearchQuery(self.query, config=config, search_type="websearch")
            for config in CONFIGS.values()
        ]
        every_word = set(words_of(self.query))
        if (
            _is_plain(self.query)
            and len(every_word) <= MAX_FALLBACK_WORDS
            and any(other_numbers(word) for word in every_word)
        ):
            readings.append(reduce(operator.and_, (_AnyNumber(word) for word in self.words)))
        return reduce(operator.or_, readings)

    def _matching(self):
        topics = Topic.objects.visible_to(self.user)
        if not self.words:
            return topics.none()
        if self.vectors:
            query = self._tsquery()
            in_posts = self._posts().filter(search_vector=query).values("topic_id")
            return topics.filter(Q(search_vector=query) | Q(pk__in=in_posts))
        in_title = Q()
        in_post = Q()
        for word in self.words:
            in_title &= Q(title__icontains=word)
            in_post &= Q(body__icontains=word)
        in_posts = self._posts().filter(in_post).values("topic_id")
        return topics.filter(in_title | Q(pk__in=in_posts))

    def count(self):
        if self._count is None:
            self._count = self._matching().count()
        return self._count

    def __len__(self):
        return self.count()

    def _ranked(self):
        """The matching topics with `rank` and `best_post_id`: the post that matches best, or
        the first one shown when only the title matches."""
        posts = self._posts().filter(topic=OuterRef("pk"))
        if self.vectors:
            query = self._tsquery()
            # Only the posts that match are ranked (ranking reads the whole vector); the first
            # post shown is read for the 20 topics of the page whose title alone matches.
            best = (
                posts.filter(search_vector=query)
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-rank", "number")
            )
            first = posts.order_by("number").values("pk")[:1]
            title_rank = Coalesce(SearchRank(F("search_vector"), query), Value(0.0))
            return self._matching().annotate(
                best_post_id=Coalesce(Subquery(best.values("pk")[:1]), Subquery(first)),
                rank=title_rank
                + Coalesce(
                    Subquery(best.values("rank")[:1]), Value(0.0), output_field=FloatField()
                ),
                title_marked=SearchHeadline(
                    "title",
                    query,
                    config=_config_of("language"),
                    highlight_all=True,
                    start_sel=START,
                    stop_sel=STOP,
                ),
            )
        hits = sum(
            (Case(When(body__icontains=word, then=1), default=0) for word in self.words),
            Value(0),
        )
        posts = posts.annotate(hits=hits).order_by("-hits", "number")
        title_hits = sum(
            (Case(When(title__icontains=word, then=1), default=0) for word in self.words),
            Value(0),
        )
        return self._matching().annotate(
            best_post_id=Subquery(posts.values("pk")[:1]),
            rank=Value(len(self.words) + 1) * title_hits
            + Coalesce(Subquery(posts.values("hits")[:1]), Value(0), output_field=IntegerField()),
        )

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        topics = list(
            self._ranked()
            .select_related("category")
            .order_by("-rank", "-last_activity_at", "-pk")[page]
        )
        shown = self._best_posts([topic.best_post_id for topic in topics if topic.best_post_id])
        return [self._result(topic, shown.get(topic.best_post_id)) for topic in topics]

    def _best_posts(self, ids):
        if not ids:
            return {}
        posts = Post.objects.filter(pk__in=ids).only("pk", "topic_id", "number", "language", "body")
        if self.vectors:
            posts = posts.annotate(
                marked=SearchHeadline(
                    "body",
                    self._tsquery(),
                    config=_config_of("language"),
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=EXCERPT_WORDS,
                    min_words=EXCERPT_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
        return {post.pk: post for post in posts}

    def _result(self, topic, post):
        if self.vectors:
            title = _marked_html(topic.title_marked)
            excerpt = _marked_html(_plain(post.marked)) if post else ""
        else:
            title = _marked_html(_words_marked(topic.title, self.words))
            excerpt = ""
            if post:
                plain = _around_first(_plain(post.body), self.words)
                excerpt = _marked_html(_words_marked(plain, self.words))
        return Result(topic=topic, post=post, title_html=title, excerpt_html=excerpt)


def search(query, *, user):
    """The topics whose title or readable posts match `query`, that `user` may see, best first;
    each read as a Result (topic, the post that matches best, title and excerpt marked)."""
    return Results(clean_query(query), user=user)


def search_page(query, *, user, page=None):
    """One page (PER_PAGE results) of `search()`; a page number out of range gives the last."""
    return Paginator(search(query, user=user), PER_PAGE).get_page(page)
