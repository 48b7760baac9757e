from datetime import date
from decimal import Decimal as D

import pytest

from monitoring import personal_data, services
from monitoring.models import Follow, Period

pytestmark = pytest.mark.usefixtures("reference_data")


def test_a_persons_follows_and_entered_values_are_exported_then_forgotten(indicator, bob):
    services.follow_set(indicator=indicator, user=bob, following=True)
    services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(5)}, by=bob
    )
    data = personal_data.export(user=bob)
    assert data["indicators_followed"][0]["indicator"] == indicator.name
    assert data["indicator_values_entered"][0]["period"] == "2025"
    personal_data.delete(user=bob, emails=[bob.email], names=[bob.full_name])
    assert not Follow.objects.exists()
    assert Period.objects.get().entered_by is None
