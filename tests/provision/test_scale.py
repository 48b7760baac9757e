"""`seed_scale_provision` makes a large city's learning provision for the benchmarks."""

import pytest
from django.core.management import CommandError, call_command

from provision.models import LearningSpace, Opportunity
from stakeholders.demo import DISTRICTS
from tests.provision.factories import SubjectFactory
from tests.stakeholders.factories import DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_spaces_and_opportunities_are_published_in_the_districts_with_their_subjects(settings):
    settings.DEBUG = True
    boxes = {slug: box for slug, *_names, box in DISTRICTS}
    for slug in ["centro", "norte"]:
        DistrictFactory(slug=slug)
    OrganisationFactory.create_batch(3)
    SubjectFactory(slug="literacy")
    SubjectFactory(slug="languages")

    call_command("seed_scale_provision", spaces=6, opportunities=40, stdout=None)

    assert LearningSpace.objects.public().count() == 6
    assert Opportunity.objects.filter(status="published").count() == 40
    # Some ended already, as in a real catalogue: the public see the rest.
    assert 20 < Opportunity.objects.public().count() <= 40
    for space in LearningSpace.objects.select_related("district"):
        west, south, east, north = boxes[space.district.slug]
        assert west < space.longitude < east and south < space.latitude < north
    for opportunity in Opportunity.objects.select_related("location"):
        assert opportunity.location is not None
        assert (opportunity.latitude, opportunity.longitude) == (
            opportunity.location.latitude,
            opportunity.location.longitude,
        )
        assert opportunity.organization_id == opportunity.location.organization_id
    assert Opportunity.objects.filter(subjects__slug="literacy").exists()


def test_it_refuses_a_production_database_and_a_city_without_districts(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_scale_provision", small=True, stdout=None)
    settings.DEBUG = True
    with pytest.raises(CommandError, match="seed the demo city"):
        call_command("seed_scale_provision", small=True, stdout=None)
