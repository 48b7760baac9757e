"""Load and faults: the portal as production runs it (gunicorn, DEBUG=0, Redis, a Celery
worker), on servers this module starts itself and stops again.

- A PostgreSQL cluster of our own: `initdb` and `pg_ctl` from `pg_config --bindir`, run as the
  `postgres` user with `runuser`, on a free port, in a temporary folder. Never the machine's own
  server on 5432, which the rest of the suite uses.
- A redis-server of our own on a free port (tests/services/test_redis_down.py's SpareRedis).
- gunicorn through docker/entrypoint.sh (which migrates first), as the Dockerfile runs it, with
  persistent database connections (CONN_MAX_AGE=60), so the health checks settings.py turns on
  (`conn_health_checks`) are what lets a worker use the database again after a restart.

Load goes to 127.0.0.1 only, from LOAD_CLIENTS threads, bounded in time (LOAD_TEST_SECONDS,
60 by default; 5 is enough while developing) and in requests (MAX_REQUESTS_PER_SECOND times
that). Each test prints its figures (requests, statuses, errors, faults survived)."""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.services.test_production import (
    ROOT,
    TEST_RUN_VARIABLES,
    Visitor,
    dockerfile_gunicorn_command,
    free_port,
)
from tests.services.test_redis_down import SpareRedis

pytestmark = pytest.mark.slow

LOAD_SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "60"))
LOAD_CLIENTS = 4
MAX_REQUESTS_PER_SECOND = 200
# One request in this many is a guest registering for the load's event (a GET, then a POST).
REGISTRATION_EVERY = 5
PUBLIC_PAGES = [
    "/",
    "/en/",
    "/plan/",
    "/plan/charter/",
    "/stakeholders/",
    "/forum/",
    "/events/",
    "/provision/",
    "/provision/spaces/",
    "/monitoring/",
    "/funding/",
    "/dashboard/",
    "/reports/",
    "/open-data/",
]
# Longer than any request of the load takes.
IN_FLIGHT = 5.0
EVENT_SLUG = "carga-festival"
EVENT_CAPACITY = 40


def missing(reason):
    message = f"The load and fault tests need {reason}."
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class OwnPostgres:
    """A PostgreSQL cluster of the test's own, stopped, started and restarted at will."""

    def __init__(self):
        if os.geteuid() != 0 or shutil.which("runuser") is None:
            missing("root and runuser, to run PostgreSQL's own cluster as the postgres user")
        try:
            bindir = subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            missing("pg_config (apt postgresql) to find initdb and pg_ctl")
        self.bin = Path(bindir)
        if not (self.bin / "initdb").exists():
            missing(f"initdb in {bindir} (apt postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="learningcity-own-postgres-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()

    def _as_postgres(self, *command, timeout=120):
        result = subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
        )
        assert result.returncode == 0, f"{command[0]} failed:\n{result.stdout}\n{result.stderr}"

    def _pg_ctl(self, *arguments):
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
                          *arguments)  # fmt: skip

    def start(self):
        if not self.data.exists():
            self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                              "-A", "trust", "-E", "UTF8", "--no-sync")  # fmt: skip
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c max_connections=40"
        )
        self._pg_ctl("-l", str(self.folder / "server.log"), "-o", options, "start")

    def restart(self):
        # The log file again: without one, the new server would write to our pipe and keep it.
        self._pg_ctl("-l", str(self.folder / "server.log"), "-m", "fast", "restart")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("-m", "fast", "stop")

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def execute(self, sql, params=(), database="postgres"):
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True
        ) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else None


def portal_environment(folder, database_url, redis_url):
    """What a production process of the portal gets (as tests/services/test_production.py)."""
    environment = {key: value for key, value in os.environ.items() if key not in TEST_RUN_VARIABLES}
    environment.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="https://portal.example.org",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CONN_MAX_AGE="60",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        BEHIND_PROXY="1",
        EMAIL_URL="console://",
    )
    return environment


def manage(environment, *arguments, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {arguments[0]} failed:\n{result.stderr[-3000:]}"
    return result.stdout


# The load's event: published, taking registrations, for a limited number of people.
MAKE_EVENT = f"""
from datetime import timedelta
from django.utils import timezone
from events.models import Event
starts = timezone.now() + timedelta(days=30)
event = Event(kind=Event.Kind.FESTIVAL, title="Festival de carga", slug="{EVENT_SLUG}",
              status=Event.Status.PUBLISHED, starts_at=starts, ends_at=starts + timedelta(hours=4),
              venue_name="Plaza Mayor", address="Plaza Mayor 1", capacity={EVENT_CAPACITY})
event.full_clean()
event.save()
"""


def children(pid):
    """The process ids whose parent is `pid` (gunicorn's workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.fixture(scope="module")
def own_postgres():
    cluster = OwnPostgres()
    try:
        cluster.start()
        cluster.execute("CREATE DATABASE learningcity")
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="module")
def own_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server (apt redis), started on a port of our own")
    server = SpareRedis(binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def portal(own_postgres, own_redis, tmp_path_factory):
    """gunicorn with two workers on the own cluster, migrated by the entrypoint and seeded with
    the demo city and the load's event. Its Redis database 0; the fault worker's is 1."""
    began = time.monotonic()
    folder = tmp_path_factory.mktemp("load")
    environment = portal_environment(
        folder, own_postgres.url("learningcity"), own_redis.url.rsplit("/", 1)[0] + "/0"
    )
    manage(environment, "collectstatic", "--noinput", "-v0")
    port = free_port()
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
        deadline = time.monotonic() + 300  # the entrypoint migrates a new database first
        while True:
            assert server.poll() is None, (folder / "gunicorn.log").read_text()[-3000:]
            try:
                if Visitor(base).get("/health/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /health/ in 300 s"
            time.sleep(0.5)
        manage(environment, "seed_demo", "--allow-production")
        manage(environment, "shell", "-c", MAKE_EVENT)
        print(f"\nPortal migrated, seeded and serving in {time.monotonic() - began:.0f} s")
        yield {
            "base": base,
            "environment": environment,
            "server": server,
            "folder": folder,
            "log": folder / "gunicorn.log",
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@dataclass
class Tally:
    """Every answer of a load run: (started, seconds since the start; status or error name)."""

    started: float = field(default_factory=time.monotonic)
    answers: list = field(default_factory=list)
    registrations: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, when, status):
        with self.lock:
            self.answers.append((when - self.started, status))

    def statuses(self, after=0.0, before=float("inf")):
        return Counter(status for when, status in self.answers if after <= when < before)

    @staticmethod
    def failures(statuses):
        return {
            status: n for status, n in statuses.items() if not str(status).startswith(("2", "3"))
        }

    def summary(self, seconds):
        statuses = self.statuses()
        total = sum(statuses.values())
        return (
            f"{total} requests in {seconds:.0f} s ({total / seconds:.1f}/s) from {LOAD_CLIENTS} "
            f"clients, {self.registrations} registrations; statuses "
            f"{dict(sorted(statuses.items(), key=str))}; failures {self.failures(statuses)}"
        )


class LoadVisitor(Visitor):
    """A visitor with an address of its own behind the proxy (rate limits count per address)."""

    def __init__(self, base, address):
        super().__init__(base)
        self.address = address

    def request(self, path, data=None, headers=None):
        return super().request(path, data, {"X-Forwarded-For": self.address, **(headers or {})})


def load(base, seconds, tally, *, clients=LOAD_CLIENTS):
    """`clients` threads, each a visitor of its own (its own address behind the proxy), asking
    for the public pages in turn and registering as a guest every REGISTRATION_EVERY requests,
    until `seconds` have passed or MAX_REQUESTS_PER_SECOND × seconds requests were made."""
    deadline = time.monotonic() + seconds
    budget = int(MAX_REQUESTS_PER_SECOND * seconds)
    counter = iter(range(budget))
    counter_lock = threading.Lock()

    def ask(visitor, method, path, data=None):
        started = time.monotonic()
        try:
            status = visitor.post(path, data)[0] if method == "POST" else visitor.get(path)[0]
        except (urllib.error.URLError, OSError) as error:
            status = type(error).__name__
        tally.add(started, status)
        return status

    def client(number):
        visitor = LoadVisitor(base, f"198.51.100.{number + 10}")
        n = 0
        while time.monotonic() < deadline:
            with counter_lock:
                if next(counter, None) is None:
                    return
            n += 1
            if n % REGISTRATION_EVERY == 0:
                if ask(visitor, "GET", f"/events/{EVENT_SLUG}/") == 200:
                    email = f"carga-{number}-{n}-{secrets.token_hex(3)}@example.org"
                    status = ask(
                        visitor,
                        "POST",
                        f"/events/{EVENT_SLUG}/register/",
                        {"name": f"Persona {number}-{n}", "email": email},
                    )
                    if status == 302:
                        with tally.lock:
                            tally.registrations += 1
            else:
                ask(visitor, "GET", PUBLIC_PAGES[(number + n) % len(PUBLIC_PAGES)])

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tally


def registrations_of_the_event(own_postgres):
    [(count,)] = own_postgres.execute(
        "SELECT count(*) FROM events_registration r JOIN events_event e ON e.id = r.event_id "
        "WHERE e.slug = %s",
        [EVENT_SLUG],
        database="learningcity",
    )
    return count


def test_public_pages_and_registrations_under_load_answer_without_a_server_error(
    portal, own_postgres
):
    before = registrations_of_the_event(own_postgres)
    tally = load(portal["base"], LOAD_SECONDS, Tally())
    print(f"\nLoad held: {tally.summary(LOAD_SECONDS)}")
    statuses = tally.statuses()
    assert Tally.failures(statuses) == {}
    assert statuses[200] > 0 and tally.registrations > 0
    # Every registration the portal accepted is there, once.
    assert registrations_of_the_event(own_postgres) - before == tally.registrations


def test_the_portal_recovers_from_a_postgresql_restart_under_load_without_a_restart_of_its_own(
    portal, own_postgres
):
    seconds = max(8.0, min(LOAD_SECONDS, 20.0))
    workers = children(portal["server"].pid)
    tally = Tally()
    runner = threading.Thread(target=load, args=(portal["base"], seconds, tally))
    runner.start()
    time.sleep(seconds / 4)
    down = time.monotonic() - tally.started
    own_postgres.restart()
    up = time.monotonic() - tally.started
    runner.join()
    during, after = tally.statuses(down, up), tally.statuses(up)
    print(
        f"\nPostgreSQL restarted under load, down for {up - down:.1f} s: "
        f"{tally.summary(seconds)}; while it restarted {dict(during)}; after it {dict(after)}"
    )
    # Requests take well under IN_FLIGHT seconds: those started before were answered in full.
    assert Tally.failures(tally.statuses(0, down - IN_FLIGHT)) == {}
    # Every request made once the database is back is answered, by the same processes.
    assert Tally.failures(after) == {}
    assert after[200] > 0
    assert children(portal["server"].pid) == workers, "gunicorn's workers were restarted"

    # Restarted again while nobody asks: each worker's kept connection is dead when the next
    # request comes, and is found so (CONN_HEALTH_CHECKS) before the page uses it.
    own_postgres.restart()
    visitor = Visitor(portal["base"])
    idle = Counter(visitor.get(PUBLIC_PAGES[n % 3])[0] for n in range(12))
    print(f"After a restart while idle: {dict(idle)}")
    assert idle == {200: 12}
    assert children(portal["server"].pid) == workers, "gunicorn's workers were restarted"
    assert visitor.get("/health/")[0] == 200


class FaultWorker:
    """A Celery worker (tests/services/fault_worker.py) on the own Redis's database 1, in a
    process group of its own so the test can kill it whole."""

    def __init__(self, environment, log):
        self.environment = environment
        self.log = log
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.services.fault_worker", "worker",
             "--pool=prefork", "--concurrency=1", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel=INFO"],
            cwd=ROOT, env=self.environment, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self):
        """SIGKILL to the worker and its pool: nothing is handed back, as when a machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


REPORT = """
from datetime import date
from django.contrib.auth import get_user_model
from dashboard import services
coordinator = get_user_model().objects.get(email="coordinator@example.org")
report = services.report_create(by=coordinator, title="Informe tras un fallo", scope="city",
                                language="es", period_start=date(2026, 1, 1),
                                period_end=date(2026, 12, 31))
services.report_generate(report=report, by=coordinator)
print(report.pk)
"""


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.2)
    return time.monotonic()


def test_a_pdf_task_whose_worker_was_killed_completes_once_the_worker_is_back(
    portal, own_postgres, own_redis
):
    folder = portal["folder"]
    pauses = folder / "pdf-pauses"
    pauses.mkdir()
    environment = {
        **portal["environment"],
        "REDIS_URL": own_redis.url.rsplit("/", 1)[0] + "/1",
        "PDF_PAUSE_DIR": str(pauses),
    }
    log = (folder / "worker.log").open("w")
    worker = FaultWorker(environment, log)
    try:
        worker.start()
        report = int(manage(environment, "shell", "-c", REPORT).split()[-1])

        def status():
            [(value,)] = own_postgres.execute(
                "SELECT pdf_status FROM dashboard_progressreport WHERE id = %s",
                [report],
                database="learningcity",
            )
            return value

        marker = pauses / f"report-{report}"
        wait_until(marker.exists, 120, "the worker starting the PDF")
        assert status() == "running"
        worker.kill()
        killed = time.monotonic()
        time.sleep(1)
        assert status() == "running"

        worker.start()
        done = wait_until(lambda: status() == "done", 180, "the PDF after the worker returned")
        [(pdf,)] = own_postgres.execute(
            "SELECT pdf FROM dashboard_progressreport WHERE id = %s", [report], "learningcity"
        )
        content = (Path(environment["MEDIA_ROOT"]) / pdf).read_bytes()
        print(
            f"\nCelery worker killed during a PDF task: the PDF was done {done - killed:.1f} s "
            f"after the kill, by the worker started again ({len(content)} bytes)"
        )
        assert content[:5] == b"%PDF-"
    finally:
        worker.stop()
        log.close()
