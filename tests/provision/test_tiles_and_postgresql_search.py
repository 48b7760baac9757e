"""The blank tile the maps draw in tests and CI, and the full-text search as PostgreSQL does it
(marked `services`, as the forum's PostgreSQL search tests are: accents, stems, ranks, index)."""

import struct
import zlib

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import IN_CI
from tests.provision.factories import OpportunityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]


def test_the_tests_draw_maps_with_the_portals_own_blank_tiles(client):
    assert settings.MAP_TILES_URL.startswith("/api/provision/tiles/")
    url = settings.MAP_TILES_URL.format(z=13, x=1843, y=3620)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    png = response.content
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1, 1)
    assert zlib.decompress(png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]) == b"\0" * 5
    assert client.get("/api/provision/tiles/13/x/1.png").status_code == 404


def test_the_map_page_names_the_local_tiles(client):
    page = client.get("/en/provision/map/").content.decode()

    assert 'data-tiles="/api/provision/tiles/{z}/{x}/{y}.png"' in page


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL (README: Services tests)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def found(client, query):
    response = client.get("/en/provision/", {"q": query})
    return [opportunity.name_es for opportunity in response.context["page"].object_list]


@pytest.mark.services
def test_postgresql_finds_words_without_their_accents_and_in_other_forms(postgresql, client):
    OpportunityFactory(name_es="Educación para adultos", name_en="Adult education")
    OpportunityFactory(name_es="Club de lectura", name_en="Reading club",
                       description_en="We read one book a month.")  # fmt: skip

    assert found(client, "educacion") == ["Educación para adultos"]
    assert found(client, "EDUCACIÓN") == ["Educación para adultos"]
    assert found(client, "books") == ["Club de lectura"]
    assert found(client, "lecturas") == ["Club de lectura"]


@pytest.mark.services
def test_postgresql_ranks_a_name_above_a_description(postgresql, client):
    OpportunityFactory(name_es="Paseo", description_es="Un paseo con fotografía del barrio.")
    OpportunityFactory(name_es="Fotografía con el celular")

    assert found(client, "fotografía") == ["Fotografía con el celular", "Paseo"]


@pytest.mark.services
def test_postgresql_searches_through_the_gin_index(postgresql):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'provision_opportunity_search'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin (search_vector)" in definition
