"""The portal served the way production serves it, on the CI's PostgreSQL and Redis.

The Dockerfile's own steps, outside a container (no engine runs on our machines): collectstatic
with production settings into a temporary folder, docker/entrypoint.sh migrating and then running
the Dockerfile's gunicorn command with DEBUG=0 on a free local port, behind a pretend proxy that
sends X-Forwarded-Proto and X-Forwarded-For. Then requests as a visitor would make them.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-pass-2026"
# Whitenoise's header for files whose names carry their content's hash.
FAR_FUTURE = "max-age=315360000"
# Variables that would leak the test run's own configuration into the production process.
TEST_RUN_VARIABLES = {
    "DEBUG",
    "DATABASE_URL",
    "TEST_DATABASE_NAME",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_URL",
    "SITE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unavailable(reason):
    message = f"The production run needs {reason} (README: Services tests)."
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def postgres_server():
    """Host, port and user of the PostgreSQL the test run uses; the run gets its own database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        unavailable("DATABASE_URL pointing at PostgreSQL")
    return database


def fresh_database(database, name):
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
        connection.execute(f'CREATE DATABASE "{name}"')
    user = database["USER"]
    if database["PASSWORD"]:
        user = f"{user}:{database['PASSWORD']}"
    return f"postgres://{user}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"


def redis_url():
    if not settings.REDIS_URL:
        unavailable("REDIS_URL")
    # Another database number than the test run's, so nothing queued here reaches its worker.
    return re.sub(r"/\d+$", "", settings.REDIS_URL.rstrip("/")) + "/14"


def dockerfile_instructions(keyword):
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return re.findall(rf"^{keyword}\s+(.*)$", text, flags=re.MULTILINE)


def dockerfile_build_step():
    """The Dockerfile's RUN that builds translations and static files, as a shell command."""
    [step] = [run for run in dockerfile_instructions("RUN") if "collectstatic" in run]
    return step


def dockerfile_gunicorn_command(port):
    """The Dockerfile's CMD, bound to a local port with two workers."""
    [cmd] = dockerfile_instructions("CMD")
    command = json.loads(cmd)
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "2"
    return command


class Visitor:
    """A browser without JavaScript: keeps cookies, follows no redirects, sends proxy headers."""

    def __init__(self, base):
        self.base = base
        self.cookies = SimpleCookie()

    def request(self, path, data=None, headers=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            "Accept-Language": "es",
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response.status, response.headers, content

    def get(self, path, **headers):
        return self.request(path, headers=headers)

    def post(self, path, data):
        # Django's CSRF check over HTTPS wants an Origin of this very host.
        origin = self.base.replace("http://", "https://")
        return self.request(
            path,
            data={**data, "csrfmiddlewaretoken": self.cookies["csrftoken"].value},
            headers={"Origin": origin, "Referer": origin + path},
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    database = postgres_server()
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key not in TEST_RUN_VARIABLES}
    environment.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://portal.example.org",
        DATABASE_URL=fresh_database(database, f"{database['NAME']}_production_run"),
        REDIS_URL=redis_url(),
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        BEHIND_PROXY="1",
        EMAIL_URL="console://",
    )

    def run(*command):
        result = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}"

    run("bash", "-c", dockerfile_build_step())  # the Dockerfile's translations and static files
    assert (folder / "static" / "staticfiles.json").is_file()
    run(sys.executable, "manage.py", "migrate", "--noinput", "-v0")
    run(sys.executable, "manage.py", "seed_demo", "--allow-production")
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(
        ["bash", "docker/entrypoint.sh", *dockerfile_gunicorn_command(port)],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, (folder / "gunicorn.log").read_text()
            try:
                if Visitor(base).get("/health/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /health/ in 90 s"
            time.sleep(0.5)
        yield {"base": base, "environment": environment, "log": folder / "gunicorn.log"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def visitor(production):
    return Visitor(production["base"])


def text(content):
    return content.decode("utf-8")


def test_the_image_healthcheck_passes(production):
    result = subprocess.run(
        ["bash", "docker/entrypoint.sh", "healthcheck", production["base"] + "/health/"],
        cwd=ROOT,
        env=production["environment"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/plan/", "/en/plan/", "/stakeholders/", "/plan/charter/"]
)
def test_public_pages_answer_in_production(visitor, path):
    status, _headers, content = visitor.get(path)
    assert status == 200
    assert "<main" in text(content)


def test_security_headers(visitor):
    _status, headers, _content = visitor.get("/")
    policy = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "https://tile.openstreetmap.org" in policy  # the default MAP_TILES_URL's host
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_plain_http_is_redirected_to_https(production):
    status, headers, _content = Visitor(production["base"]).get(
        "/", **{"X-Forwarded-Proto": "http"}
    )
    assert status == 301
    assert headers["Location"].startswith("https://")


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/no-such-page/", "es", "Página no encontrada"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_unknown_address_is_a_404_in_the_layout_in_its_language(visitor, path, language, heading):
    status, _headers, content = visitor.get(path)
    page = text(content)
    assert status == 404
    assert f'<html lang="{language}">' in page
    assert heading in page
    assert 'class="skip-link"' in page  # the layout, not Django's bare page


def test_static_files_have_hashed_names_and_far_future_caching(visitor):
    _status, _headers, content = visitor.get("/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', text(content))
    assert stylesheet, "site.css is not served under a hashed name"
    status, headers, _content = visitor.get(stylesheet[1])
    assert status == 200
    assert FAR_FUTURE in headers["Cache-Control"]


def test_a_demo_person_logs_in_and_the_map_finds_its_marker_image(visitor):
    status, _headers, _content = visitor.get("/accounts/login/")
    assert status == 200
    status, headers, _content = visitor.post(
        "/accounts/login/", {"login": "stakeholder@example.org", "password": PASSWORD}
    )
    assert status == 302, "the demo stakeholder could not log in"
    session = visitor.cookies["sessionid"]
    assert session["secure"] and session["httponly"]

    status, _headers, content = visitor.get("/stakeholders/register/")
    page = text(content)
    assert status == 200
    assert "data-location-picker" in page
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert any(re.search(r"/leaflet\.[0-9a-f]{12}\.js$", src) for src in scripts)
    for attribute in ("data-marker-icon", "data-marker-icon-2x", "data-marker-shadow"):
        url = re.search(rf'{attribute}="([^"]+)"', page)[1]
        assert re.search(r"\.[0-9a-f]{12}\.png$", url), f"{attribute} is not a hashed file: {url}"
        status, headers, _content = visitor.get(url)
        assert (status, headers["Content-Type"]) == (200, "image/png")


def test_the_admin_sends_people_to_the_portal_login(visitor):
    status, headers, _content = visitor.get("/admin/login/?next=/admin/")
    assert status == 302
    assert headers["Location"].startswith("/accounts/login/?next=")


def test_the_server_logged_no_error(production, visitor):
    visitor.get("/")
    log = production["log"].read_text()
    assert "Traceback" not in log
    assert "[ERROR]" not in log
