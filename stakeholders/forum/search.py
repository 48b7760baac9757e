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

A word found in tens of thousands of posts must cost little, so no query counts, ranks or marks
every match. Only the MAX_RANKED most recently active matching topics are ranked (more are
announced as "more than MAX_RANKED topics match"), each by its title and its first RANKED_POSTS
matching posts, and only the page's titles and excerpts are marked (`ts_headline` reads the
whole text). How those topics are found is chosen while the query runs (Results._candidates): a
word of fewer than FEW titles or posts from what the GIN indexes find, a frequent one by walking
the topics by last activity until enough match.

`search()` returns the matches lazily, for Django's Paginator, in three queries however many
there are: one ranks the candidates (returning their keys, best first), two read a page (its
topics with the post shown under each, then those posts' excerpts).
"""

import html
import operator
import re
from dataclasses import dataclass
from functools import reduce

import nh3
from django.contrib.postgres.expressions import ArraySubquery
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
    Exists,
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
from django.db.models.expressions import RawSQL
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
# Matching topics ranked, the most recently active ones: beyond them a search says "more than".
MAX_RANKED = 200
# A topic is ranked by its title and the first this many of its posts that match.
RANKED_POSTS = 50
# A word of fewer than this many titles, or posts, is looked up through the GIN indexes whatever
# PostgreSQL's statistics guess (see Results._candidates).
FEW = 1000
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
    """The topics matching a query that `user` may see, best first; sliced by the Paginator.

    At most MAX_RANKED of them, the most recently active: `more` says whether others match."""

    def __init__(self, query, *, user):
        self.query = query
        self.user = user
        self.words = list(dict.fromkeys(words_of(query)))[:MAX_FALLBACK_WORDS]
        self.vectors = uses_vectors()
        self.limit = MAX_RANKED
        self._keys = None
        self.more = False

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

    def _post_matches(self):
        """A Q on posts: the post matches every word of the query."""
        if self.vectors:
            return Q(search_vector=self._tsquery())
        return reduce(operator.and_, (Q(body__icontains=word) for word in self.words))

    def _title_matches(self):
        if self.vectors:
            return Q(search_vector=self._tsquery())
        return reduce(operator.and_, (Q(title__icontains=word) for word in self.words))

    def _candidates(self):
        """The keys of the `limit` + 1 most recently active matching topics (one more tells
        whether there are more), as an SQL subquery.

        On PostgreSQL the topics matching by their title and those matching by a post are read
        apart, then merged: written as one `OR`, PostgreSQL reads every matching post of a
        frequent word to hash their topics (0.5 s for 75,000 posts) instead of stopping early.
        Each is read one of two ways, chosen while the query runs by reading at most FEW
        matches through the GIN index: if there are no more, those (a rare word); otherwise the
        most recently active `limit` + 1 as PostgreSQL's statistics find cheaper, for a frequent
        word by walking the topics by last activity until enough match. Statistics alone choose
        badly for a word they do not list as common: they guess it a share of the rows, and
        walking all 50,000 topics for a word of four posts took 1.1 s."""
        recent = ("-last_activity_at", "-pk")
        topics = Topic.objects.visible_to(self.user)
        in_posts = self._posts().filter(self._post_matches()).order_by().values("topic_id")
        if not self.vectors:
            matching = topics.filter(self._title_matches() | Q(pk__in=in_posts))
            return matching.order_by(*recent).values("pk")[: self.limit + 1]
        in_titles = topics.filter(self._title_matches())
        few = {
            "few_titles": in_titles.order_by().values("id", "last_activity_at")[:FEW],
            "few_posts": in_posts[:FEW],
        }
        ctes, params = [], []
        for name, queryset in few.items():
            sql, cte_params = queryset.query.sql_with_params()
            ctes.append(f"{name} AS ({sql})")
            params.extend(cte_params)

        def found(name):
            return RawSQL(f"SELECT COUNT(*) FROM {name}", [], output_field=IntegerField())

        branches = [
            topics.alias(found=found("few_posts"))
            .filter(found__lt=FEW)
            .filter(pk__in=RawSQL("SELECT few_posts.topic_id FROM few_posts", [])),
        ]
        # The walks, one per status: the index of topics by last activity starts with the
        # status, and what a signed-in reader or a moderator sees spans several (visible, their
        # own held ones...): as one `OR` it was a sort of every match (1.1 s for `biblioteca`).
        for status in Topic.Status.values:
            branches += [
                in_titles.filter(status=status)
                .alias(found=found("few_titles"))
                .filter(found__gte=FEW),
                topics.filter(status=status)
                .alias(found=found("few_posts"))
                .filter(found__gte=FEW)
                .filter(pk__in=in_posts),
            ]
        parts = ["(SELECT * FROM few_titles WHERE (SELECT COUNT(*) FROM few_titles) < %s)"]
        params.append(FEW)
        for branch in branches:
            branch = branch.order_by(*recent).values("id", "last_activity_at")[: self.limit + 1]
            sql, branch_params = branch.query.sql_with_params()
            parts.append(f"({sql})")
            params.extend(branch_params)
        # current_schema() is parallel-unsafe: with it PostgreSQL plans no parallel workers,
        # whose start cost more than the few rows each branch reads (20-40 ms under load, even
        # for a branch that then does not run).
        sql = (
            f"WITH {', '.join(ctes)} "
            f"SELECT matching.id FROM ({' UNION '.join(parts)}) AS matching "
            "WHERE current_schema() IS NOT NULL "
            "ORDER BY matching.last_activity_at DESC, matching.id DESC LIMIT %s"
        )
        return RawSQL(sql, [*params, self.limit + 1])

    def _first_matching_posts(self, topic):
        """The posts of `topic` that count for its rank: the first RANKED_POSTS that match,
        read through the (topic, number) index, which stops there (a topic of 10,000 posts
        would otherwise have 1,500 read and ranked for a frequent word)."""
        return (
            self._posts()
            .filter(self._post_matches(), topic=topic)
            .order_by("topic_id", "number")[:RANKED_POSTS]
        )

    def _rank(self):
        """Each candidate's rank: its title's plus its best post's (the number of words of the
        query each holds, on SQLite)."""
        if self.vectors:
            query = self._tsquery()
            ranks = ArraySubquery(
                self._first_matching_posts(OuterRef("pk"))
                .annotate(rank=SearchRank(F("search_vector"), query))
                .values("rank")
            )
            best_post = Func(ranks, template="(SELECT MAX(rank) FROM UNNEST(%(expressions)s) rank)")
            return Coalesce(SearchRank(F("search_vector"), query), Value(0.0)) + Coalesce(
                best_post, Value(0.0), output_field=FloatField()
            )
        posts = self._posts().filter(self._post_matches(), topic=OuterRef("pk"))
        title_hits = sum(
            (Case(When(title__icontains=word, then=1), default=0) for word in self.words),
            Value(0),
        )
        # Every word is in a matching post: the title's words count above it.
        return Value(len(self.words) + 1) * title_hits + Case(
            When(Exists(posts), then=Value(len(self.words))), default=Value(0)
        )

    def keys(self):
        """The keys of the ranked topics, best first (one query, then kept)."""
        if self._keys is None:
            self._keys = []
            if self.words:
                rows = list(
                    Topic.objects.filter(pk__in=self._candidates())
                    .annotate(rank=self._rank())
                    .order_by("-rank", "-last_activity_at", "-pk")
                    .values_list("pk", "last_activity_at")
                )
                if len(rows) > self.limit:
                    # The least recently active candidate only told that there are more.
                    rows.remove(min(rows, key=lambda row: (row[1], row[0])))
                    self.more = True
                self._keys = [pk for pk, _ in rows]
        return self._keys

    def count(self):
        return len(self.keys())

    def __len__(self):
        return self.count()

    def _best_post(self):
        """The key of the post shown under a topic: the post that matches best (of those that
        count for its rank), or the first one shown when only the title matches."""
        posts = self._posts().filter(topic=OuterRef("pk"))
        best = Post.objects.filter(
            pk__in=self._first_matching_posts(OuterRef(OuterRef("pk"))).values("pk")
        )
        if self.vectors:
            best = best.order_by(SearchRank(F("search_vector"), self._tsquery()).desc(), "number")
        else:
            best = best.order_by("number")
        first = posts.order_by("number").values("pk")[:1]
        return Coalesce(Subquery(best.values("pk")[:1]), Subquery(first))

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        keys = self.keys()[page]
        if not keys:
            return []
        topics = Topic.objects.filter(pk__in=keys).select_related("category")
        topics = topics.annotate(best_post_id=self._best_post())
        if self.vectors:
            topics = topics.annotate(
                title_marked=SearchHeadline(
                    "title",
                    self._tsquery(),
                    config=_config_of("language"),
                    highlight_all=True,
                    start_sel=START,
                    stop_sel=STOP,
                )
            )
        by_key = {topic.pk: topic for topic in topics}
        topics = [by_key[key] for key in keys if key in by_key]
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
