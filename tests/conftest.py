import os
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from learningcity.celery import app as celery_app
from learningcity.models import AccessibilityFeature, Sector, TargetGroup
from learningcity.reference import ensure_reference_lists, ensure_roles
from planning.kflc import load_kflc
from planning.models import KflcArea, KflcFocus
from tests import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# "Now" for tests whose data has fixed dates (plans of 2026–2030) while the code reads the clock.
TODAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, where the city profile and rate limits live."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with the production hasher costs ~0.3 s a user; tests don't need its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread; each test starts in Spanish."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Tasks run in-process unless a test marked `services` asks for the real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def frozen_today():
    """The clock reads TODAY (and moves on from it): statuses computed from dates don't change
    with the day the suite runs. Use as `pytestmark = pytest.mark.usefixtures("frozen_today")`."""
    with time_machine.travel(TODAY, tick=True):
        yield TODAY


@pytest.fixture
def reference_data(db):
    """Roles, reference lists and the KFLC, made by data migrations; recreated after a flush."""
    ensure_roles(Group)
    ensure_reference_lists(Sector, TargetGroup, AccessibilityFeature)
    load_kflc(KflcArea, KflcFocus)


@pytest.fixture
def alice(db):
    """Alice, a citizen."""
    return UserFactory(email="alice@example.org", full_name="Alice Ciudadana")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Biblioteca Central", slug="biblioteca-central")


@pytest.fixture
def bob(db, organisation):
    """Bob, admin of the Biblioteca Central."""
    user = UserFactory(email="bob@example.org", full_name="Bob Biblioteca")
    MembershipFactory(user=user, organisation=organisation, role="admin")
    return user


@pytest.fixture
def sam(db):
    """Sam, city staff."""
    return UserFactory(email="sam@example.org", full_name="Sam Staff", roles=["staff"])


@pytest.fixture
def carol(db):
    """Carol, the coordinator."""
    return UserFactory(
        email="carol@example.org", full_name="Carol Coordinadora", roles=["coordinator"]
    )


@pytest.fixture
def mona(db):
    """Mona, forum moderator."""
    return UserFactory(email="mona@example.org", full_name="Mona Moderadora", roles=["moderator"])


@pytest.fixture
def client_for(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def kept(settings, django_capture_on_commit_callbacks):
    """Sections kept, and every change committed as a request's would be: the data versions
    change when a transaction commits."""
    settings.PUBLIC_SECTIONS_KEPT = True

    def committed(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return committed
