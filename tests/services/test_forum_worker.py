"""The real worker tells a topic's followers of a reply: the forum's task, in its own module, is
known to the worker (Celery discovers each app's `tasks` module only)."""

import time

import pytest

from learningcity.models import Notification, OutgoingEmail
from stakeholders.forum import services
from tests.stakeholders.factories import UserFactory
from tests.stakeholders.forum.factories import CategoryFactory


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"not done by the worker within {timeout} s")


@pytest.mark.django_db(transaction=True)
def test_the_worker_tells_a_follower_of_a_reply_by_email(real_worker):
    alice = UserFactory(email="alice@example.org", preferred_language="en")
    bob = UserFactory(email="bob@example.org")
    topic = services.topic_start(
        category=CategoryFactory(), title="Reading clubs", body="Who joins?", by=alice
    )
    services.post_reply(topic=topic, body="¡Yo!", by=bob)
    wait_for(lambda: Notification.objects.filter(recipient=alice, kind="forum.reply").exists())
    email = OutgoingEmail.objects.get(to=alice.email)
    assert email.subject == "New reply in “Reading clubs”"
    wait_for(lambda: OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists())
