"""The public indicator pages, data entry with approval, and who may do what (as a matrix)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from learningcity.models import Notification
from monitoring import services
from monitoring.models import Measurement, Period
from planning import services as planning_services
from planning.models import ActionPlan, KflcFocus
from tests.monitoring.factories import (
    DimensionValueFactory,
    IndicatorFactory,
    PeriodFactory,
    approved_value,
)
from tests.planning.factories import ActionFactory, ActionPlanFactory, ObjectiveFactory
from tests.queries import assert_constant_queries, count_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("reference_data", "frozen_today")


def en(url):
    """The English page of a (Spanish, unprefixed) address."""
    return "/en" + url.removeprefix("/en")


def test_the_public_sees_approved_values_only(client, indicator):
    approved_value(indicator, 2025, 111)
    draft = PeriodFactory(indicator=indicator, start=date(2026, 1, 1), status=Period.Status.DRAFT)
    Measurement.objects.create(period=draft, value=D(999))
    submitted = PeriodFactory(
        indicator=indicator, start=date(2027, 1, 1), status=Period.Status.SUBMITTED
    )
    Measurement.objects.create(period=submitted, value=D(888))
    page = client.get(reverse("monitoring:indicator", args=[indicator.pk])).content.decode()
    assert "111" in page
    assert "999" not in page and "888" not in page


def test_indicator_page_draws_values_against_goals_with_a_table(client, indicator):
    approved_value(indicator, 2025, 110)
    page = client.get(en(indicator.get_absolute_url()))
    text = page.content.decode()
    assert "<svg" in text and "<circle" in text and "<rect" in text
    assert "<table>" in text
    # The line from 100 (2024) to 120 (2026) expects 110 in 2025: on track, the rule stated.
    assert "On track" in text
    assert "straight line from the baseline to the next goal" in text
    assert "the line expects 110" in text


def test_off_track_and_lower_is_better(client, organisation):
    dropouts = IndicatorFactory(
        direction="lower",
        baseline_value=D(20),
        goals={2030: 8},
        responsible_organisation=organisation,
    )
    approved_value(dropouts, 2026, 19)
    text = client.get(en(dropouts.get_absolute_url())).content.decode()
    assert "Off track" in text


def test_breakdowns_of_the_latest_period_are_shown(client, indicator):
    women = DimensionValueFactory(name_es="Mujeres", name_en="Women")
    indicator.dimensions.add(women.dimension)
    approved_value(indicator, 2025, 110, by={women: 70})
    text = client.get(en(indicator.get_absolute_url())).content.decode()
    assert "Women" in text and "70" in text


def test_the_list_filters_by_focus_objective_and_track(client, indicator, organisation):
    focus = KflcFocus.objects.get(code="1.1")
    objective = ObjectiveFactory(plan__status=ActionPlan.Status.ADOPTED)
    indicator.kflc_focuses.add(focus)
    indicator.objectives.add(objective)
    approved_value(indicator, 2025, 110)
    other = IndicatorFactory(name="Otro indicador", responsible_organisation=organisation)
    url = reverse("monitoring:index")
    everything = client.get(url).content.decode()
    assert indicator.name in everything and other.name in everything
    by_focus = client.get(url, {"focus": focus.pk}).content.decode()
    assert indicator.name in by_focus and other.name not in by_focus
    by_objective = client.get(url, {"objective": objective.pk}).content.decode()
    assert indicator.name in by_objective and other.name not in by_objective
    on_track = client.get(url, {"status": "on_track"}).content.decode()
    assert indicator.name in on_track and other.name not in on_track
    not_judged = client.get(url, {"status": "no_data"}).content.decode()
    assert indicator.name not in not_judged and other.name in not_judged


@pytest.mark.parametrize("query", ["focus=x", "focus=99999999999999999999999", "status=bad"])
def test_bad_filters_show_the_page(client, indicator, query):
    assert client.get(reverse("monitoring:index") + "?" + query).status_code == 200


def test_unesco_recommendations_stay_on_the_page(client):
    text = client.get("/en/monitoring/").content.decode()
    assert "What UNESCO's guidelines recommend" in text


def test_list_and_page_take_constant_queries(client, organisation, settings):
    # Measured as made, not as kept (the list is kept rendered; see the test below).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    indicator = IndicatorFactory(responsible_organisation=organisation, goals={2030: 200})

    def add_indicators(count):
        added = []
        for _ in range(count):
            made = IndicatorFactory(responsible_organisation=organisation, goals={2030: 300})
            made.kflc_focuses.add(KflcFocus.objects.order_by("?").first())
            approved_value(made, 2025, 150)
            added.append(made.name)
        return added

    assert_constant_queries(client, reverse("monitoring:index"), add_indicators)
    years = iter(range(2025, 2040))

    def add_values(count):
        return [
            str(approved_value(indicator, next(years), 150 + n).start.year) for n in range(count)
        ]

    assert_constant_queries(client, indicator.get_absolute_url(), add_values)


def test_the_list_is_kept_until_an_indicator_or_its_values_change(
    client, sam, django_capture_on_commit_callbacks
):
    indicator = IndicatorFactory(name_en="Adults learning")
    period = approved_value(indicator, 2025, 150)
    made = len(count_queries(client, "/en/monitoring/"))
    assert len(count_queries(client, "/en/monitoring/")) < made
    assert "150 personas in 2025" in client.get("/en/monitoring/").content.decode()

    # Staff correct an approved value: the list is made afresh once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        services.period_values_save(
            indicator=indicator, start=period.start, values={None: D(175)}, by=sam, staff=True
        )
    page = client.get("/en/monitoring/").content.decode()
    assert "175 personas in 2025" in page

    indicator.name_en = "Adults learning, all ages"
    with django_capture_on_commit_callbacks(execute=True):
        services.indicator_save(indicator=indicator, by=sam)
    assert "Adults learning, all ages" in client.get("/en/monitoring/").content.decode()


def test_the_filters_are_kept_until_the_plan_changes_and_junk_is_never_kept(
    client, django_capture_on_commit_callbacks
):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    objective = ObjectiveFactory(plan=plan, title_en="Reach every district")
    IndicatorFactory()
    assert "Reach every district" in client.get("/en/monitoring/").content.decode()

    def objective_queries(query=""):
        made = count_queries(client, "/en/monitoring/" + query)
        return [q for q in made if "planning_objective" in q["sql"]]

    assert objective_queries() == []
    assert objective_queries("?status=on_track") != []  # a new query: rendered once
    assert objective_queries("?status=on_track") == []
    assert objective_queries("?status=nonsense") != []
    assert objective_queries("?status=nonsense") != []  # invalid: rendered every time
    assert objective_queries("?utm=x") != []
    assert objective_queries("?utm=x") != []

    # An adopted plan is locked: its objectives change in the admin, which says the plan changed.
    objective.title_en = "Reach every district and village"
    with django_capture_on_commit_callbacks(execute=True):
        objective.save()
        planning_services.plan_data_changed()
    assert "Reach every district and village" in client.get("/en/monitoring/").content.decode()


def _values_url(indicator):
    return reverse("monitoring:values", args=[indicator.pk])


def test_an_organisation_member_enters_and_submits_values(client_for, indicator, bob):
    women = DimensionValueFactory(name_es="Mujeres")
    indicator.dimensions.add(women.dimension)
    client = client_for(bob)
    response = client.post(
        _values_url(indicator),
        {"period": "2025", "total": "130", f"value_{women.pk}": "80", "submit": "1"},
    )
    assert response.status_code == 302
    period = Period.objects.get()
    assert period.status == Period.Status.SUBMITTED
    assert {m.value for m in period.measurements.all()} == {D(130), D(80)}


@pytest.mark.parametrize(
    "data",
    [
        {"period": "2025-Q1", "total": "1"},
        {"period": "2025", "total": "uno"},
        {"period": "2025", "total": "1.5"},
        {"period": "", "total": "1"},
    ],
)
def test_bad_values_re_render_the_form_and_store_nothing(client_for, indicator, bob, data):
    response = client_for(bob).post(_values_url(indicator), data)
    assert response.status_code == 200
    assert not Period.objects.exists()


def test_a_locked_period_refuses_an_edit_with_a_message(client_for, indicator, bob, sam):
    period = approved_value(indicator, 2025, 110)
    services.period_lock(period=period, by=sam)
    response = client_for(bob).post(_values_url(indicator), {"period": "2025", "total": "5"})
    assert response.status_code == 200
    assert Measurement.objects.get().value == D(110)


def test_staff_approve_from_the_review_page(client_for, indicator, bob, sam):
    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(115)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    client = client_for(sam)
    assert indicator.name in client.get(reverse("monitoring:review")).content.decode()
    client.post(reverse("monitoring:period-review", args=[period.pk]), {"decision": "approve"})
    period.refresh_from_db()
    assert period.status == Period.Status.APPROVED
    assert "115" in client.get(indicator.get_absolute_url()).content.decode()


def test_staff_return_with_a_comment_or_not_at_all(client_for, indicator, bob, sam):
    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(115)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    client = client_for(sam)
    url = reverse("monitoring:period-review", args=[period.pk])
    client.post(url, {"decision": "return", "comment": ""})
    period.refresh_from_db()
    assert period.status == Period.Status.SUBMITTED
    client.post(url, {"decision": "return", "comment": "Revise la fuente"})
    period.refresh_from_db()
    assert (period.status, period.review_comment) == (Period.Status.RETURNED, "Revise la fuente")


def test_staff_lock_an_approved_period(client_for, indicator, sam):
    period = approved_value(indicator, 2025, 110)
    client_for(sam).post(reverse("monitoring:period-lock", args=[period.pk]))
    period.refresh_from_db()
    assert period.is_locked


@pytest.fixture
def people(db, organisation, bob, sam, alice):
    outsider = UserFactory(email="otra@example.org")
    MembershipFactory(user=outsider, organisation=OrganisationFactory(), role="admin")
    member = UserFactory(email="miembro@example.org")
    MembershipFactory(user=member, organisation=organisation, role="member")
    return {
        "anonymous": None,
        "citizen": alice,
        "other organisation": outsider,
        "member": member,
        "admin of the organisation": bob,
        "staff": sam,
    }


# who: (enter values, review values, see submitted values on the public page)
MATRIX = {
    "anonymous": (False, False, False),
    "citizen": (False, False, False),
    "other organisation": (False, False, False),
    "member": (True, False, False),
    "admin of the organisation": (True, False, False),
    "staff": (False, True, False),
}


@pytest.mark.parametrize("who", MATRIX)
def test_permission_matrix(client, indicator, people, bob, who):
    may_enter, may_review, sees_submitted = MATRIX[who]
    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(4321)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    if people[who]:
        client.force_login(people[who])
    entry = client.get(_values_url(indicator))
    posted = client.post(_values_url(indicator), {"period": "2026", "total": "5"})
    assert (entry.status_code == 200) is may_enter
    assert Period.objects.filter(start=date(2026, 1, 1)).exists() is may_enter
    if not may_enter:
        assert posted.status_code in (302, 403)
        if people[who] is None:
            assert entry.status_code == 302 and "/accounts/login/" in entry["Location"]
    assert (client.get(reverse("monitoring:review")).status_code == 200) is may_review
    client.post(reverse("monitoring:period-review", args=[period.pk]), {"decision": "approve"})
    period.refresh_from_db()
    assert (period.status == Period.Status.APPROVED) is may_review
    if not may_review:
        assert (
            "4321" in client.get(indicator.get_absolute_url()).content.decode()
        ) is sees_submitted


def test_a_computed_indicator_takes_no_typed_values(client_for, indicator, bob):
    indicator.metric = "events.registrations"
    indicator.save()
    assert client_for(bob).get(_values_url(indicator)).status_code == 403


def test_the_plan_shows_the_indicators_of_its_objectives_and_actions(client, indicator):
    action = ActionFactory(objective__plan__status=ActionPlan.Status.ADOPTED)
    indicator.objectives.add(action.objective)
    indicator.actions.add(action)
    plan_page = client.get("/en/plan/").content.decode()
    assert "Indicators measuring it" in plan_page and indicator.name_en in plan_page
    action_page = client.get(en(action.get_absolute_url())).content.decode()
    assert "Indicators measuring it" in action_page


def test_people_follow_an_indicator_and_hear_of_new_values(
    client_for, indicator, alice, bob, sam, django_capture_on_commit_callbacks
):
    client_for(alice).post(reverse("monitoring:follow", args=[indicator.pk]), {"following": "1"})
    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(115)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    with django_capture_on_commit_callbacks(execute=True):
        services.period_approve(period=period, by=sam)
    assert Notification.objects.filter(recipient=alice, kind="monitoring.new_value").count() == 1


def test_staff_inbox_counts_submitted_values_and_the_organisation_returned_ones(
    client_for, indicator, bob, sam
):
    from learningcity.inbox import inbox_for

    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(115)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    staff = {provider.key: entry.count for provider, entry in inbox_for(sam)}
    assert staff["monitoring_submitted"] == 1
    services.period_return(period=period, by=sam, comment="Falta la fuente")
    organisation = {provider.key: entry.count for provider, entry in inbox_for(bob)}
    assert organisation["monitoring_returned"] == 1


def test_review_and_completeness_pages_take_constant_queries(client_for, organisation, bob, sam):
    client = client_for(sam)

    def add_submitted(count):
        names = []
        for _ in range(count):
            made = IndicatorFactory(responsible_organisation=organisation)
            women = DimensionValueFactory()
            made.dimensions.add(women.dimension)
            period = services.period_values_save(
                indicator=made, start=date(2025, 1, 1), values={None: D(5), women: D(2)}, by=bob
            )
            services.period_submit(period=period, by=bob)
            names.append(made.name)
        return names

    assert_constant_queries(client, reverse("monitoring:review"), add_submitted)
    assert_constant_queries(client, reverse("monitoring:completeness"), add_submitted)
