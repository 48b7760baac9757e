"""The resources spaces offer and the languages of teaching every installation starts with, and,
on PostgreSQL, the GIN index of the opportunities' search vectors (provision/search.py; SQLite
has no GIN indexes, so there it is skipped)."""

from django.db import migrations

from provision.reference import ensure_reference_lists

INDEX = "provision_opportunity_search"


def load(apps, schema_editor):
    ensure_reference_lists(
        apps.get_model("provision", "Resource"), apps.get_model("provision", "Language")
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON provision_opportunity USING gin (search_vector)"
        )


def unload(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("provision", "0001_initial"),
        # The text-search configurations the vectors are made with.
        ("stakeholders", "0004_forum_search"),
    ]

    operations = [migrations.RunPython(load, unload)]
