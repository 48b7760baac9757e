"""Two people saving at once on the embedded run (`make run`, a SQLite file) both succeed.

Each test opens its own temporary SQLite file, configured as settings.py configures the embedded
database, and two threads (two connections, as runserver's threads have) read and then write in
a transaction at the same moment."""

import runpy
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connections, transaction

import learningcity.settings

ALIAS = "embedded_file"


def embedded_database_options(monkeypatch):
    """The OPTIONS settings.py gives the database when no DATABASE_URL is set."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DEBUG", "1")
    embedded = runpy.run_path(str(Path(learningcity.settings.__file__)))
    database = embedded["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    return database["OPTIONS"]


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Adds a database alias for a fresh SQLite file; `configure(options)` sets it up."""

    def configure(options):
        database = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": options,
        }
        # configure_settings fills in the keys Django needs; it wants a default to be there.
        configured = connections.configure_settings({"default": {}, ALIAS: database})
        connections.settings[ALIAS] = configured[ALIAS]
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (value integer)")
            cursor.execute("INSERT INTO counter VALUES (0)")
        connections[ALIAS].close()

    with django_db_blocker.unblock():
        yield configure
    connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def two_simultaneous_edits():
    """Each thread reads the counter, thinks for a moment, then writes it plus one."""
    start = threading.Barrier(2)
    errors = []

    def edit():
        start.wait(timeout=5)
        try:
            with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT value FROM counter")
                (value,) = cursor.fetchone()
                time.sleep(0.3)
                cursor.execute("UPDATE counter SET value = %s", [value + 1])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=edit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        (value,) = cursor.fetchone()
    connections[ALIAS].close()
    return errors, value


def test_two_simultaneous_edits_on_the_embedded_database_both_succeed(monkeypatch, sqlite_file):
    sqlite_file(embedded_database_options(monkeypatch))
    errors, value = two_simultaneous_edits()
    assert errors == []
    # The second edit waited for the first and read its result: no update was lost either.
    assert value == 2


def test_without_immediate_transactions_the_same_edits_collide(monkeypatch, sqlite_file):
    """Shows the test above races for real: a busy timeout alone does not help."""
    options = embedded_database_options(monkeypatch)
    del options["transaction_mode"]
    sqlite_file(options)
    errors, _ = two_simultaneous_edits()
    assert errors == ["database is locked"]
