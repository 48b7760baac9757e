"""`make backup` and `make restore`: the database and the uploaded files, in one folder a backup.

    python scripts/backup.py backup [--to FOLDER]      # a new folder under BACKUP_DIR, printed
    python scripts/backup.py restore FOLDER

Read from the environment, as the portal reads them: DATABASE_URL (the SQLite file db.sqlite3
when unset), MEDIA_ROOT (media/) and BACKUP_DIR (backups/). A backup folder holds

- `database.dump`: PostgreSQL's custom format (`pg_dump --format=custom`), restored with
  `pg_restore --clean --if-exists --no-owner` into the database DATABASE_URL names (it must
  exist; an empty one will do). Restoring replaces the tables, sequences and their rows.
- `db.sqlite3`: for the embedded SQLite database, a copy made with SQLite's online backup (a
  consistent copy even while the portal runs, WAL included), copied back the same way.
- `media.tar.gz`: MEDIA_ROOT's files, extracted back over MEDIA_ROOT (files uploaded after the
  backup are left where they are).

Stop the portal and its workers before a restore. Run `manage.py migrate` after restoring a
backup made by an older version of the portal.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
DUMP, SQLITE_COPY, MEDIA_ARCHIVE = "database.dump", "db.sqlite3", "media.tar.gz"


def database_url():
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"


def media_root():
    return Path(os.environ.get("MEDIA_ROOT") or ROOT / "media")


def postgres_dsn(url):
    """The URL as libpq reads it, for PostgreSQL's URLs; None for any other database."""
    scheme, _, rest = url.partition("://")
    return "postgresql://" + rest if scheme in POSTGRES_SCHEMES else None


def sqlite_path(url):
    """The SQLite file of the URL, as the portal's settings read it; None for other databases."""
    database = dj_database_url.parse(url)
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return None
    return Path(database["NAME"])


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}):\n{result.stderr.strip()}")


def sqlite_copy(source, target):
    """SQLite's online backup: a consistent copy of a database in use."""
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def backup(folder):
    folder.mkdir(parents=True, exist_ok=False)
    url = database_url()
    if dsn := postgres_dsn(url):
        run(["pg_dump", "--format=custom", "--no-owner", f"--file={folder / DUMP}", dsn])
    elif (path := sqlite_path(url)) is not None:
        if not path.exists():
            sys.exit(f"no SQLite database at {path}")
        sqlite_copy(path, folder / SQLITE_COPY)
    else:
        sys.exit("DATABASE_URL is neither PostgreSQL nor SQLite: back it up with its own tools")
    media = media_root()
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media.is_dir():
            for entry in sorted(media.iterdir()):
                archive.add(entry, arcname=entry.name)
    return folder


def restore(folder):
    if not folder.is_dir():
        sys.exit(f"no backup folder at {folder}")
    url = database_url()
    if dsn := postgres_dsn(url):
        if not (folder / DUMP).is_file():
            sys.exit(f"{folder} holds no PostgreSQL dump ({DUMP})")
        run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={dsn}", str(folder / DUMP)])  # fmt: skip
    elif (path := sqlite_path(url)) is not None:
        if not (folder / SQLITE_COPY).is_file():
            sys.exit(f"{folder} holds no SQLite copy ({SQLITE_COPY})")
        sqlite_copy(folder / SQLITE_COPY, path)
    else:
        sys.exit("DATABASE_URL is neither PostgreSQL nor SQLite: restore it with its own tools")
    media = media_root()
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of MEDIA_ROOT and device files.
        archive.extractall(media, filter="data")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="back up the database and the uploaded files")
    make.add_argument("--to", type=Path, help="the folder to create (default: a new one)")
    back = commands.add_parser("restore", help="restore a backup folder")
    back.add_argument("folder", type=Path)
    arguments = parser.parse_args(argv)
    if shutil.which("pg_dump") is None and postgres_dsn(database_url()):
        sys.exit("pg_dump and pg_restore are needed (apt install postgresql-client)")
    if arguments.command == "backup":
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = arguments.to or Path(os.environ.get("BACKUP_DIR") or ROOT / "backups") / stamp
        print(backup(folder))
    else:
        restore(arguments.folder)
        print(f"restored {arguments.folder}")


if __name__ == "__main__":
    main()
