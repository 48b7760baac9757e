"""Forum search on PostgreSQL: GIN indexes without a pending list, for steady search times.

With `fastupdate` on (PostgreSQL's default) new entries wait in a pending list that every search
reads through, row by row, until VACUUM or a full list merges them into the index. Refilling
every topic's vector (`search.reindex()`, `seed_scale`) left 36,000 entries there: each search of
a title then took 11-16 ms in the index instead of well under 1, and PostgreSQL, which counts
the list in the index's cost, walked all 50,000 topics instead of using it. Posts and topics are
written one at a time by the services, where adding to the index directly costs little.

Nothing on SQLite (migration 0004 made the indexes on PostgreSQL only).
"""

from django.db import migrations

INDEXES = ["forum_topic_search", "forum_post_search"]


def fastupdate_off(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        # Entries already waiting go into the index now.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")


def fastupdate_on(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0005_forum_topic_indexes")]

    operations = [migrations.RunPython(fastupdate_off, fastupdate_on)]
