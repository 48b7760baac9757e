"""`make bench`: the portal as production runs it, at a city's scale, measured from outside.

1. A PostgreSQL database is migrated and seeded (the demo city, then the `seed_scale*` commands
   of the forum, the plan, provision, events and indicators) once, and kept as a template
   database named after what it was made from (the seed options, the migrations and the
   seeding code): later runs copy it in seconds.
2. gunicorn serves the portal with DEBUG=0 and collected static files, behind a pretend proxy
   (X-Forwarded-Proto), with the bench settings that add one bare page, /bench/baseline/.
3. wrk (Debian's package) loads each page for a while; its median, 95th percentile and
   requests per second go into bench/results/latest.md, each page also as a ratio to the
   baseline: absolute times change with the machine and its load, ratios much less.
4. A full progress report's PDF is timed on the same data (bench/report_pdf.py).

    .venv/bin/python bench/run.py [--small] [--duration 10] [--connections 2]
"""

import argparse
import hashlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "bench" / "wrk_report.lua"
RESULTS = ROOT / "bench" / "results"
# As a browser behind the proxy asks: over HTTPS, taking compressed answers where offered.
PROXY_HEADERS = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "198.51.100.1",
    "Accept-Encoding": "gzip",
}
SIZES = {
    "large": {
        "organisations": 3000,
        "objectives": 30,
        "actions": 10,
        "topics": 50_000,
        "posts": 500_000,
        "category_topics": 50_000,
        "topic_posts": 10_000,
        "spaces": 2000,
        "opportunities": 20_000,
        "events": 5000,
        "registrations": 200_000,
        "indicators": 100,
        "years": 10,
    },
    "small": {
        "organisations": 300,
        "objectives": 5,
        "actions": 4,
        "topics": 600,
        "posts": 6000,
        "category_topics": 500,
        "topic_posts": 500,
        "spaces": 100,
        "opportunities": 1000,
        "events": 200,
        "registrations": 4000,
        "indicators": 10,
        "years": 3,
    },
}
# The forum's pages (stakeholders/forum/selectors.py), to find the last page of the large
# category and topic without starting Django; tests/test_bench.py keeps them equal.
TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
# What seed_scale names them (stakeholders/forum/scale.py).
LARGE_CATEGORY = "escala"
# How the template is made here (2: vacuumed after seeding); a new version makes a new one.
TEMPLATE_VERSION = 2
# What the template database is made from: a change to any of these makes a new one.
SEED_SOURCES = [
    "stakeholders/demo.py",
    "planning/demo.py",
    "stakeholders/management/commands/seed_scale.py",
    "stakeholders/forum/demo.py",
    "stakeholders/forum/scale.py",
    "planning/management/commands/seed_scale_plan.py",
    "provision/demo.py",
    "provision/scale.py",
    "provision/management/commands/seed_scale_provision.py",
    "learningcity/scale.py",
    "events/scale.py",
    "events/management/commands/seed_scale_events.py",
    "monitoring/scale.py",
    "monitoring/management/commands/seed_scale_monitoring.py",
]
# The demo's city centre (stakeholders/demo.py DISTRICTS): a district-sized map view.
DISTRICT_BBOX = "-101.22,19.68,-101.16,19.72"
GEOJSON = "/api/provision/opportunities.geojson"
PAGES = [
    ("baseline (base template, no query)", "/bench/baseline/"),
    ("home", "/"),
    ("plan", "/plan/"),
    ("plan, late actions", "/plan/?status=late"),
    ("an action", "{action}"),
    ("directory", "/stakeholders/"),
    ("an organisation", "{organisation}"),
    ("committee", "/stakeholders/committee/"),
    ("KFLC coverage", "/plan/kflc/"),
    ("dashboard", "/dashboard/"),
    ("forum", "/forum/"),
    ("forum, category of {category_topics} topics", "{category}"),
    ("forum, that category's last page", "{category_last}"),
    ("forum, topic of {topic_posts} posts", "{topic}"),
    ("forum, that topic's last page", "{topic_last}"),
    ("forum search, a word of many posts", "/forum/search/?q=biblioteca"),
    ("forum search, a word of some titles", "/forum/search/?q=festival"),
    ("find learning", "/provision/"),
    ("find learning, filtered", "/provision/?subject=languages&cost=free&schedule=evenings"),
    ("find learning, a word", "/provision/?q=guitarra"),
    ("the map of learning", "/provision/map/"),
    ("GeoJSON, the whole city", GEOJSON),
    ("GeoJSON, a district's view", f"{GEOJSON}?bbox={DISTRICT_BBOX}"),
    ("GeoJSON, filtered", f"{GEOJSON}?cost=free&schedule=evenings"),
    ("learning spaces", "/provision/spaces/"),
    ("events", "/events/"),
    ("an event with its registrations", "{event}"),
    ("the events' calendar feed", "/events/feed.ics"),
    ("indicators", "/monitoring/"),
    ("an indicator of {years} years", "{indicator}"),
    ("funding", "/funding/"),
    ("progress reports", "/reports/"),
    ("a published progress report", "{report}"),
]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="a small city: a quick run")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    # As many connections as workers: latency is then the time a request takes, not its wait
    # in gunicorn's queue.
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server and a database to connect to while making the others",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
    )
    parser.add_argument("--pdf-runs", type=int, default=3, help="times the report's PDF is made")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.md")
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="WORD",
        help="measure only the pages whose label or path holds one of these words "
        "(the baseline always)",
    )
    return parser.parse_args()


def wanted(words, label, path):
    """Whether --pages asks for this page (all of them without it)."""
    return not words or any(word in label or word in path for word in words)


def say(message):
    print(f"::: {message}", flush=True)


def seed_key(size):
    digest = hashlib.sha256(json.dumps(size, sort_keys=True).encode())
    digest.update(f"template {TEMPLATE_VERSION}".encode())
    sources = sorted(ROOT.glob("*/migrations/*.py")) + [ROOT / name for name in SEED_SOURCES]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def database_url(server_url, name):
    parts = urlsplit(server_url)
    return parts._replace(path=f"/{name}").geturl()


def admin_connection(server_url):
    return psycopg_connect(server_url)


def psycopg_connect(url):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def database_exists(connection, name):
    row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def manage(environment, *command):
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=environment, check=True)


def seeded_template(options, size, environment):
    """The name of the template database for this size and code, made if missing."""
    name = f"lc_bench_{seed_key(size)}"
    with admin_connection(options.database_url) as connection:
        if database_exists(connection, name):
            say(f"reusing the seeded database {name}")
            return name
        stale = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'lc_bench_%%' "
            "AND datname <> 'lc_bench_run'"
        ).fetchall()
        for (old,) in stale:
            connection.execute(f'ALTER DATABASE "{old}" IS_TEMPLATE false')
            connection.execute(f'DROP DATABASE "{old}" WITH (FORCE)')
        making = f"{name}_making"
        connection.execute(f'DROP DATABASE IF EXISTS "{making}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{making}"')
    started = time.monotonic()
    seeding = {
        **environment,
        "DEBUG": "1",
        "DATABASE_URL": database_url(options.database_url, making),
    }
    say(f"seeding {making}: {size}")
    manage(seeding, "migrate", "--noinput", "-v0")
    manage(seeding, "seed_demo")
    manage(
        seeding,
        "seed_scale",
        *(
            item
            for name in ["organisations", "topics", "posts", "category_topics", "topic_posts"]
            for item in (f"--{name.replace('_', '-')}", str(size[name]))
        ),
    )
    manage(
        seeding,
        "seed_scale_plan",
        "--objectives",
        str(size["objectives"]),
        "--actions",
        str(size["actions"]),
    )
    for command, names in [
        ("seed_scale_provision", ["spaces", "opportunities"]),
        ("seed_scale_events", ["events", "registrations"]),
        ("seed_scale_monitoring", ["indicators", "years"]),
    ]:
        options_given = (item for name in names for item in (f"--{name}", str(size[name])))
        manage(seeding, command, *options_given)
    # As autovacuum would have left a city's database: statistics current and the visibility
    # map set, without which PostgreSQL reads a page of 50,000 topics from the table instead of
    # from the index alone (the forum's last category page: 0.31 s against 0.05 s).
    with psycopg_connect(seeding["DATABASE_URL"]) as connection:
        connection.execute("VACUUM ANALYZE")
    with admin_connection(options.database_url) as connection:
        connection.execute(f'ALTER DATABASE "{making}" RENAME TO "{name}"')
        connection.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE true')
    say(f"seeded {name} in {time.monotonic() - started:.0f} s")
    return name


def fresh_copy(options, template):
    name = "lc_bench_run"
    with admin_connection(options.database_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return database_url(options.database_url, name)


def detail_paths(url):
    """The last verified organisation, the last action of the adopted plan, the event with most
    registrations, the indicator with most values, the last published progress report, and the
    forum's large category and largest topic, each at its first and last page."""
    import psycopg
    from django.utils.text import slugify

    with psycopg.connect(url) as connection:
        (slug,) = connection.execute(
            "SELECT slug FROM stakeholders_organisation WHERE verified ORDER BY id DESC LIMIT 1"
        ).fetchone()
        (action,) = connection.execute(
            "SELECT a.id FROM planning_action a JOIN planning_objective o ON a.objective_id = o.id "
            "JOIN planning_actionplan p ON o.plan_id = p.id WHERE p.status = 'adopted' "
            "ORDER BY a.id DESC LIMIT 1"
        ).fetchone()
        category_id, topics = connection.execute(
            "SELECT id, topic_count FROM stakeholders_category WHERE slug = %s", [LARGE_CATEGORY]
        ).fetchone()
        (event,) = connection.execute(
            "SELECT e.slug FROM events_event e JOIN events_registration r ON r.event_id = e.id "
            "WHERE e.status = 'published' GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1"
        ).fetchone()
        (indicator,) = connection.execute(
            "SELECT indicator_id FROM monitoring_period WHERE status = 'approved' "
            "GROUP BY indicator_id ORDER BY count(*) DESC, indicator_id DESC LIMIT 1"
        ).fetchone()
        (report,) = connection.execute(
            "SELECT id FROM dashboard_progressreport WHERE status = 'published' "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        topic, title, replies = connection.execute(
            "SELECT id, title, reply_count FROM stakeholders_topic WHERE category_id = %s "
            "ORDER BY reply_count DESC, id LIMIT 1",
            [category_id],
        ).fetchone()
    category = f"/forum/c/{LARGE_CATEGORY}/"
    # As Topic.get_absolute_url makes it: the page itself, not a redirect to it.
    topic_path = f"/forum/t/{topic}/{slugify(title)[:60] or 'topic'}/"
    return {
        "organisation": f"/stakeholders/organisations/{slug}/",
        "action": f"/plan/actions/{action}/",
        "event": f"/events/{event}/",
        "indicator": f"/monitoring/indicators/{indicator}/",
        "report": f"/reports/{report}/",
        "category": category,
        "category_last": f"{category}?page={-(-topics // TOPICS_PER_PAGE)}",
        "topic": topic_path,
        "topic_last": f"{topic_path}?page={-(-(replies + 1) // POSTS_PER_PAGE)}",
    }


def redis_if_reachable(url):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        say(f"no Redis at {url}: the cache is local memory, per worker")
        return ""
    return url


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    """The status of `url` and the bytes of its body as sent (compressed when it is)."""
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def wait_until_up(base, server):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped; see its output above")
        try:
            if get(base + "/health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /health/ within 60 s")


def load(options, url):
    """wrk's numbers for one page (latencies in milliseconds)."""
    headers = [item for name, value in PROXY_HEADERS.items() for item in ("-H", f"{name}: {value}")]
    result = subprocess.run(
        [
            "wrk",
            f"-t{options.threads}",
            f"-c{options.connections}",
            f"-d{options.duration}s",
            "--timeout",
            "30s",
            "-s",
            str(REPORT),
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH "))
    numbers = json.loads(line.removeprefix("BENCH "))
    if numbers["errors"]:
        sys.exit(f"{url}: {numbers['errors']} failed requests under load\n{result.stdout}")
    return {
        "median": numbers["p50"] / 1000,
        "p95": numbers["p95"] / 1000,
        "rps": numbers["requests"] / numbers["seconds"],
    }


def table(rows, baseline):
    lines = [
        "| page | path | median ms | p95 ms | requests/s | median × baseline | KB sent |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, path, numbers in rows:
        ratio = numbers["median"] / baseline["median"] if baseline["median"] else float("nan")
        lines.append(
            f"| {label} | `{path}` | {numbers['median']:.1f} | {numbers['p95']:.1f} | "
            f"{numbers['rps']:.0f} | {ratio:.1f} | {numbers.get('kb', float('nan')):,.0f} |"
        )
    return "\n".join(lines)


def machine(options, size):
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), flags=re.MULTILINE)
        cpu = found[1] if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text())[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC at commit `{commit or '?'}` on "
        f"{os.cpu_count()} × {cpu}{memory}; Python {platform.python_version()}; PostgreSQL; "
        f"gunicorn {options.workers} workers, DEBUG=0; wrk {options.threads} threads, "
        f"{options.connections} connections, {options.duration} s a page.\n"
        f"Data: the demo city plus {size['organisations']} organisations (with members, "
        f"committee history, good practices), {size['objectives']} objectives × "
        f"{size['actions']} actions added to the adopted plan, and {size['topics']:,} forum "
        f"topics with {size['posts']:,} posts (one category of {size['category_topics']:,} "
        f"topics, one topic of {size['topic_posts']:,} posts), {size['spaces']:,} learning "
        f"spaces holding {size['opportunities']:,} learning opportunities, {size['events']:,} "
        f"events with {size['registrations']:,} registrations, {size['indicators']:,} "
        f"indicators with {size['years']} years of approved values."
    )


def main():
    options = arguments()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it (apt package wrk)")
    size = SIZES["small" if options.small else "large"]
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"
    template = seeded_template(options, size, environment)
    url = fresh_copy(options, template)
    static_root = tempfile.mkdtemp(prefix="lc-bench-static-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serving = {
        **environment,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": base,
        "DATABASE_URL": url,
        "REDIS_URL": redis_if_reachable(options.redis_url),
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": static_root,
        "BEHIND_PROXY": "1",
        "LOG_LEVEL": "WARNING",
    }
    manage(serving, "collectstatic", "--noinput", "-v0")
    if serving["REDIS_URL"]:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()",
                serving["REDIS_URL"],
            ],
            check=True,
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "learningcity.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--worker-tmp-dir",
            "/dev/shm",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=serving,
    )
    try:
        wait_until_up(base, server)
        paths = detail_paths(url)
        rows = []
        for template_label, template_path in PAGES:
            label = template_label.format(**{name: f"{value:,}" for name, value in size.items()})
            path = template_path.format(**paths)
            if rows and not wanted(options.pages, label, path):
                continue
            for _warm in range(3):
                status, size_sent = get(base + path)
                if status != 200:
                    sys.exit(f"{path} answered {status}")
            numbers = {**load(options, base + path), "kb": size_sent / 1024}
            say(f"{label}: median {numbers['median']:.1f} ms, p95 {numbers['p95']:.1f} ms")
            rows.append((label, path, numbers))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
    say("timing a full progress report's PDF (bench/report_pdf.py)")
    pdf = subprocess.run(
        [sys.executable, "bench/report_pdf.py", "--runs", str(options.pdf_runs)],
        cwd=ROOT,
        env=serving,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    report = (
        f"# Benchmark\n\n{machine(options, size)}\n\n{table(rows, rows[0][2])}\n\n"
        f"## A full progress report's PDF (read the figures, draw with WeasyPrint)\n\n{pdf}\n"
    )
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
