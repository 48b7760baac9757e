"""Forum search on PostgreSQL: accent-insensitive text-search configurations and GIN indexes.

`unaccent()` is not immutable, so it cannot sit in an index expression; instead two
configurations run every word through `unaccent` before stemming, the services store each
topic's and post's vector in its `search_vector` column with the configuration of its language
(stakeholders/forum/search.py), and the GIN indexes below are on those stored columns.

The indexes are made here and not declared in the models' Meta: SQLite, the embedded run, has no
GIN indexes (nor these configurations), so on SQLite this migration does nothing.
"""

from django.db import migrations

CONFIGS = {
    "spanish_unaccent": ("spanish", "spanish_stem"),
    "english_unaccent": ("english", "english_stem"),
}
INDEXES = {
    "forum_topic_search": "stakeholders_topic",
    "forum_post_search": "stakeholders_post",
}


def _on_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def create(apps, schema_editor):
    if not _on_postgresql(schema_editor):
        return
    execute = schema_editor.execute
    execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (source, stem) in CONFIGS.items():
        execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem}"
        )
    # Rows written before this migration get their vectors as the services would make them
    # (stakeholders/forum/search.py: titles weighted A, each row in its language).
    config = "(CASE language WHEN 'en' THEN 'english_unaccent' ELSE 'spanish_unaccent' END)"
    execute(
        "UPDATE stakeholders_topic SET search_vector = "
        f"setweight(to_tsvector({config}::regconfig, COALESCE(title, '')), 'A')"
    )
    execute(
        "UPDATE stakeholders_post SET search_vector = "
        f"to_tsvector({config}::regconfig, COALESCE(body, ''))"
    )
    for index, table in INDEXES.items():
        execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_vector)")


def drop(apps, schema_editor):
    if not _on_postgresql(schema_editor):
        return
    for index in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    # The unaccent extension stays: other schemas or apps may use it, and it costs nothing.


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0003_forum")]

    operations = [migrations.RunPython(create, drop)]
