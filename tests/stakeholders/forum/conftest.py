from datetime import timedelta

import pytest
from django.utils import timezone

from tests.stakeholders.factories import UserFactory
from tests.stakeholders.forum.factories import CategoryFactory


@pytest.fixture
def category(db):
    return CategoryFactory(
        slug="comparta", name_es="Comparta su experiencia", name_en="Share your experience"
    )


@pytest.fixture
def dora(db):
    """Dora, a citizen whose account is older than the forum's new-account limits."""
    return UserFactory(
        email="dora@example.org",
        full_name="Dora Veterana",
        date_joined=timezone.now() - timedelta(days=400),
    )
