from datetime import date

import pytest

from dashboard import services


@pytest.fixture
def published_report(carol, settings, tmp_path, django_capture_on_commit_callbacks):
    """`published_report(**fields)`: a report of 2025–2026 made, generated (its PDF in a
    temporary media folder) and published by Carol, with today's figures."""
    settings.MEDIA_ROOT = tmp_path

    def publish(**fields):
        report = services.report_create(
            by=carol,
            **{
                "title": "Informe bienal",
                "scope": "gnlc",
                "language": "es",
                "period_start": date(2025, 1, 1),
                "period_end": date(2026, 12, 31),
                **fields,
            },
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.report_generate(report=report, by=carol)
        report.refresh_from_db()
        services.report_publish(report=report, by=carol)
        return report

    return publish
