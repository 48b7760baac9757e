import pytest
from celery.exceptions import Retry
from django.core import mail

from learningcity.models import OutgoingEmail
from learningcity.outbox import email_attachment, email_queue
from learningcity.tasks import send_email_task

pytestmark = pytest.mark.django_db


def test_queued_email_is_sent_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to="alice@example.org", subject=" Hola ", body="Texto")
        assert mail.outbox == []
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1
    assert mail.outbox[0].subject == "Hola"


def test_sending_twice_sends_once():
    email = OutgoingEmail.objects.create(to="alice@example.org", subject="Hola", body="Texto")
    assert send_email_task(email.pk) == "sent"
    assert send_email_task(email.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_deleted_email_is_skipped():
    assert send_email_task(123456) == "skipped"


def test_html_alternative_is_attached():
    email = OutgoingEmail.objects.create(
        to="alice@example.org", subject="Hola", body="Texto", html_body="<p>Texto</p>"
    )
    send_email_task(email.pk)
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"


def test_text_attachments_go_with_the_message():
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    email = email_queue(
        to="a@example.org",
        subject="Prensa",
        body="Texto",
        attachments=[email_attachment("fiesta.ics", ics.encode(), "text/calendar")],
    )
    send_email_task(email.pk)
    [message] = mail.outbox
    assert message.attachments == [("fiesta.ics", ics, "text/calendar")]


def test_a_failed_send_records_the_error_and_retries(monkeypatch):
    email = OutgoingEmail.objects.create(to="alice@example.org", subject="Hola", body="Texto")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises((ConnectionRefusedError, Retry)):
        send_email_task.apply(args=[email.pk], throw=True).get()
    email.refresh_from_db()
    assert email.sent_at is None
    assert email.attempts >= 1
    assert "smtp down" in email.last_error


def test_invalid_address_is_refused_before_queueing():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        email_queue(to="not an address", subject="Hola", body="Texto")
    assert not OutgoingEmail.objects.exists()


def test_an_app_schedules_its_periodic_task_through_the_registry():
    from learningcity.celery import app
    from learningcity.registry import registry

    before = dict(app.conf.beat_schedule)
    try:
        registry.register_periodic_task("test-every-minute", "learningcity.tasks.x", every=60)
        registry.register_periodic_task("test-every-minute", "learningcity.tasks.y", every=120)
        assert app.conf.beat_schedule["test-every-minute"] == {
            "task": "learningcity.tasks.y",
            "schedule": 120.0,
        }
        assert set(before) < set(app.conf.beat_schedule)  # the core's own entries stay
    finally:
        app.conf.beat_schedule = before
