"""The demo city's districts have a population, its year and a boundary inside the city."""

import pytest
from django.core.management import call_command

from learningcity.geo import validate_boundary
from learningcity.models import CityProfile, District

pytestmark = pytest.mark.django_db


def test_every_demo_district_has_a_population_and_a_boundary_inside_the_city(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    city = CityProfile.objects.current()
    districts = list(District.objects.all())
    assert len(districts) == 7
    for district in districts:
        assert district.population > 0
        assert district.population_year == 2020
        validate_boundary(district.boundary, city)


def test_a_second_seed_keeps_what_staff_changed(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    District.objects.filter(slug="centro").update(population=50_000, population_year=2025)
    call_command("seed_demo", stdout=None)
    centro = District.objects.get(slug="centro")
    assert (centro.population, centro.population_year) == (50_000, 2025)
