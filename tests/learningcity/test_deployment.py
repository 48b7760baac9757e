"""The deployment files agree with each other and with the settings.

docker-compose.yml, .env.example, README's configuration table and learningcity/settings.py all
name the environment variables of the portal; these tests keep them from drifting apart, check
the shape of the compose file and the Dockerfile (nothing here can build or run a container),
exercise docker/entrypoint.sh, and start Django in a subprocess with production settings. The
Dockerfile's build step and gunicorn command are run for real, with DEBUG=0 on PostgreSQL and
Redis, by tests/services/test_production.py.
"""

import os
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DJANGO_SERVICES = ("web", "worker", "beat")
BACKING_SERVICES = ("postgres", "redis")
# Read by Compose itself (the postgres service's password, which it also puts into
# DATABASE_URL), never by Django: the only variable of .env.example that settings.py doesn't read.
COMPOSE_ONLY_VARIABLES = {"POSTGRES_PASSWORD"}
# Only CI sets it; it is documented in README but has no place in a production .env.
CI_ONLY_VARIABLES = {"TEST_DATABASE_NAME"}

SETTINGS_READ = re.compile(
    r"""(?:\bos\.environ\.get\(|\bos\.environ\[|\benv_bool\(|\benv_list\(|\benv_int\(|\brequire\()"""
    r"""\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""
)
ENV_LINE = re.compile(r"^(?P<comment>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
# Compose interpolation: $NAME or ${NAME...}; "$$" is a literal dollar (a shell variable at run
# time), removed before searching.
INTERPOLATION = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


@cache
def settings_variables():
    source = (ROOT / "learningcity" / "settings.py").read_text()
    return frozenset(SETTINGS_READ.findall(source))


@cache
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def service(name):
    return compose()["services"][name]


def command_of(name):
    command = service(name)["command"]
    return command if isinstance(command, str) else " ".join(command)


def environment_of(name):
    environment = service(name).get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return environment


def healthcheck_of(name):
    test = service(name)["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test)


def mounts_of(name):
    """{target path: source} of a service's volumes, short or long syntax."""
    mounts = {}
    for volume in service(name).get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        mounts[target] = source
    return mounts


def strings_in(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings_in(key)
            yield from strings_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings_in(item)


def compose_interpolations():
    names = set()
    for text in strings_in(compose()):
        names.update(INTERPOLATION.findall(text.replace("$$", "")))
    return names


def without_interpolations(text):
    return re.sub(r"\$\{[^}]*\}", "x", text)


@cache
def env_example_lines():
    return (ROOT / ".env.example").read_text().splitlines()


def env_example():
    """{name: value} of .env.example's lines, commented-out ones (`# NAME=value`) included."""
    return {
        match["name"]: match["value"] for match in map(ENV_LINE.match, env_example_lines()) if match
    }


def active_env_example():
    return {
        match["name"]: match["value"]
        for match in map(ENV_LINE.match, env_example_lines())
        if match and not match["comment"]
    }


def readme_configuration_variables():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", section, flags=re.MULTILINE))


@cache
def dockerfile():
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    instructions, current = [], ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            keyword, _, arguments = current.strip().partition(" ")
            instructions.append((keyword.upper(), " ".join(arguments.split())))
            current = ""
    return instructions


def dockerfile_arguments(keyword):
    return [arguments for instruction, arguments in dockerfile() if instruction == keyword]


# --- settings.py, README and .env.example ------------------------------------------------------


def test_settings_variables_are_found():
    """Guards the other tests against a pattern that silently matches nothing."""
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= (
        settings_variables()
    )


def test_every_setting_variable_is_in_the_readme_table():
    missing = settings_variables() - CI_ONLY_VARIABLES - readme_configuration_variables()
    assert not missing, f"README.md's configuration table does not explain {sorted(missing)}"


def test_the_readme_table_lists_only_variables_settings_reads():
    unknown = readme_configuration_variables() - settings_variables()
    assert not unknown, f"README.md documents {sorted(unknown)}, which settings.py never reads"


def test_every_setting_variable_is_in_env_example():
    missing = settings_variables() - CI_ONLY_VARIABLES - env_example().keys()
    assert not missing, f".env.example does not mention {sorted(missing)}"


def test_env_example_lists_only_variables_settings_reads():
    unknown = env_example().keys() - settings_variables() - COMPOSE_ONLY_VARIABLES
    assert not unknown, f".env.example sets {sorted(unknown)}, which settings.py never reads"


def test_compose_only_variables_are_used_by_compose():
    """The exception above must not outlive its use."""
    assert not COMPOSE_ONLY_VARIABLES - compose_interpolations()
    assert not COMPOSE_ONLY_VARIABLES - active_env_example().keys()


def test_every_env_example_variable_has_a_comment():
    lines = env_example_lines()
    for number, line in enumerate(lines):
        if not ENV_LINE.match(line):
            continue
        above = number - 1
        while above >= 0 and ENV_LINE.match(lines[above]):
            above -= 1  # a group of variables shares the comment above it
        assert above >= 0 and lines[above].startswith("#"), f"no comment above {line!r}"


def test_env_example_is_for_production_and_ships_no_secret():
    example = active_env_example()
    assert example["DEBUG"] == "0"
    assert example["ALLOWED_HOSTS"]
    # Left empty so that nobody runs with a secret copied from the repository.
    assert example["SECRET_KEY"] == ""
    assert example["POSTGRES_PASSWORD"] == ""


# --- docker-compose.yml ------------------------------------------------------------------------


def test_compose_has_the_five_services():
    assert set(compose()["services"]) >= {*DJANGO_SERVICES, *BACKING_SERVICES}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("web", "gunicorn learningcity.wsgi"),
        ("worker", "celery -A learningcity worker"),
        ("beat", "celery -A learningcity beat"),
    ],
)
def test_service_commands(name, expected):
    assert command_of(name).startswith(expected)


def test_web_listens_on_all_interfaces_of_its_container():
    assert "0.0.0.0:8000" in command_of("web")


def test_beat_keeps_its_schedule_in_a_volume():
    match = re.search(r"(?:--schedule[= ]|-s )(\S+)", command_of("beat"))
    assert match, "celery beat needs --schedule in a writable path"
    schedule = Path(match[1])
    assert str(schedule.parent) in mounts_of("beat")


def test_web_migrates_before_gunicorn_starts():
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert '"manage.py", "migrate", "--noinput"' in entrypoint
    assert dockerfile_arguments("ENTRYPOINT") == ['["/app/docker/entrypoint.sh"]']
    assert "entrypoint" not in service("web")  # compose keeps the image's entrypoint
    assert os.access(ROOT / "docker" / "entrypoint.sh", os.X_OK)


@pytest.mark.parametrize(
    ("name", "probe"),
    [("postgres", "pg_isready"), ("redis", "redis-cli ping"), ("web", "/health/")],
)
def test_healthchecks(name, probe):
    assert not service(name)["healthcheck"].get("disable")
    assert probe in healthcheck_of(name)


@pytest.mark.parametrize("name", DJANGO_SERVICES)
def test_portal_services_wait_for_healthy_postgres_and_redis(name):
    depends_on = service(name)["depends_on"]
    for backing in BACKING_SERVICES:
        assert depends_on[backing]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", DJANGO_SERVICES)
def test_portal_services_read_dot_env(name):
    env_file = service(name)["env_file"]
    assert (env_file if isinstance(env_file, list) else [env_file]) == [".env"]


@pytest.mark.parametrize("name", DJANGO_SERVICES)
def test_database_and_redis_urls_point_at_the_services(name):
    environment = environment_of(name)
    database = urlsplit(without_interpolations(environment["DATABASE_URL"]))
    redis = urlsplit(without_interpolations(environment["REDIS_URL"]))
    assert (database.scheme, database.hostname) == ("postgres", "postgres")
    assert (redis.scheme, redis.hostname) == ("redis", "redis")


def test_database_is_kept_in_a_volume():
    source = mounts_of("postgres")["/var/lib/postgresql/data"]
    assert source in compose()["volumes"]


@pytest.mark.parametrize("name", ["web", "worker"])
def test_media_is_kept_in_a_volume(name):
    media_root = environment_of(name)["MEDIA_ROOT"]
    assert mounts_of(name)[media_root] in compose()["volumes"]


@pytest.mark.parametrize("name", DJANGO_SERVICES)
def test_portal_services_set_only_variables_settings_reads(name):
    unknown = environment_of(name).keys() - settings_variables()
    assert not unknown, f"{name} sets {sorted(unknown)}, which settings.py never reads"


def test_compose_interpolates_only_known_variables():
    unknown = compose_interpolations() - settings_variables() - COMPOSE_ONLY_VARIABLES
    assert not unknown, f"docker-compose.yml uses {sorted(unknown)}, which settings.py never reads"


# --- Dockerfile and docker/entrypoint.sh -------------------------------------------------------


def test_dockerfile_uses_a_debian_python_base():
    image = dockerfile_arguments("FROM")[-1].split()[0]
    assert image.startswith("python:3.11")
    assert re.search(r"bookworm|trixie|bullseye|debian", image)


def test_dockerfile_runs_as_a_non_root_user():
    users = dockerfile_arguments("USER")
    assert users, "the Dockerfile has no USER instruction"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_installs_weasyprint_system_packages_and_gettext():
    installs = " ".join(run for run in dockerfile_arguments("RUN") if "apt-get install" in run)
    packages = set(installs.split())
    assert {
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
        "shared-mime-info",
        "gettext",
    } <= packages


def test_dockerfile_checks_health_through_the_entrypoint():
    """The build step and the gunicorn command run for real in tests/services/test_production.py."""
    [healthcheck] = dockerfile_arguments("HEALTHCHECK")
    assert "/app/docker/entrypoint.sh" in healthcheck
    assert "healthcheck" in healthcheck


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "db.sqlite3", "media"} <= ignored


def run_entrypoint(*arguments, **environment):
    """docker/entrypoint.sh with this virtualenv's python, gunicorn and celery on the PATH.

    The environment is clean: none of the variables settings.py reads, no DJANGO_SETTINGS_MODULE
    (the Dockerfile sets it, but the script must not depend on it), only `environment`.
    """
    unwanted = settings_variables() | {"DJANGO_SETTINGS_MODULE"}
    env = {key: value for key, value in os.environ.items() if key not in unwanted}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(environment)
    return subprocess.run(
        ["bash", str(ROOT / "docker" / "entrypoint.sh"), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_entrypoint_migrates_then_runs_gunicorn(tmp_path):
    database = tmp_path / "db.sqlite3"
    result = run_entrypoint(
        "gunicorn", "--version", DEBUG="1", DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gunicorn" in result.stdout + result.stderr
    with sqlite3.connect(database) as connection:
        [(applied,)] = connection.execute("SELECT count(*) FROM django_migrations").fetchall()
    assert applied > 0


def test_entrypoint_runs_other_commands_without_migrating(tmp_path):
    database = tmp_path / "db.sqlite3"
    result = run_entrypoint(
        "python", "-c", "print('hello')", DEBUG="1", DATABASE_URL=f"sqlite:///{database}"
    )
    assert (result.returncode, result.stdout) == (0, "hello\n")
    assert not database.exists()


@pytest.fixture
def health_server():
    """A stand-in for gunicorn: answers /health/ with `status` and records the Host header."""
    seen = {"status": 200, "hosts": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen["hosts"].append(self.headers["Host"])
            self.send_response(seen["status"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen["url"] = f"http://127.0.0.1:{server.server_port}/health/"
    yield seen
    server.shutdown()
    server.server_close()


def test_entrypoint_healthcheck_asks_with_the_first_allowed_host(health_server):
    result = run_entrypoint(
        "healthcheck", health_server["url"], ALLOWED_HOSTS=".example.org,portal.example.org"
    )
    assert result.returncode == 0, result.stderr
    assert health_server["hosts"] == ["example.org"]


def test_entrypoint_healthcheck_fails_when_the_portal_is_unhealthy(health_server):
    health_server["status"] = 503
    result = run_entrypoint("healthcheck", health_server["url"], ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "503" in result.stderr


# --- production settings ---------------------------------------------------------------------


def run_django(arguments, **environment):
    """Python in a clean environment: none of the variables settings.py reads, but these."""
    env = {key: value for key, value in os.environ.items() if key not in settings_variables()}
    env.update(DJANGO_SETTINGS_MODULE="learningcity.settings", **environment)
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**overrides):
    """The smallest production environment the portal starts with, changed by `overrides`."""
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org",
        "SITE_URL": "https://portal.example.org",
        **overrides,
    }


def setting_in(environment, expression):
    result = run_django(
        [
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_passes_with_production_settings():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production()
    )
    assert result.returncode == 0, f"check --deploy failed:\n{result.stdout}\n{result.stderr}"


def test_check_deploy_still_warns_about_what_is_not_silenced():
    """Only the reminders about subdomains and preload are silenced, and only while they're off."""
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production(SECURE_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_hsts_subdomains_and_preload_are_off_unless_asked_for():
    assert (
        setting_in(
            production(), "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD"
        )
        == "False False"
    )
    both = production(SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1")
    assert (
        setting_in(both, "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD")
        == "True True"
    )
    assert setting_in(both, "settings.SILENCED_SYSTEM_CHECKS") == "[]"


def test_debug_is_off_unless_the_environment_turns_it_on():
    environment = production()
    del environment["DEBUG"]
    assert setting_in(environment, "settings.DEBUG") == "False"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize("debug", ["0", None], ids=["DEBUG=0", "DEBUG unset"])
def test_production_refuses_to_start_without(missing, value, debug):
    result = run_django(
        ["-c", "import django; django.setup()"], **production(DEBUG=debug, **{missing: value})
    )
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("django.core.exceptions.ImproperlyConfigured")
    assert missing in message


@pytest.mark.parametrize(
    "weak",
    ["too-short-but-random-Zq8", "a" * 60, "abab" * 20],
    ids=["short", "one character", "four distinct"],
)
def test_production_refuses_a_weak_secret_key(weak):
    result = run_django(["-c", "import django; django.setup()"], **production(SECRET_KEY=weak))
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_refuses_a_site_url_that_is_no_address():
    result = run_django(["-c", "import django; django.setup()"], **production(SITE_URL="aprende"))
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(("behind_proxy", "count"), [("1", "1"), ("0", "0")])
def test_behind_a_proxy_allauth_takes_the_visitor_address_from_x_forwarded_for(behind_proxy, count):
    expression = "getattr(settings, 'ALLAUTH_TRUSTED_PROXY_COUNT', 0)"
    assert setting_in(production(BEHIND_PROXY=behind_proxy), expression) == count


def test_map_tiles_host_is_allowed_as_an_image_source():
    environment = production(MAP_TILES_URL="https://{s}.tiles.example.net/{z}/{x}/{y}.png")
    sources = setting_in(environment, "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']")
    assert "https://*.tiles.example.net" in sources
