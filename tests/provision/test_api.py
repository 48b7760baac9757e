"""/api/provision/opportunities.geojson: an RFC 7946 FeatureCollection, longitude first, for the
search's filters and a bounding box; bad input is a 400 with a JSON error, never a 500."""

import gzip
import json
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provision import layers, services
from provision.models import Opportunity, Published
from tests.provision.factories import LearningSpaceFactory, OpportunityFactory, SubjectFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]
URL = "/api/provision/opportunities.geojson"
CENTRO = {"latitude": Decimal("19.700000"), "longitude": Decimal("-101.190000")}
RIO_CHICO = {"latitude": Decimal("19.660000"), "longitude": Decimal("-101.130000")}


def collection(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert_valid_feature_collection(data)
    return data


def assert_valid_feature_collection(data):
    """The parts of RFC 7946 the map relies on: a FeatureCollection of Point features with
    [longitude, latitude] positions, string ids and object properties."""
    assert set(data) == {"type", "features"}
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str)
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        longitude, latitude = geometry["coordinates"]
        assert all(isinstance(n, float) for n in (longitude, latitude))
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90


def ids(data):
    return sorted(feature["id"] for feature in data["features"])


def test_the_collection_holds_public_opportunities_with_a_point_longitude_first(client):
    space = LearningSpaceFactory(name="Biblioteca Centro", **CENTRO)
    OpportunityFactory(slug="coro", name="Coro", location=space, **CENTRO)
    OpportunityFactory(slug="sin-lugar")
    OpportunityFactory(slug="borrador", status=Published.DRAFT, **CENTRO)

    data = collection(client)

    assert ids(data) == ["coro"]
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [-101.19, 19.7]
    properties = feature["properties"]
    assert properties["name"] == "Coro"
    assert properties["location"] == "Biblioteca Centro"
    assert properties["format"] == "in_person"
    assert properties["is_free"] is True
    assert properties["url"] == "/provision/opportunities/coro/"


def test_the_collection_is_sent_compressed_to_whoever_accepts_it(client):
    space = LearningSpaceFactory(**CENTRO)
    for number in range(30):
        OpportunityFactory(slug=f"curso-{number}", location=space, **CENTRO)

    plain = client.get(URL)
    response = client.get(URL, headers={"Accept-Encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == plain.content
    assert len(response.content) < len(plain.content) / 4


def test_names_and_links_come_in_the_language_asked_for(client):
    OpportunityFactory(slug="coro", name_es="Coro", name_en="Choir", **CENTRO)

    properties = collection(client, lang="en")["features"][0]["properties"]

    assert (properties["name"], properties["url"]) == ("Choir", "/en/provision/opportunities/coro/")


def test_a_bbox_returns_only_what_lies_inside_it(client):
    OpportunityFactory(slug="centro", **CENTRO)
    OpportunityFactory(slug="rio-chico", **RIO_CHICO)

    assert ids(collection(client, bbox="-101.22,19.68,-101.16,19.72")) == ["centro"]
    assert ids(collection(client, bbox="-101.16,19.64,-101.10,19.68")) == ["rio-chico"]
    assert ids(collection(client, bbox="-101.3,19.6,-101.0,19.8")) == ["centro", "rio-chico"]
    # Latitude first by mistake: a latitude of -101° cannot be.
    swapped = client.get(URL, {"bbox": "19.68,-101.22,19.72,-101.16"})
    assert swapped.status_code == 400
    assert "la longitud primero" in swapped.json()["error"]


def test_the_search_filters_apply_as_on_the_list(client):
    subject = SubjectFactory(slug="musica")
    OpportunityFactory(slug="coro", subjects=[subject], district=DistrictFactory(slug="centro"),
                       **CENTRO)  # fmt: skip
    OpportunityFactory(slug="en-linea", format=Opportunity.Format.BLENDED, is_free=False,
                       url="https://example.org", **RIO_CHICO)  # fmt: skip

    assert ids(collection(client, subject="musica")) == ["coro"]
    assert ids(collection(client, district="centro")) == ["coro"]
    assert ids(collection(client, cost="paid", format="blended")) == ["en-linea"]
    assert ids(collection(client, q="taller", bbox="-101.3,19.6,-101.0,19.8")) == [
        "coro",
        "en-linea",
    ]


@pytest.mark.parametrize(
    "bbox",
    ["1,2,3", "a,b,c,d", "nan,19,-101,20", "-101,19,inf,20", "-200,19,-101,20",
     "-101.1,19.7,-101.2,19.6", "", "1,2,3,4,5"],
)  # fmt: skip
def test_a_malformed_bbox_is_a_400_with_a_json_error(client, bbox):
    OpportunityFactory(**CENTRO)

    response = client.get(URL, {"bbox": bbox})

    if bbox == "":
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert "bbox" in response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [{"format": "telepathy"}, {"district": "no-such"}, {"schedule": "midnight"},
     {"accessibility": ["wings"]}, {"q": "x" * 500}],
)  # fmt: skip
def test_junk_filters_are_a_400_naming_the_filter(client, query):
    response = client.get(URL, query)

    assert response.status_code == 400
    assert set(response.json()["fields"]) == set(query)


def test_parameters_it_does_not_know_are_ignored(client):
    OpportunityFactory(slug="coro", **CENTRO)

    assert ids(collection(client, colour="blue", page="x")) == ["coro"]


def test_only_get_is_answered(client):
    assert client.post(URL).status_code == 405


def test_the_collection_makes_as_many_queries_for_many_opportunities_as_for_one(client):
    space = LearningSpaceFactory(**CENTRO)

    def add_rows(count):
        made = [OpportunityFactory(location=space, **CENTRO) for _ in range(count)]
        return [opportunity.slug for opportunity in made]

    assert_constant_queries(client, URL, add_rows)
    assert_constant_queries(client, URL + "?bbox=-101.3,19.6,-101.0,19.8&cost=free", add_rows)


@pytest.fixture
def layers_kept(settings):
    """As in production: each process keeps the map's layers (provision.layers)."""
    settings.PROVISION_MAP_LAYERS_KEPT = 2
    layers.forget()
    yield
    layers.forget()


def opportunity_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        data = collection(client, **dict(parse_qsl(url)))
    return [q["sql"] for q in captured if "provision_opportunity" in q["sql"]], data


def test_a_kept_layer_answers_every_view_without_reading_the_opportunities_again(
    client, layers_kept
):
    space = LearningSpaceFactory(**CENTRO)
    OpportunityFactory(slug="coro", location=space, **CENTRO)
    OpportunityFactory(slug="huerto", location=LearningSpaceFactory(**RIO_CHICO), **RIO_CHICO)

    read, data = opportunity_queries(client, "")
    assert read and ids(data) == ["coro", "huerto"]
    read, data = opportunity_queries(client, "bbox=-101.2,19.69,-101.18,19.71")
    assert not read and ids(data) == ["coro"]
    read, data = opportunity_queries(client, "bbox=-101.14,19.65,-101.12,19.67&lang=es")
    assert not read and ids(data) == ["huerto"]
    # Other filters, another layer.
    read, data = opportunity_queries(client, "cost=paid")
    assert read and ids(data) == []


def test_a_change_made_through_the_services_shows_on_the_map_at_once(
    client, layers_kept, sam, django_capture_on_commit_callbacks
):
    space = LearningSpaceFactory(**CENTRO)
    OpportunityFactory(slug="coro", location=space, **CENTRO)
    assert ids(collection(client)) == ["coro"]

    new = Opportunity(
        slug="nuevo",
        name="Nuevo",
        organization=OrganisationFactory(),
        location=space,
        status=Published.PUBLISHED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_save(opportunity=new, by=sam)

    assert ids(collection(client)) == ["coro", "nuevo"]


def test_the_least_recently_used_layer_is_dropped(layers_kept):
    built = []

    def build(name):
        built.append(name)
        return name

    for name in ["a", "b", "a", "c", "a", "b"]:
        layers.layer((name,), lambda name=name: build(name))

    # Two kept: "b" was dropped for "c", then read again; "a" stayed in use.
    assert built == ["a", "b", "c", "b"]


def test_the_whole_layer_is_compressed_once_with_an_etag_that_names_it(client, layers_kept):
    space = LearningSpaceFactory(**CENTRO)
    for number in range(30):
        OpportunityFactory(slug=f"curso-{number}", location=space, **CENTRO)
    gzip_accepted = {"Accept-Encoding": "gzip"}

    plain = client.get(URL)
    first = client.get(URL, headers=gzip_accepted)
    again = client.get(URL, headers=gzip_accepted)

    assert first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    assert gzip.decompress(first.content) == plain.content
    assert first.content == again.content
    assert first["ETag"] == again["ETag"]
    unchanged = client.get(URL, headers={**gzip_accepted, "If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304
    # Another answer, another ETag.
    OpportunityFactory(slug="nuevo", location=space, **CENTRO)
    layers.forget()
    changed = client.get(URL, headers={**gzip_accepted, "If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
