import pytest
from django.core.management import call_command

from provision.learning_org_models import (
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SpaceChecklist,
    SupportRequest,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_learning_organisations_checklists_and_answered_barriers_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (LearningOrganisationPledge.objects.count(), BarrierReport.objects.count())
    call_command("seed_demo", stdout=None)

    assert (LearningOrganisationPledge.objects.count(), BarrierReport.objects.count()) == counts
    assert LearningOrganisationPledge.objects.public().count() == 4
    assert SelfAssessment.objects.filter(answers__isnull=False).distinct().count() == 8
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(
        SupportRequest.Status.values
    )
    assert SpaceChecklist.objects.count() >= 2
    assert BarrierReport.objects.exclude(response="").count() >= 3
    assert BarrierReport.objects.public().exists() and BarrierReport.objects.waiting().exists()
