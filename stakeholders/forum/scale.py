"""A city-sized forum for the benchmarks (`manage.py seed_scale --topics N --posts M`).

Rows are inserted in bulk (COPY on PostgreSQL, bulk_create in batches elsewhere), bypassing
stakeholders.forum.services: no audit entries, no history, no follows, no notifications. That is
acceptable for made-up scale data only; the demo forum (stakeholders/forum/demo.py) goes through
the services. What the services would keep is filled here in bulk instead: each post's
`body_html` (rendered once per distinct body and reused), the topics' and categories' counters,
and on PostgreSQL the search vectors, with the text-search configurations of migration
0004_forum_search (a post's read once per distinct body, the topics' titles in one UPDATE per
language).

Two measured cases of issue 12 are always made: one category holding `category_topics` topics
(50,000 at a large city's size) and one topic holding `topic_posts` posts (10,000).
"""

from collections import Counter
from datetime import timedelta
from itertools import islice

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from learningcity.models import User
from stakeholders.forum import search, services, text
from stakeholders.forum.models import Category, Post, Topic
from stakeholders.models import Membership

BATCH = 5000
BIG_CATEGORY = {
    "slug": "escala",
    "name_es": "Conversaciones de toda la ciudad",
    "name_en": "Conversations from all over the city",
    "description_es": "Temas de escala para medir el rendimiento del foro.",
    "description_en": "Scale topics to measure the forum's performance.",
    "order": 100,
}
OTHER_CATEGORY = {
    "name_es": "Más conversaciones",
    "name_en": "More conversations",
    "order": 101,
}
BIG_TOPIC_TITLE = "El hilo más largo de la ciudad que aprende"
# Scale topics are spread over this many days before now, oldest first.
SPAN_DAYS = 3 * 365

TITLES = {
    "es": [
        "¿Dónde aprender computación en el barrio?",
        "Horarios del club de lectura",
        "Ideas para el próximo festival del aprendizaje",
        "Clases de español para familias migrantes",
        "Cómo financiar un centro comunitario",
        "Indicadores del plan: dudas y propuestas",
    ],
    "en": [
        "Where to learn computing near home?",
        "Reading club times",
        "Ideas for the next learning festival",
        "Volunteering at the community centre",
    ],
}
BODIES = {
    "es": [
        "En la **biblioteca** del barrio hay talleres gratuitos los sábados por la mañana. "
        "Llevé a mis hijos y aprendimos juntos a usar la computadora.",
        "Propongo que los talleres se repitan por la tarde:\n\n"
        "- muchas personas trabajan en la mañana\n- el centro comunitario está libre\n\n"
        "¿Quién más se apunta?",
        "Gracias por compartirlo. En nuestra organización hicimos algo parecido y funcionó "
        "mejor con grupos pequeños y una persona voluntaria por mesa.",
        "La información completa está en el [portal de la ciudad](https://example.org/). "
        "Si alguien necesita ayuda para inscribirse, puede escribirme aquí.",
        "> ¿Hay cuidado infantil durante las clases?\n\n"
        "Sí, los martes y jueves; hay que avisar un día antes.",
    ],
    "en": [
        "The neighbourhood **library** runs free workshops on Saturday mornings. I took my "
        "children and we learned to use the computer together.",
        "Thanks for sharing this. Our organisation tried something similar and it worked "
        "better with small groups and one volunteer per table.",
        "Everything is on the [city's portal](https://example.org/). If anyone needs help to "
        "sign up, write to me here.",
    ],
}


def _language(rng):
    return "en" if rng.random() < 0.25 else "es"


def _chunks(rows, size=BATCH):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def seed(*, topics, posts, category_topics, topic_posts, rng, stdout=None):
    """Add `topics` topics holding `posts` posts in all (opening posts included): the first
    `category_topics` in one large category, the rest over the other categories; the first
    topic holds `topic_posts` posts, the others share the remaining replies at random.
    Returns the large category and the large topic."""
    if topics < 1:
        return None, None
    category_topics = max(1, min(category_topics, topics))
    topic_posts = max(1, min(topic_posts, posts - topics + 1))
    big_category, _created = Category.objects.get_or_create(
        slug=BIG_CATEGORY["slug"],
        defaults={key: v for key, v in BIG_CATEGORY.items() if key != "slug"},
    )
    # The other topics go to the other categories (the demo's), or to a second one of their own.
    others = list(Category.objects.exclude(pk=big_category.pk).order_by("order", "pk"))
    if not others and category_topics < topics:
        others = [Category.objects.get_or_create(slug="escala-otros", defaults=OTHER_CATEGORY)[0]]
    authors = _authors()
    organisation_of = dict(
        Membership.objects.filter(user_id__in=authors, role=Membership.Role.ADMIN).values_list(
            "user_id", "organisation_id"
        )
    )
    # Each distinct body rendered (and, on PostgreSQL, read into a search vector) once.
    bodies = {
        language: [(body, text.render(body), _vector(body, language)) for body in texts]
        for language, texts in BODIES.items()
    }

    # How many replies each topic gets: the large topic its share, the others at random.
    replies = Counter({0: topic_posts - 1})
    if topics > 1:
        replies.update(rng.choices(range(1, topics), k=max(0, posts - topics - (topic_posts - 1))))
    now = timezone.now()
    step = timedelta(days=SPAN_DAYS) / topics
    started = [now - timedelta(days=SPAN_DAYS) + step * number for number in range(topics)]
    # The large topic is still active: one post an hour, up to now.
    started[0] = now - timedelta(hours=topic_posts + 1)
    # Replies come an hour apart (the large topic's) or a few hours apart, never in the future.
    gaps = [
        timedelta(hours=1) if number == 0 else step / (replies[number] + 1)
        for number in range(topics)
    ]

    def written(number, position):
        return min(started[number] + gaps[number] * position, now)

    first_pk = (Topic.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    languages = [_language(rng) for _number in range(topics)]
    topic_authors = [rng.choice(authors) for _number in range(topics)]

    def new_topics():
        for number in range(topics):
            titles = TITLES[languages[number]]
            category = big_category if number < category_topics else others[number % len(others)]
            yield (
                category.pk,
                BIG_TOPIC_TITLE if number == 0 else f"{titles[number % len(titles)]} ({number})",
                topic_authors[number],
                languages[number],
                Topic.Status.VISIBLE,
                False,
                False,
                replies[number],
                written(number, replies[number]),
                started[number],
            )

    _insert(Topic, TOPIC_FIELDS, new_topics())
    # Not every database gives back the primary keys of bulk inserts: read them in order.
    topic_pks = list(
        Topic.objects.filter(pk__gte=first_pk).order_by("pk").values_list("pk", flat=True)
    )

    def new_posts():
        for number, topic_pk in enumerate(topic_pks):
            for position in range(replies[number] + 1):
                language = languages[number] if position == 0 else _language(rng)
                body, body_html, vector = rng.choice(bodies[language])
                author = topic_authors[number] if position == 0 else rng.choice(authors)
                at = written(number, position)
                yield (
                    topic_pk,
                    position + 1,
                    author,
                    organisation_of.get(author) if rng.random() < 0.2 else None,
                    language,
                    body,
                    body_html,
                    Post.Status.VISIBLE,
                    "",
                    at,
                    at,
                    vector,
                )

    made = _insert(Post, POST_FIELDS, new_posts())
    scale_topics = Topic.objects.filter(pk__gte=first_pk)
    # Each topic's last post, in one statement: every scale post is shown, so it is the one
    # numbered after the replies.
    scale_topics.update(
        last_post=Subquery(
            Post.objects.filter(topic=OuterRef("pk"), number=OuterRef("reply_count") + 1).values(
                "pk"
            )[:1]
        )
    )
    for category in {big_category, *others}:
        services.recount_category(category)
    if search.uses_vectors():
        # Titles are all different: read in one UPDATE per language, weighted as the services
        # weigh them (stakeholders/forum/search.py).
        for language in BODIES:
            scale_topics.filter(language=language).update(
                search_vector=SearchVector("title", config=search.config_for(language), weight="A")
            )
    if connection.vendor == "postgresql":
        # Statistics as of the new rows: before autovacuum gets round to them, the planner
        # would read a category of 50,000 topics by a sequential scan (1.1 s instead of 4 ms).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Topic._meta.db_table}, {Post._meta.db_table}")
    big_category.refresh_from_db()
    if stdout:
        stdout.write(
            f"Added {topics} forum topics and {made} posts; the category «{big_category.slug}» "
            f"holds {big_category.topic_count} topics, the longest topic {topic_posts} posts."
        )
    return big_category, Topic.objects.get(pk=topic_pks[0])


TOPIC_FIELDS = [
    "category_id",
    "title",
    "author_id",
    "language",
    "status",
    "is_locked",
    "is_pinned",
    "reply_count",
    "last_activity_at",
    "created_at",
]
POST_FIELDS = [
    "topic_id",
    "number",
    "author_id",
    "organisation_id",
    "language",
    "body",
    "body_html",
    "status",
    "hidden_reason",
    "created_at",
    "followers_notified_at",
    "search_vector",
]


def _insert(model, fields, rows):
    """Insert `rows` (tuples in the order of `fields`) in batches; returns how many. PostgreSQL
    takes them through COPY, ten times faster than INSERTs of many rows (half a million posts:
    about a minute instead of ten); other databases through bulk_create."""
    count = 0
    if connection.vendor == "postgresql":
        columns = ", ".join(model._meta.get_field(name).column for name in fields)
        statement = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    for chunk in _chunks(rows):
        model.objects.bulk_create(model(**dict(zip(fields, row, strict=True))) for row in chunk)
        count += len(chunk)
    return count


def _vector(body, language):
    """The search vector of `body` as text, as the services would store it; None off PostgreSQL."""
    if not search.uses_vectors():
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector(%s::regconfig, %s)::text", [search.config_for(language), body]
        )
        return cursor.fetchone()[0]


def _authors():
    """Up to 2,000 people to write the scale posts: the scale's own, else anyone."""
    people = list(
        User.objects.filter(email__startswith="scale")
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    return people or list(User.objects.order_by("pk").values_list("pk", flat=True)[:2000])
