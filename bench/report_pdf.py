"""Times a progress report's PDF on a seeded database: reading the figures from every area and
drawing the PDF with WeasyPrint, as the Celery task does, without saving anything.

    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python manage.py seed_scale_plan            # 30 objectives × 10 actions more
    .venv/bin/python bench/report_pdf.py [--runs 3]

Prints a Markdown table (median and slowest in seconds, pages, size) and writes it to
bench/results/report_pdf.md. Issue 20's target: at most 10 s for a large city's full report.
Use DATABASE_URL to measure on PostgreSQL.
"""

import argparse
import io
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import pypdf  # noqa: E402
from django.db import connection  # noqa: E402

from dashboard import figures  # noqa: E402
from dashboard.models import ProgressReport  # noqa: E402
from dashboard.pdf import render_pdf  # noqa: E402
from planning.models import Action  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    year = date.today().year
    report = ProgressReport(
        pk=0,
        title="Benchmark report",
        scope=ProgressReport.Scope.GNLC,
        language="en",
        period_start=date(year - 1, 1, 1),
        period_end=date(year, 12, 31),
        summary="A summary. " * 200,
        lessons="A lesson. " * 200,
        next_steps="A next step. " * 200,
    )
    reading, drawing = [], []
    for _run in range(options.runs):
        started = time.perf_counter()
        snapshot = figures.collect(report)
        read = time.perf_counter()
        pdf = render_pdf(report, snapshot)
        reading.append(read - started)
        drawing.append(time.perf_counter() - read)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    actions = Action.objects.filter(objective__plan__status="adopted").count()
    totals = [a + b for a, b in zip(reading, drawing, strict=True)]
    table = "\n".join(
        [
            f"Database: {connection.vendor}; actions in the adopted plan: {actions}; "
            f"runs: {options.runs}",
            "",
            "| step | median s | slowest s |",
            "|---|---:|---:|",
            f"| read the figures | {statistics.median(reading):.2f} | {max(reading):.2f} |",
            f"| draw the PDF | {statistics.median(drawing):.2f} | {max(drawing):.2f} |",
            f"| whole report | {statistics.median(totals):.2f} | {max(totals):.2f} |",
            "",
            f"The PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB.",
        ]
    )
    print(table)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "report_pdf.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
