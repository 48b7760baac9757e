"""`make backup` and `make restore` on the embedded run's SQLite database: SQLite's online
backup copies the file (consistent even while the portal writes), and the uploaded files go in a
tar archive; restoring brings both back. PostgreSQL's round trip: tests/services/test_backup.py."""

import sqlite3
import subprocess
from contextlib import closing

import pytest

from tests.services.test_backup import CONTENT, UPLOAD, make, the_backup, uploads


def names(path):
    with closing(sqlite3.connect(path)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM place ORDER BY name")]


def test_a_sqlite_backup_brings_back_the_rows_and_the_uploaded_files(tmp_path):
    database = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE place (name TEXT)")
        connection.executemany("INSERT INTO place VALUES (?)", [("Biblioteca",), ("Museo",)])
    media = uploads(tmp_path)
    url = f"sqlite:///{database}"
    folder = the_backup(make("backup", DATABASE_URL=url, MEDIA_ROOT=media, BACKUP_DIR=tmp_path))

    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("DELETE FROM place")
    (media / UPLOAD).write_bytes(b"overwritten")
    make("restore", DATABASE_URL=url, MEDIA_ROOT=media, BACKUP=folder)
    assert names(database) == ["Biblioteca", "Museo"]
    assert (media / UPLOAD).read_bytes() == CONTENT


def test_restore_says_which_backup_it_needs(tmp_path):
    result = subprocess.run(
        ["make", "-s", "restore"], capture_output=True, text=True, cwd=tmp_path.cwd()
    )
    assert result.returncode != 0
    assert "make restore BACKUP=backups/<folder>" in result.stderr


def test_a_missing_backup_folder_is_refused_and_nothing_changes(tmp_path):
    database = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE place (name TEXT)")
        connection.execute("INSERT INTO place VALUES ('Biblioteca')")
    with pytest.raises(AssertionError, match="no backup folder"):
        make("restore", DATABASE_URL=f"sqlite:///{database}", BACKUP=tmp_path / "nothing")
    assert names(database) == ["Biblioteca"]
