"""Staff upload a district's boundary as GeoJSON in the administration: a Polygon or a
MultiPolygon inside the city's limits is kept; anything else is refused with a sentence staff
can act on, and nothing is saved."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learningcity.models import CityProfile, District

pytestmark = pytest.mark.django_db

# A small square in the middle of the city's box (longitude first, as GeoJSON has it).
SQUARE = [[[-101.2, 19.7], [-101.1, 19.7], [-101.1, 19.75], [-101.2, 19.75], [-101.2, 19.7]]]
OTHER_SQUARE = [
    [[-101.25, 19.65], [-101.21, 19.65], [-101.21, 19.68], [-101.25, 19.68], [-101.25, 19.65]]
]


@pytest.fixture(autouse=True)
def city(db):
    profile = CityProfile.objects.current()
    profile.name = "Villa Esperanza"
    profile.map_center_lat, profile.map_center_lon = Decimal("19.70"), Decimal("-101.19")
    profile.bbox_south, profile.bbox_north = Decimal("19.62"), Decimal("19.78")
    profile.bbox_west, profile.bbox_east = Decimal("-101.30"), Decimal("-101.08")
    profile.save()
    return profile


def upload(client, content, *, slug="centro"):
    """POST the add form with a boundary file holding `content` (text, or data made JSON)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return client.post(
        reverse("admin:learningcity_district_add"),
        {
            "name_es": "Centro",
            "name_en": "Centre",
            "slug": slug,
            "population": "12000",
            "population_year": "2020",
            "boundary_file": SimpleUploadedFile(
                "centro.geojson", text.encode(), content_type="application/geo+json"
            ),
        },
    )


def refused(response):
    """The form's errors for the boundary file, after checking nothing was saved."""
    assert response.status_code == 200, "the form should be shown again"
    assert not District.objects.filter(slug="centro").exists()
    return " ".join(response.context["adminform"].form.errors.get("boundary_file", []))


@pytest.mark.parametrize(
    "content",
    [
        {"type": "Polygon", "coordinates": SQUARE},
        {"type": "MultiPolygon", "coordinates": [SQUARE, OTHER_SQUARE]},
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        },
    ],
    ids=["polygon", "multipolygon", "feature"],
)
def test_a_polygon_or_multipolygon_inside_the_city_is_kept(client_for, sam, content):
    response = upload(client_for(sam), content)
    assert response.status_code == 302
    district = District.objects.get(slug="centro")
    geometry = content.get("geometry", content)
    assert district.boundary == geometry
    assert (district.population, district.population_year) == (12000, 2020)


def test_a_point_is_refused(client_for, sam):
    errors = refused(upload(client_for(sam), {"type": "Point", "coordinates": [-101.19, 19.7]}))
    assert "Un límite debe ser un Polygon o un MultiPolygon, no «Point»." in errors


def test_a_point_outside_the_city_is_refused(client_for, sam):
    outside = [[[-101.2, 19.7], [-99.1, 19.4], [-101.1, 19.75], [-101.2, 19.7]]]
    errors = refused(upload(client_for(sam), {"type": "Polygon", "coordinates": outside}))
    assert "(longitud -99.1, latitud 19.4) está fuera de los límites de la ciudad" in errors


def test_a_file_that_is_not_json_is_refused(client_for, sam):
    errors = refused(upload(client_for(sam), "<kml>Centro</kml>"))
    assert "El archivo no es JSON válido" in errors


def test_an_open_ring_is_refused(client_for, sam):
    open_ring = [[[-101.2, 19.7], [-101.1, 19.7], [-101.1, 19.75], [-101.2, 19.75]]]
    errors = refused(upload(client_for(sam), {"type": "Polygon", "coordinates": open_ring}))
    assert "Un anillo debe terminar donde empieza" in errors


def test_a_collection_of_two_features_is_refused(client_for, sam):
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {**feature, "geometry": {"type": "Polygon", "coordinates": SQUARE}},
            {**feature, "geometry": {"type": "Polygon", "coordinates": OTHER_SQUARE}},
        ],
    }
    errors = refused(upload(client_for(sam), collection))
    assert "La colección contiene 2 elementos; suba un distrito a la vez." in errors


def test_a_refused_upload_keeps_the_boundary_a_district_had(client_for, sam):
    district = District.objects.create(
        slug="norte",
        name_es="Norte",
        name_en="North",
        boundary={"type": "Polygon", "coordinates": SQUARE},
    )
    client = client_for(sam)
    url = reverse("admin:learningcity_district_change", args=[district.pk])
    response = client.post(
        url,
        {
            "name_es": "Norte",
            "name_en": "North",
            "slug": "norte",
            "population": "",
            "population_year": "",
            "boundary_file": SimpleUploadedFile("norte.geojson", b'{"type": "Point"}'),
        },
    )
    assert response.status_code == 200
    district.refresh_from_db()
    assert district.boundary == {"type": "Polygon", "coordinates": SQUARE}
