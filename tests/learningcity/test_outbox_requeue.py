"""Beat's requeue_unsent_emails_task queues again the e-mails whose task was lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from learningcity.models import OutgoingEmail
from learningcity.tasks import SEND_ATTEMPTS, requeue_unsent_emails_task, send_email_soon

pytestmark = pytest.mark.django_db


def outbox_row(minutes_ago, **fields):
    return OutgoingEmail.objects.create(
        to=f"{minutes_ago}@example.org",
        subject="Hola",
        body="Texto",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


def test_only_e_mails_unsent_for_a_while_and_not_given_up_on_are_sent_again():
    stale = outbox_row(30)
    outbox_row(2)
    outbox_row(30, sent_at=timezone.now(), attempts=1)
    outbox_row(30, attempts=SEND_ATTEMPTS, last_error="Mailbox unavailable")
    assert requeue_unsent_emails_task() == 1
    assert [message.to for message in mail.outbox] == [[stale.to]]
    assert requeue_unsent_emails_task() == 0
    assert len(mail.outbox) == 1


def test_a_broker_that_cannot_be_reached_is_logged_not_raised(monkeypatch, caplog):
    from kombu.exceptions import OperationalError

    from learningcity import tasks

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_email_task, "apply_async", unreachable)
    email = outbox_row(0)
    send_email_soon(email.pk)
    assert "stays in the outbox" in caplog.text
    email.refresh_from_db()
    assert email.sent_at is None
