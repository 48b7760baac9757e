import pytest

from learningcity.models import CityProfile


@pytest.fixture
def city(db):
    """The city the events happen in, in its own time zone (not the server's UTC)."""
    profile = CityProfile.objects.current()
    profile.name = "Villa Esperanza"
    profile.time_zone = "America/Mexico_City"
    profile.currency = "MXN"
    profile.save()
    return profile
