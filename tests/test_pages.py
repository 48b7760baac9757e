import pytest
from django.urls import reverse

from tests.queries import assert_constant_queries
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
@pytest.mark.parametrize("url_name", ["home", "dashboard:index", "planning:kflc"])
def test_public_pages_make_a_constant_number_of_queries(client, url_name):
    assert_constant_queries(
        client, reverse(url_name), lambda n: OrganisationFactory.create_batch(n), more=5
    )
