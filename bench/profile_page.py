"""Time and profile one page through Django's test client, as the bench serves it.

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=bench.settings DEBUG=0 SECRET_KEY=<50+ chars> \\
    ALLOWED_HOSTS=testserver SITE_URL=http://127.0.0.1:8000 STATIC_ROOT=/tmp/static \\
    BEHIND_PROXY=1 DATABASE_URL=... REDIS_URL=... \\
    .venv/bin/python bench/profile_page.py /stakeholders/ [--kept 0] [--top 40]

(`manage.py collectstatic` first, with the same environment.) Prints the median of ten warm
requests, the queries of one, and cProfile's functions by cumulative time. `--kept 0` turns the
public sections kept rendered (learningcity.kept) off, to compare.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--kept", type=int, default=1)
    parser.add_argument("--top", type=int, default=40)
    options = parser.parse_args()
    settings.PUBLIC_SECTIONS_KEPT = bool(options.kept)
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.get(options.path)
    times = []
    for _ in range(10):
        start = time.perf_counter()
        response = client.get(options.path)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(options.path)
    print(f"{options.path}: {response.status_code}, median {statistics.median(times):.1f} ms, "
          f"{len(queries)} queries")  # fmt: skip
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        client.get(options.path)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(options.top)


if __name__ == "__main__":
    main()
