"""The organisation's page shows where it is (its address as text, its place on a map that
script adds) and the committee seats it holds now."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.stakeholders.factories import CommitteeTermFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def page_of(client, organisation):
    return client.get(organisation.get_absolute_url()).content.decode()


def test_the_address_is_text_and_the_map_waits_hidden_for_its_script(client):
    organisation = OrganisationFactory(
        address="Avenida Madero 150", latitude=Decimal("19.7"), longitude=Decimal("-101.19")
    )
    page = page_of(client, organisation)
    assert '<address id="organisation-address">Avenida Madero 150' in page
    assert "data-place-map" in page
    assert 'role="region" hidden' in page
    assert f"Mapa que muestra dónde está {organisation.name}" in page
    assert 'aria-describedby="organisation-address"' in page
    assert 'data-lat="19.700000" data-lon="-101.190000"' in page
    assert "/static/js/place-map.js" in page


def test_without_a_place_there_is_no_map_and_without_either_no_section(client):
    only_address = OrganisationFactory(address="Calle Allende 267")
    page = page_of(client, only_address)
    assert "Calle Allende 267" in page
    assert "data-place-map" not in page
    assert "section-location" not in page_of(client, OrganisationFactory())


def test_the_page_shows_the_committee_seats_it_holds_now(client, organisation):
    CommitteeTermFactory(
        organisation=organisation, seat__title="Bibliotecas y museos", person_name="Rosa Ruiz"
    )
    CommitteeTermFactory(
        organisation=organisation,
        seat__title="Asiento pasado",
        start=date.today() - timedelta(days=900),
        end=date.today() - timedelta(days=100),
    )
    page = page_of(client, organisation)
    assert "Bibliotecas y museos" in page
    assert "Rosa Ruiz" in page
    assert "Asiento pasado" not in page
