"""Staff edit indicators and their goals in the administration, through monitoring.services."""

import pytest
from django.urls import reverse

from learningcity.models import AuditEntry
from monitoring.models import Goal
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.usefixtures("reference_data")


def test_staff_edit_an_indicator_and_its_goals_through_the_service(client_for, sam, indicator):
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    client = client_for(sam)
    data = change_form_data(client.get(url), name_es="Adultos en cursos", goals_text="2028: 150")
    response = client.post(url, data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name_es == "Adultos en cursos"
    assert Goal.objects.get(indicator=indicator, year=2028).value == 150
    assert AuditEntry.objects.filter(action="monitoring.indicator_save", actor=sam).exists()
    assert AuditEntry.objects.filter(action="monitoring.goal_set", actor=sam).exists()
    assert indicator.history.count() >= 1


@pytest.mark.parametrize("goals", ["2028 150", "2020: 150", "2028: 1.5", "dos mil: 3"])
def test_bad_goals_re_render_the_form(client_for, sam, indicator, goals):
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    client = client_for(sam)
    response = client.post(url, change_form_data(client.get(url), goals_text=goals))
    assert response.status_code == 200
    assert not Goal.objects.filter(indicator=indicator, year__in=[2020, 2028]).exists()


def test_people_without_the_staff_role_cannot_open_the_indicators_admin(client_for, alice, bob):
    for person in (alice, bob):
        response = client_for(person).get(
            reverse("admin:monitoring_indicator_changelist"), follow=True
        )
        assert response.status_code == 403


def test_staff_lock_approved_periods_from_the_admin(client_for, sam, indicator):
    from tests.monitoring.factories import approved_value

    period = approved_value(indicator, 2025, 110)
    client_for(sam).post(
        reverse("admin:monitoring_period_changelist"),
        {"action": "lock", "_selected_action": [period.pk]},
    )
    period.refresh_from_db()
    assert period.is_locked
