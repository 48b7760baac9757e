"""Two organisations ask for the last place of a workshop at the same moment, on PostgreSQL: two
threads, two connections, two transactions that overlap. The lock on the workshop's row
(learningcity.capacity) makes the second wait for the first: one place confirmed, one waiting."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from planning import services
from planning.models import WorkshopParticipation
from tests.conftest import IN_CI
from tests.planning.factories import WorkshopFactory
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL (README: Services tests)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_two_requests_for_the_last_place_at_once_get_one_place(postgresql, monkeypatch):
    workshop = WorkshopFactory(capacity=1, starts_at=timezone.now() + timedelta(days=7))
    organisations = [OrganisationFactory(), OrganisationFactory()]
    # Between counting the places and saving, each request lingers: without the lock both
    # would count none taken and both confirm.
    full_clean = WorkshopParticipation.full_clean

    def slow_full_clean(self, *args, **kwargs):
        time.sleep(0.5)
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(WorkshopParticipation, "full_clean", slow_full_clean)
    start = threading.Barrier(2)
    errors = []

    def ask(organisation):
        try:
            start.wait(timeout=5)
            services.workshop_request_place(workshop=workshop, organisation=organisation, by=None)
        except Exception as error:  # reported below, with the thread's error
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=[o]) for o in organisations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    statuses = sorted(workshop.participations.values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]
