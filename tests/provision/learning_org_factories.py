"""Factories of learning organisations and a learner-friendly city."""

import factory

from provision.learning_org_models import (
    BarrierReport,
    LearningOrganisationPledge,
    SelfAssessment,
    SelfAssessmentAnswer,
    SupportRequest,
    YearlyReport,
)
from tests.provision.factories import LearningSpaceFactory
from tests.stakeholders.factories import OrganisationFactory


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningOrganisationPledge

    organisation = factory.SubFactory(OrganisationFactory)
    staff_learning_time = True
    mentoring = True
    statement = "Dos horas a la semana para aprender."


class SelfAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfAssessment

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026


class SelfAssessmentAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfAssessmentAnswer

    assessment = factory.SubFactory(SelfAssessmentFactory)
    item = "leadership"
    rating = 3


class YearlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyReport

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    text = "Un año de aprendizaje."


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    organisation = factory.SubFactory(OrganisationFactory)
    kind = SupportRequest.Kind.ADVICE
    description = factory.Sequence(lambda n: f"Consejo número {n}")


class BarrierReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierReport

    space = factory.SubFactory(LearningSpaceFactory)
    kind = BarrierReport.Kind.ACCESS
    description = factory.Sequence(lambda n: f"Escalón sin rampa {n}")
    language = "es"
