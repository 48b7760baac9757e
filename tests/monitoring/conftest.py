import pytest

from tests.monitoring.factories import IndicatorFactory


@pytest.fixture
def indicator(db, organisation):
    """Adults in courses, entered by the Biblioteca Central (Bob's organisation)."""
    return IndicatorFactory(
        name="Personas adultas en cursos",
        name_en="Adults in courses",
        responsible_organisation=organisation,
        goals={2026: 120, 2030: 200},
    )
