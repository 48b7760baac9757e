#!/usr/bin/env bash
# Entrypoint of the portal's image (see Dockerfile and docker-compose.yml).
#
#   entrypoint.sh gunicorn ...          runs `python manage.py migrate --noinput`, then gunicorn
#   entrypoint.sh healthcheck URL       exits 0 when URL answers 200 (the web healthcheck)
#   entrypoint.sh anything else ...     runs it as given (celery worker, celery beat, manage.py)
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-learningcity.settings}"

migrate() {
    # Several web containers may start together (`docker compose up -d --scale web=3` after an
    # upgrade): with PostgreSQL, an advisory lock lets one of them migrate while the others
    # wait, then find nothing left to do. The lock is held by this process's connection and
    # released when it ends, whatever happens to the migration.
    python - <<'PY'
import subprocess
import sys

import django

django.setup()
from django.db import connection  # noqa: E402

MIGRATE_LOCK = 7_202_611  # any number: it only has to be the same in every container
command = [sys.executable, "manage.py", "migrate", "--noinput"]
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
sys.exit(subprocess.call(command))
PY
}

healthcheck() {
    # Django answers 400 to a Host it does not know, so ask with the first of ALLOWED_HOSTS
    # (a leading dot, which allows subdomains, is dropped; "*" becomes localhost).
    python - "$1" <<'PY'
import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
if host in ("", "*"):
    host = "localhost"
request = urllib.request.Request(sys.argv[1], headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=8) as response:
        status = response.status
except OSError as error:  # refused, timed out, or an HTTP error such as 503
    sys.exit(f"unhealthy: {error}")
sys.exit(0 if status == 200 else f"unhealthy: HTTP {status}")
PY
}

case "${1:-}" in
    healthcheck)
        healthcheck "${2:-http://127.0.0.1:8000/health/}"
        ;;
    gunicorn)
        migrate
        exec "$@"
        ;;
    "")
        echo "usage: $0 gunicorn ... | celery ... | healthcheck URL | any command" >&2
        exit 64
        ;;
    *)
        exec "$@"
        ;;
esac
