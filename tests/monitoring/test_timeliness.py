"""When values are due, reminders before and after, and the staff's completeness page, on a
frozen clock."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from learningcity.models import Notification
from monitoring.models import Indicator
from monitoring.tasks import due_reminders_task
from monitoring.timeliness import completeness, dues, next_due
from tests.monitoring.factories import IndicatorFactory, approved_value
from tests.stakeholders.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.usefixtures("reference_data")


def _at(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def test_next_due_follows_the_frequency_and_the_last_period(indicator):
    # Nothing entered: the first year after the baseline (2024), due 60 days after it ends.
    due = next_due(indicator, None)
    assert (due.label, due.due) == ("2025", date(2026, 3, 1))
    due = next_due(indicator, date(2025, 1, 1))
    assert (due.label, due.due) == ("2026", date(2027, 3, 1))
    indicator.frequency = Indicator.Frequency.QUARTERLY
    indicator.days_to_report = 30
    due = next_due(indicator, date(2026, 4, 1))
    assert (due.label, due.due) == ("2026-Q3", date(2026, 10, 30))
    indicator.frequency = Indicator.Frequency.MONTHLY
    due = next_due(indicator, date(2026, 12, 1))
    assert (due.label, due.due) == ("2027-01", date(2027, 3, 2))


def test_dues_read_the_last_period_entered(indicator):
    approved_value(indicator, 2025, 110)
    [due] = dues()
    assert due.label == "2026"


def test_reminders_go_before_and_after_the_due_date_once(indicator, bob, organisation):
    member = UserFactory(email="miembro@example.org")
    MembershipFactory(user=member, organisation=organisation, role="member")
    approved_value(indicator, 2025, 110)  # 2026's values are due on 1 March 2027
    with _at(date(2027, 2, 1)):
        assert due_reminders_task.delay().get() == 0
    with _at(date(2027, 2, 16)):
        assert due_reminders_task.delay().get() == 1
        assert due_reminders_task.delay().get() == 0
    assert Notification.objects.filter(kind="monitoring.due_reminder").count() == 2  # both
    with _at(date(2027, 3, 1)):
        assert due_reminders_task.delay().get() == 0  # due today: not late yet
    with _at(date(2027, 3, 2)):
        assert due_reminders_task.delay().get() == 1
        assert due_reminders_task.delay().get() == 0
    late = Notification.objects.filter(recipient=bob).order_by("pk").last()
    assert "late" in late.subject or "retraso" in late.subject or "atrasad" in late.subject


def test_computed_indicators_remind_nobody(indicator, bob):
    indicator.metric = Indicator.Metric.EVENT_REGISTRATIONS
    indicator.save()
    with _at(date(2030, 1, 1)):
        assert due_reminders_task.delay().get() == 0


def test_completeness_lists_late_indicators_first_with_missing_periods(indicator, organisation):
    approved_value(indicator, 2026, 130)  # 2025 is missing
    on_time = IndicatorFactory(name="Al día", responsible_organisation=organisation)
    approved_value(on_time, 2025, 1)
    approved_value(on_time, 2026, 1)
    rows = completeness(today=date(2027, 1, 15))
    assert [row["due"].indicator for row in rows] == [indicator, on_time]
    assert not rows[0]["late"]  # 2027 is due in 2028
    assert rows[0]["missing"] == ["2025"]
    assert rows[1]["missing"] == []
    late = IndicatorFactory(
        name="Atrasado", baseline_year=2020, responsible_organisation=organisation
    )
    rows = completeness(today=date(2027, 1, 15))
    assert rows[0]["due"].indicator == late and rows[0]["late"]
    assert rows[0]["missing"] == ["2021", "2022", "2023", "2024", "2025"]


def test_the_completeness_page_is_for_staff(client_for, client, indicator, bob, sam):
    url = reverse("monitoring:completeness")
    assert client.get(url).status_code == 302
    assert client_for(bob).get(url).status_code == 403
    page = client_for(sam).get(url)
    assert page.status_code == 200 and indicator.name in page.content.decode()
