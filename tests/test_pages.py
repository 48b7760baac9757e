import pytest
from django.urls import reverse

from planning.models import ActionPlan, KflcFeature, KflcFocus
from tests.planning.factories import ActionPlanFactory, ObjectiveFactory
from tests.queries import assert_constant_queries, max_queries
from tests.stakeholders.factories import OrganisationFactory

AREA_URLS = [
    "home",
    "planning:index",
    "planning:kflc",
    "stakeholders:index",
    "events:index",
    "provision:index",
    "monitoring:index",
    "funding:index",
    "dashboard:index",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", AREA_URLS)
def test_every_area_page_opens_in_spanish_and_english(client, url_name):
    spanish = reverse(url_name)
    response = client.get(spanish)
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content
    english = client.get(f"/en{spanish}")
    assert english.status_code == 200
    assert b'<html lang="en">' in english.content


@pytest.mark.django_db
def test_home_page_links_to_the_six_areas_and_the_dashboard(client):
    links = [f'href="/en{reverse(name)}"' for name in AREA_URLS[1:] if name != "planning:kflc"]
    response = client.get("/en/")
    for link in links:
        assert link.encode() in response.content
    assert b'class="skip-link" href="#main"' in response.content


@pytest.mark.django_db
def test_the_home_page_makes_a_few_queries(client):
    """It lists no rows (the areas come from the registry), so its count is a bound; the
    dashboard's lists are measured in tests/dashboard/."""
    OrganisationFactory.create_batch(5)
    client.get("/")
    with max_queries(2):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_kflc_page_makes_a_constant_number_of_queries(client, reference_data):
    plan = ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    focuses = list(KflcFocus.objects.order_by("code"))

    def add(n):
        shown = []
        for number in range(n):
            focus = focuses[number % len(focuses)]
            feature = KflcFeature.objects.create(focus=focus, title=f"Rasgo {number} de {n}")
            objective = ObjectiveFactory(plan=plan, title=f"Objetivo {number} de {n}")
            objective.kflc_focuses.add(focus)
            shown += [feature.title, objective.title]
        return shown

    assert_constant_queries(client, reverse("planning:kflc"), add)
