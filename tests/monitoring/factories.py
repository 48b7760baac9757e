from datetime import date
from decimal import Decimal

import factory

from monitoring.models import (
    Dimension,
    DimensionValue,
    Feedback,
    Goal,
    Indicator,
    Measurement,
    Period,
    Question,
    ReportRequest,
    StakeholderReport,
    Survey,
)
from tests.stakeholders.factories import OrganisationFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Indicador {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "Personas adultas en cursos"
    unit = "personas"
    data_source = "Registro municipal"
    responsible_organisation = factory.SubFactory(OrganisationFactory)
    baseline_value = Decimal(100)
    baseline_year = 2024
    tolerance = Decimal(0)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        for year, value in (extracted or {}).items():
            Goal.objects.create(indicator=self, year=year, value=Decimal(value))


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    name_es = factory.Sequence(lambda n: f"Dimensión {n}")
    name_en = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.Sequence(lambda n: f"dimension-{n}")


class DimensionValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DimensionValue

    dimension = factory.SubFactory(DimensionFactory)
    name_es = factory.Sequence(lambda n: f"Valor {n}")
    name_en = factory.Sequence(lambda n: f"Value {n}")
    slug = factory.Sequence(lambda n: f"value-{n}")


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    indicator = factory.SubFactory(IndicatorFactory)
    start = date(2025, 1, 1)
    status = Period.Status.APPROVED


def approved_value(indicator, year, value, **breakdowns):
    """An approved yearly total (and breakdowns {DimensionValue: value})."""
    period = PeriodFactory(indicator=indicator, start=date(year, 1, 1))
    Measurement.objects.create(period=period, value=Decimal(value))
    for dimension_value, amount in breakdowns.get("by", {}).items():
        Measurement.objects.create(
            period=period, dimension_value=dimension_value, value=Decimal(amount)
        )
    return period


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    text = factory.Sequence(lambda n: f"Sugerencia número {n}: más cursos por la tarde")
    status = Feedback.Status.WAITING


def completed_assessment(year, levels, *, by=None):
    """A completed self-assessment of `year`, each area of focus at the level `levels` gives
    it ({code: level}, 3 for the others), through the services."""
    from monitoring import assessment_services
    from monitoring.kflc_levels import ensure_descriptors
    from monitoring.models import KflcDescriptor
    from planning.models import KflcFocus

    ensure_descriptors(KflcDescriptor)
    assessment = assessment_services.kflc_assessment_start(year=year, by=by)
    assessment_services.kflc_ratings_save(
        assessment=assessment,
        entries=[
            {"focus": focus, "level": levels.get(focus.code, 3)}
            for focus in KflcFocus.objects.all()
        ],
        by=by,
    )
    return assessment_services.kflc_assessment_complete(assessment=assessment, by=by)


class SurveyFactory(factory.django.DjangoModelFactory):
    """Open from 1 November to 31 December 2026 (the tests' today is 25 November 2026)."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Encuesta {n}")
    intro = "¿Qué quiere aprender?"
    opens_on = date(2026, 11, 1)
    closes_on = date(2026, 12, 31)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    text = factory.Sequence(lambda n: f"Pregunta {n}")
    kind = Question.Kind.SINGLE
    choices = factory.LazyAttribute(
        lambda q: "Idiomas\nInformática\nCocina" if q.kind in ("single", "multiple") else ""
    )


class ReportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRequest

    title = factory.Sequence(lambda n: f"Informe {n}")
    period_start = date(2026, 1, 1)
    period_end = date(2026, 6, 30)
    due_on = date(2026, 12, 1)


class StakeholderReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderReport

    request = factory.SubFactory(ReportRequestFactory)
    organisation = factory.SubFactory(OrganisationFactory)
