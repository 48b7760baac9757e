from decimal import Decimal

import pytest

from learningcity.models import CityProfile
from provision.models import Language, Resource
from provision.reference import ensure_reference_lists


@pytest.fixture(autouse=True)
def _provision_reference_lists(db):
    """The resources and languages of the data migration, lost when a live-server test flushed
    the database earlier in the run."""
    ensure_reference_lists(Resource, Language)


@pytest.fixture
def city(db):
    """Villa Esperanza, whose bounding box every point must lie in."""
    profile = CityProfile.objects.current()
    profile.name = "Villa Esperanza"
    profile.bbox_south, profile.bbox_north = Decimal("19.62"), Decimal("19.78")
    profile.bbox_west, profile.bbox_east = Decimal("-101.30"), Decimal("-101.08")
    profile.save()
    return profile
