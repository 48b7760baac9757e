import time
from datetime import UTC, date, datetime

import pytest

from learningcity.models import (
    CityProfile,
    Notification,
    NotificationDigest,
    NotificationPreference,
    OutgoingEmail,
)
from learningcity.notifications import notify
from learningcity.tasks import daily_digests_task
from tests.stakeholders.factories import OrganisationFactory, UserFactory

VERIFIED = "stakeholders.organisation_verified"


def wait_until_sent(email, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.sent_at is not None:
            return email
        time.sleep(0.5)
    raise AssertionError(f"The worker did not send {email} within {timeout} s")


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_daily_digest_once_however_often_it_runs(real_worker):
    """Through the broker: beat's task on the worker gathers the day, the outbox sends it."""
    profile = CityProfile.objects.current()
    profile.time_zone = "America/Mexico_City"
    profile.save()
    alice = UserFactory(email="alice@example.org", preferred_language="en")
    NotificationPreference.objects.create(user=alice, kind=VERIFIED, frequency="daily")
    organisation = OrganisationFactory(name="Casa de la Cultura")
    notification = notify(
        recipient=alice,
        kind=VERIFIED,
        template="stakeholders/email/organisation_verified",
        context={"organisation": organisation},
        link=organisation.get_absolute_url(),
    )
    # 24 November, 09:00 in Mexico City.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    )

    first = daily_digests_task.delay("2026-11-24")
    second = daily_digests_task.delay("2026-11-24")
    assert sorted([first.get(timeout=60), second.get(timeout=60)]) == [0, 1]

    digest = NotificationDigest.objects.get()
    assert (digest.user, digest.starts_on) == (alice, date(2026, 11, 24))
    email = wait_until_sent(OutgoingEmail.objects.get(to=alice.email))
    assert email.subject == "Your daily digest: 1 notification"
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutgoingEmail.objects.filter(to=alice.email).count() == 1
