from celery import shared_task

from dashboard import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def generate_report_pdf_task(report_id):
    """Generate a report's PDF (dashboard.services.report_generate_run): taken back by the
    queue if its worker dies, and harmless when run twice."""
    return services.report_generate_run(report_id)
