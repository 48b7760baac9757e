import pytest
from django.db import connection

from learningcity.models import OutgoingEmail
from learningcity.outbox import email_queue
from learningcity.tasks import send_email_task


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_queued_email_through_the_broker(real_worker):
    """End to end: a row committed here, a task through Redis, the worker sends and records it."""
    email = email_queue(to="alice@example.org", subject="Bienvenida", body="Hola, Alice")
    email.refresh_from_db()
    # email_queue queued the task on commit (autocommit here); queue it again to hold the result.
    result = send_email_task.delay(email.pk)
    assert result.get(timeout=60) in {"sent", "skipped"}
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_running_the_task_twice_on_the_worker_sends_once(real_worker):
    email = OutgoingEmail.objects.create(to="bob@example.org", subject="Hola", body="Texto")
    first = send_email_task.delay(email.pk).get(timeout=60)
    second = send_email_task.delay(email.pk).get(timeout=60)
    assert (first, second) == ("sent", "skipped")
    email.refresh_from_db()
    assert email.attempts == 1


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql(services):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13
