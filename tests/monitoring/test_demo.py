import pytest
from django.core.management import call_command

from monitoring.models import Indicator, Measurement, Period, StakeholderReport, Survey
from monitoring.timeliness import city_today, completeness

pytestmark = pytest.mark.django_db


def test_the_demo_has_25_indicators_with_five_years_of_values_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (Indicator.objects.count(), Period.objects.count())
    call_command("seed_demo", stdout=None)
    assert (Indicator.objects.count(), Period.objects.count()) == counts
    assert counts[0] == 25
    assert Indicator.objects.exclude(metric="").count() == 3
    typed = Indicator.objects.filter(metric="")
    assert all(i.objectives.exists() and i.kflc_focuses.exists() for i in typed)
    approved_years = Period.objects.approved().filter(indicator=typed.first()).count()
    assert approved_years == 5
    assert Measurement.objects.filter(dimension_value__dimension__slug="target-group").exists()
    assert Measurement.objects.filter(dimension_value__dimension__slug="district").exists()
    assert Measurement.objects.filter(dimension_value__dimension__slug="sex").exists()
    assert Measurement.objects.filter(dimension_value__dimension__slug="age-band").exists()
    assert Period.objects.filter(status=Period.Status.SUBMITTED).count() == 1
    late = [row["due"].indicator.name_es for row in completeness() if row["late"]]
    assert late == ["Residuos reciclados por hogares que participaron"]
    # The computed ones have this year's value, approved.
    for indicator in Indicator.objects.exclude(metric=""):
        assert Period.objects.approved().filter(indicator=indicator).exists()


def test_the_demo_has_two_completed_self_assessments_and_feedback_in_every_state(settings):
    from django.utils import timezone

    from monitoring.models import Feedback, KflcAssessment

    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    year = timezone.localdate().year
    assessments = KflcAssessment.objects.completed().order_by("year")
    assert [a.year for a in assessments] == [year - 2, year - 1]
    assert all(a.ratings.filter(feature__isnull=True).count() == 12 for a in assessments)
    assert assessments[1].ratings.filter(evidence__indicator__isnull=False).exists()
    published = Feedback.objects.published()
    assert published.filter(action__isnull=False).exclude(answer="").count() == 1
    assert published.filter(indicator__isnull=False).exclude(answer="").count() == 1
    assert Feedback.objects.filter(status="hidden").exclude(hidden_reason="").count() == 1
    assert Feedback.objects.waiting().count() == 1


def test_the_demo_has_surveys_and_stakeholders_reports_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    closed, open_ = Survey.objects.order_by("closes_on")
    assert closed.responses.count() == 60 and closed.results_public
    assert closed.responses.values("district").distinct().count() > 2
    assert open_.is_open(city_today())
    assert StakeholderReport.objects.answered().filter(lesson_tags__isnull=False).exists()
    waiting = StakeholderReport.objects.waiting().get(
        organisation__memberships__user__email="stakeholder@example.org"
    )
    assert waiting.request.due_on > city_today()


def test_the_demo_has_two_sent_bulletins_and_a_draft_once(settings):
    from monitoring.models import Bulletin

    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    sent = list(Bulletin.objects.sent().order_by("period_start"))
    assert len(sent) == 2 and all(bulletin.recipients > 0 for bulletin in sent)
    assert sent[0].period_end < sent[1].period_start
    assert Bulletin.objects.filter(sent_at=None).count() == 1
    assert all(bulletin.body_en and bulletin.body_es for bulletin in Bulletin.objects.all())
