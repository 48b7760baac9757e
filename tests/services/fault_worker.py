"""The portal's Celery app as the worker of test_load_and_faults.py runs it:

    celery -A tests.services.fault_worker worker ...

Two changes, for the test only: a message whose worker vanished goes back to the queue after
VISIBILITY_TIMEOUT seconds instead of settings.py's half hour (what a lost machine costs in
production), checked every second; and, with PDF_PAUSE_DIR set, the first rendering of each
report's PDF writes a marker file there and pauses, so the test kills the worker in the middle
of the task. The task's second run renders as usual."""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from learningcity.celery import app

VISIBILITY_TIMEOUT = 8
PAUSE_SECONDS = 120

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}


@worker_process_init.connect
def pause_first_renders(**kwargs):
    folder = os.environ.get("PDF_PAUSE_DIR")
    if not folder:
        return
    from dashboard import pdf

    render = pdf.render_pdf

    def render_after_a_pause(report, snapshot):
        marker = Path(folder) / f"report-{report.pk}"
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(PAUSE_SECONDS)
        return render(report, snapshot)

    pdf.render_pdf = render_after_a_pause
