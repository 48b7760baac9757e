"""Times the public pages with Django's test client on a seeded database.

    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python manage.py seed_scale [--small]
    .venv/bin/python bench/pages.py [--runs 30]

Prints a Markdown table (median and 95th percentile in milliseconds, queries per request) and
writes it to bench/results/pages.md. Use DATABASE_URL to measure on PostgreSQL.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
os.environ.setdefault("DEBUG", "1")  # the test client run is a development run

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from planning.models import Action  # noqa: E402
from stakeholders.forum import scale, selectors  # noqa: E402
from stakeholders.models import Category, Organisation, Topic  # noqa: E402

PAGES = [
    "/",
    "/stakeholders/",
    "/stakeholders/?q=escala&page=20",
    "/stakeholders/committee/",
    "/stakeholders/partners/",
    "/stakeholders/good-practices/",
    "/stakeholders/good-practices/?area=planning&page=10",
    "/plan/",
    "/plan/?status=late",
    "/plan/export.csv",
    "/plan/charter/",
    "/plan/stocktake/",
    "/plan/kflc/",
    "/dashboard/",
    "/forum/",
    "/forum/search/?q=biblioteca",
    "/forum/search/?q=festival",
]


def forum_pages():
    """The issue's measured cases (seed_scale): the category of 50,000 topics and the topic of
    10,000 posts, each at its first and its last page."""
    category = Category.objects.filter(slug=scale.BIG_CATEGORY["slug"]).first()
    topic = Topic.objects.filter(title=scale.BIG_TOPIC_TITLE).order_by("pk").first()
    if category is None or topic is None:
        return []
    last_topics = -(-category.topic_count // selectors.TOPICS_PER_PAGE)
    last_posts = -(-(topic.reply_count + 1) // selectors.POSTS_PER_PAGE)
    return [
        category.get_absolute_url(),
        f"{category.get_absolute_url()}?page={last_topics}",
        topic.get_absolute_url(),
        f"{topic.get_absolute_url()}?page={last_posts}",
    ]


def measure(client, url, runs):
    client.get(url)  # warm the caches
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    client = Client()
    organisation = Organisation.objects.filter(verified=True).order_by("pk").last()
    action = Action.objects.filter(objective__plan__status="adopted").order_by("pk").last()
    pages = [*PAGES, organisation.get_absolute_url(), action.get_absolute_url(), *forum_pages()]
    rows = [
        f"Database: {connection.vendor}; organisations: {Organisation.objects.count()}; "
        f"runs per page: {options.runs}",
        "",
        "| page | median ms | p95 ms | queries |",
        "|---|---:|---:|---:|",
    ]
    for url in pages:
        median, p95, queries = measure(client, url, options.runs)
        rows.append(f"| `{url}` | {median:.1f} | {p95:.1f} | {queries} |")
    table = "\n".join(rows)
    print(table)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "pages.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
