"""An indicator's page is kept rendered for the public (monitoring.views.indicator,
learningcity.kept): a second reading loads the indicator alone, and a value approved, a goal set
or a feedback published shows at once; the follow button and the staff's periods are per reader."""

from datetime import date
from decimal import Decimal as D

import pytest

from monitoring import services
from monitoring.models import Feedback, Period
from tests.monitoring.factories import FeedbackFactory, PeriodFactory, approved_value
from tests.queries import count_queries

pytestmark = [pytest.mark.usefixtures("reference_data", "frozen_today", "keeping")]


@pytest.fixture
def keeping(kept):
    """Every test here reads the pages as the public does, kept."""


def en(indicator):
    return "/en" + indicator.get_absolute_url().removeprefix("/en")


def page(client, indicator):
    response = client.get(en(indicator))
    assert response.status_code == 200
    return response.content.decode()


def reads_values(client, indicator):
    queries = count_queries(client, en(indicator))
    return [q["sql"] for q in queries if '"monitoring_period"' in q["sql"]]


def test_a_second_public_reading_loads_no_value(client, kept, indicator):
    kept(lambda: approved_value(indicator, 2025, 110))
    assert "latest value 110" in page(client, indicator)
    assert reads_values(client, indicator) == []
    assert "On track" in page(client, indicator)


def test_a_value_approved_a_goal_set_and_feedback_published_show_at_once(
    client, kept, sam, indicator
):
    kept(lambda: approved_value(indicator, 2025, 110))
    page(client, indicator)

    submitted = kept(
        lambda: PeriodFactory(
            indicator=indicator, start=date(2026, 1, 1), status=Period.Status.SUBMITTED
        )
    )
    kept(lambda: submitted.measurements.create(value=D(95)))
    assert "latest value 110" in page(client, indicator)  # submitted is not public
    kept(lambda: services.period_approve(period=submitted, by=sam))
    assert "latest value 95" in page(client, indicator)
    assert "Off track" in page(client, indicator)

    kept(lambda: services.goal_set(indicator=indicator, year=2028, value=D(150), by=sam))
    assert "150 personas (2028)" in page(client, indicator)

    kept(
        lambda: FeedbackFactory(
            indicator=indicator, text="Más cursos de tarde", status=Feedback.Status.PUBLISHED
        )
    )
    assert "Más cursos de tarde" in page(client, indicator)


def test_staff_get_their_periods_after_the_public_copy_is_kept(
    client, client_for, kept, sam, indicator
):
    kept(lambda: approved_value(indicator, 2025, 110))
    assert "Every period (city staff)" not in page(client, indicator)
    spanish = en(indicator).removeprefix("/en")
    assert "Todos los periodos" not in client.get(spanish).content.decode()
    staff_page = client_for(sam).get(spanish).content.decode()  # Sam reads Spanish
    assert "Todos los periodos (personal municipal)" in staff_page
    assert "Seguir: avíseme de nuevos valores" in staff_page
