"""The real worker generates a report's PDF: the task is known to the worker (dashboard/tasks.py),
renders with WeasyPrint there and leaves one file the portal serves."""

import time
from datetime import date

import pytest

from dashboard import services
from dashboard.models import ProgressReport
from planning.models import ActionPlan
from tests.planning.factories import ActionFactory, ActionPlanFactory
from tests.stakeholders.factories import UserFactory


def wait_for(condition, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"not done by the worker within {timeout} s")


@pytest.mark.django_db(transaction=True)
def test_the_worker_generates_a_reports_pdf(real_worker):
    carol = UserFactory(email="carol@example.org", roles=["coordinator"])
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    ActionFactory.create_batch(3, objective__plan=plan)
    report = services.report_create(
        by=carol,
        title="Informe del worker",
        scope="city",
        language="es",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    services.report_generate(report=report, by=carol)
    done = ProgressReport.objects.filter(pk=report.pk, pdf_status="done")
    wait_for(done.exists)
    report.refresh_from_db()
    assert report.snapshot["plan"]["action_total"] == 3
    with report.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    report.pdf.delete(save=False)
