"""`make backup` and `make restore` round trip: rows and an uploaded file come back.

PostgreSQL: the test database's rows are dumped (pg_dump reads, never writes) and restored into a
throwaway database of this test's own, twice (the second time over rows changed since), then the
throwaway database is dropped. No other database is touched. SQLite, the embedded run's database,
is copied with SQLite's online backup and back."""

import os
import secrets
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.services.test_production import ROOT, fresh_database, postgres_server
from tests.stakeholders.factories import OrganisationFactory

UPLOAD = Path("organisations") / "logo.png"
CONTENT = b"\x89PNG\r\n\x1a\n not quite a picture"


def make(target, **environment):
    """`make -s <target>` with only these variables of ours (the test run's own left out)."""
    result = subprocess.run(
        ["make", "-s", target, *(f"{key}={value}" for key, value in environment.items())],
        cwd=ROOT,
        env={**_clean_environment(), **{key: str(value) for key, value in environment.items()}},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_environment():
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "BACKUP_DIR", "TEST_DATABASE_NAME"}
    }


def uploads(tmp_path):
    media = tmp_path / "media"
    (media / UPLOAD).parent.mkdir(parents=True)
    (media / UPLOAD).write_bytes(CONTENT)
    return media


def the_backup(output):
    """The folder `make backup` printed on its last line."""
    folder = Path(output.strip().splitlines()[-1])
    assert {path.name for path in folder.iterdir()} >= {"media.tar.gz"}
    return folder


def postgres_url(database, name):
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{user}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"


def drop_database(database, name):
    import psycopg

    with psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def organisation_names(url):
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
        rows = connection.execute("SELECT name FROM stakeholders_organisation ORDER BY name")
        return [name for (name,) in rows]


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_brings_back_the_rows_and_the_uploaded_files(tmp_path):
    database = postgres_server()
    OrganisationFactory(name="Biblioteca Central")
    OrganisationFactory(name="Museo del Agua")
    media = uploads(tmp_path)
    source = postgres_url(database, settings.DATABASES["default"]["NAME"])
    output = make("backup", DATABASE_URL=source, MEDIA_ROOT=media, BACKUP_DIR=tmp_path / "b")
    folder = the_backup(output)
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    throwaway = f"{database['NAME']}_restore_{secrets.token_hex(4)}"
    target = fresh_database(database, throwaway)
    try:
        (media / UPLOAD).unlink()
        make("restore", DATABASE_URL=target, MEDIA_ROOT=media, BACKUP=folder)
        assert organisation_names(target) == ["Biblioteca Central", "Museo del Agua"]
        assert (media / UPLOAD).read_bytes() == CONTENT

        # Over a database that changed since: the backup's rows, and only those, come back.
        import psycopg

        with psycopg.connect(target.replace("postgres://", "postgresql://", 1)) as connection:
            connection.execute("UPDATE stakeholders_organisation SET name = 'Cambiado'")
        make("restore", DATABASE_URL=target, MEDIA_ROOT=media, BACKUP=folder)
        assert organisation_names(target) == ["Biblioteca Central", "Museo del Agua"]
    finally:
        drop_database(database, throwaway)
    # The database backed up was only read.
    assert organisation_names(source) == ["Biblioteca Central", "Museo del Agua"]
