import pytest
from django.urls import reverse

from tests.queries import assert_constant_queries, max_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_verified_organisations_only(client):
    OrganisationFactory(name="Museo Abierto")
    OrganisationFactory(name="Club Pendiente", verified=False)
    content = client.get(reverse("stakeholders:index")).content.decode()
    assert "Museo Abierto" in content
    assert "Club Pendiente" not in content


def test_directory_filters_by_name_and_sector(client):
    culture = SectorFactory(slug="arts", name_es="Artes")
    OrganisationFactory(name="Museo Abierto", sector=culture)
    OrganisationFactory(name="Escuela del Río")
    response = client.get(reverse("stakeholders:index"), {"q": "museo", "sector": culture.pk})
    content = response.content.decode()
    assert "Museo Abierto" in content
    assert "Escuela del Río" not in content


def test_directory_with_a_bad_filter_value_shows_the_form_error_not_a_500(client):
    response = client.get("/en/stakeholders/", {"sector": "not-a-number", "kind": "spaceship"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_directory_is_paginated(client):
    OrganisationFactory.create_batch(25)
    first = client.get("/en/stakeholders/").content.decode()
    assert "Page 1 of 2" in first
    second = client.get("/en/stakeholders/", {"page": 2}).content.decode()
    assert "Page 2 of 2" in second


def test_directory_makes_a_constant_number_of_queries(client):
    OrganisationFactory.create_batch(3)
    assert_constant_queries(
        client,
        reverse("stakeholders:index"),
        lambda n: [organisation.name for organisation in OrganisationFactory.create_batch(n)],
        more=10,
    )


def test_an_unverified_organisation_is_hidden_from_the_public(client):
    hidden = OrganisationFactory(verified=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_an_unverified_organisation_is_visible_to_its_members_and_staff(client_for, sam):
    hidden = OrganisationFactory(verified=False)
    member = MembershipFactory(organisation=hidden).user
    assert client_for(member).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(sam).get(hidden.get_absolute_url()).status_code == 200


def test_organisation_page_makes_a_few_queries_whoever_belongs_to_it(client, organisation):
    """Its members are not public, so their number changes nothing; the sections the apps
    register are measured with their rows in tests/planning/test_organisation_sections.py (and
    events' coming events, one query, in tests/events/test_views.py; provision's offer and
    ratings, three, in tests/provision/test_manage.py)."""
    client.get(organisation.get_absolute_url())
    with max_queries(10) as empty:
        client.get(organisation.get_absolute_url())
    MembershipFactory.create_batch(5, organisation=organisation)
    with max_queries(len(empty.captured_queries)):
        response = client.get(organisation.get_absolute_url())
    assert organisation.name in response.content.decode()
