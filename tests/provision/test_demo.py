import pytest
from django.core.management import call_command

from provision.models import GuidancePoint, LearningSpace, Opportunity, Rating

pytestmark = pytest.mark.django_db


def test_the_demo_has_about_300_opportunities_in_40_spaces_across_the_districts_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (Opportunity.objects.count(), LearningSpace.objects.count(),
              GuidancePoint.objects.count())  # fmt: skip
    call_command("seed_demo", stdout=None)

    again = (Opportunity.objects.count(), LearningSpace.objects.count(),
             GuidancePoint.objects.count())  # fmt: skip
    assert again == counts == (300, 42, 4)
    assert Rating.objects.approved().count() > 30
    assert Rating.objects.filter(status="pending").exists()
    assert Rating.objects.exclude(response="").exists()
    assert LearningSpace.objects.values("district").distinct().count() == 7
    public = Opportunity.objects.public()
    assert public.count() > 200
    assert public.filter(format="online").exists()
    assert public.filter(is_free=False).exists()
    assert public.filter(recognition_available=True).exists()
    assert all(o.district_id for o in public.filter(location__isnull=False))
    assert all(space.opening_hours.exists() for space in LearningSpace.objects.all()[:5])
