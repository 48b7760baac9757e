import uuid
from decimal import Decimal

import factory
from django.core.cache import cache

from provision import search
from provision.layers import PROVISION_DATA_VERSION_KEY
from provision.models import (
    LearningNeed,
    LearningSpace,
    OpeningHours,
    Opportunity,
    Published,
    Subject,
)
from provision.recognition_models import RecognitionApplication, RecognitionProcedure
from tests.conftest import TODAY
from tests.stakeholders.factories import OrganisationFactory, UserFactory


def _many(name):
    """A post-generation hook setting the many-to-many `name` from a list."""

    def set_many(self, create, extracted, **kwargs):
        if create and extracted:
            getattr(self, name).set(extracted)

    set_many.__name__ = name
    return factory.post_generation(set_many)


def _announced():
    """A post-generation hook doing what the services do after a write: replace the provision
    data's version, so the searches kept rendered (provision.views) are rendered again. At once,
    not on commit as the services do: a test's transaction never commits."""

    def announce(self, create, extracted, **kwargs):
        if create:
            cache.set(PROVISION_DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)

    return factory.post_generation(announce)


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"subject-{n}")
    name_es = factory.Sequence(lambda n: f"Materia {n}")
    name_en = factory.Sequence(lambda n: f"Subject {n}")

    announced = _announced()


class LearningSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningSpace
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Biblioteca {n}")
    slug = factory.Sequence(lambda n: f"espacio-{n}")
    kind = LearningSpace.Kind.LIBRARY
    status = Published.PUBLISHED
    address = "Calle Mayor 1"

    accessibility_features = _many("accessibility_features")
    resources = _many("resources")
    announced = _announced()


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    space = factory.SubFactory(LearningSpaceFactory)
    byday = OpeningHours.Weekday.MONDAY
    opens_at = "09:00"
    closes_at = "14:00"


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Taller {n}")
    slug = factory.Sequence(lambda n: f"taller-{n}")
    status = Published.PUBLISHED
    organization = factory.SubFactory(OrganisationFactory)
    address = "Calle Mayor 1"
    starts_on = factory.LazyFunction(lambda: TODAY.date())

    subjects = _many("subjects")
    languages = _many("languages")
    target_groups = _many("target_groups")

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        """On PostgreSQL the services fill the search vector; a factory row needs it too."""
        if create:
            search.index(self)

    announced = _announced()


class LearningNeedFactory(factory.django.DjangoModelFactory):
    """A need as the public form leaves it: new, anonymous, in Spanish."""

    class Meta:
        model = LearningNeed
        skip_postgeneration_save = True

    subject = factory.SubFactory(SubjectFactory)
    language = "es"

    target_groups = _many("target_groups")
    opportunities = _many("opportunities")


class RecognitionProcedureFactory(factory.django.DjangoModelFactory):
    """A procedure; its assessors are given as `assessors=[...]` (members of its provider)."""

    class Meta:
        model = RecognitionProcedure
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory)
    title_es = factory.Sequence(lambda n: f"Reconocimiento {n}")
    title_en = factory.Sequence(lambda n: f"Recognition {n}")
    slug = factory.Sequence(lambda n: f"recognition-{n}")
    assessed_es = "Atención al público en la biblioteca."
    assessment_es = "Entrevista y observación por una persona de la biblioteca."
    framework_level = "Nivel 2"
    credits = Decimal("4.0")

    assessors = _many("assessors")


class RecognitionApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecognitionApplication

    procedure = factory.SubFactory(RecognitionProcedureFactory)
    applicant = factory.SubFactory(UserFactory)
    statement = "Tres años de voluntariado en la sala infantil."
    evidence_url = "https://example.org/portafolio"
