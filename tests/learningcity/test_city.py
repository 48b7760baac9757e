from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learningcity.models import CityProfile

pytestmark = pytest.mark.django_db


def valid_profile(**changes):
    profile = CityProfile.objects.current()
    values = {
        "name": "Villa Prueba",
        "time_zone": "America/Mexico_City",
        "currency": "MXN",
        "country_code": "MX",
        "map_center_lat": Decimal("19.7"),
        "map_center_lon": Decimal("-101.2"),
        "bbox_south": Decimal("19.6"),
        "bbox_west": Decimal("-101.3"),
        "bbox_north": Decimal("19.8"),
        "bbox_east": Decimal("-101.1"),
    }
    values.update(changes)
    for field, value in values.items():
        setattr(profile, field, value)
    return profile


def test_there_is_only_ever_one_city_profile():
    CityProfile(name="Una").save()
    CityProfile(name="Otra").save()
    assert CityProfile.objects.count() == 1
    assert CityProfile.objects.current().name == "Otra"


def test_city_profile_is_read_from_the_cache(django_assert_num_queries):
    CityProfile.objects.current()
    with django_assert_num_queries(0):
        CityProfile.objects.current()


def test_saving_the_profile_refreshes_what_pages_show(client):
    valid_profile(name="Villa Nueva", programme_name_es="Villa Nueva aprende").save()
    assert "Villa Nueva aprende" in client.get("/").content.decode()


def test_a_valid_profile_passes_validation_and_is_what_pages_read():
    profile = valid_profile()
    profile.full_clean()
    profile.save()
    current = CityProfile.objects.current()
    assert (current.name, current.time_zone, current.currency) == (
        profile.name,
        profile.time_zone,
        profile.currency,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"currency": "pesos"}, "currency"),
        ({"country_code": "mex"}, "country_code"),
        ({"bbox_north": Decimal("19.5")}, "bbox_north"),
        ({"bbox_east": Decimal("-101.4")}, "bbox_east"),
        ({"map_center_lat": Decimal("25")}, "map_center_lat"),
        ({"map_center_lon": Decimal("200")}, "map_center_lon"),
    ],
)
def test_bad_profile_values_are_refused_with_a_message_on_the_field(changes, field):
    with pytest.raises(ValidationError) as error:
        valid_profile(**changes).full_clean()
    assert field in error.value.message_dict


def test_the_city_profile_cannot_be_deleted():
    with pytest.raises(ValidationError):
        valid_profile().delete()


def test_pages_use_the_city_time_zone(client):
    valid_profile(time_zone="Asia/Tokyo").save()
    from django.utils import timezone

    client.get("/")
    assert str(timezone.get_current_timezone()) == "Asia/Tokyo"


def test_coordinator_edits_the_profile_in_the_admin(client_for, carol):
    client = client_for(carol)
    valid_profile().save()
    data = {
        "name": "Villa Editada",
        "programme_name_es": "Aprende",
        "programme_name_en": "Learn",
        "introduction_es": "",
        "introduction_en": "",
        "country": "México",
        "country_code": "MX",
        "time_zone": "America/Mexico_City",
        "currency": "MXN",
        "default_language": "es",
        "map_center_lat": "19.7",
        "map_center_lon": "-101.2",
        "map_zoom": "12",
        "bbox_south": "19.6",
        "bbox_west": "-101.3",
        "bbox_north": "19.8",
        "bbox_east": "-101.1",
        "contact_email": "",
        "website": "",
        "logo_alt_text": "",
        "data_licence": "CC-BY-SA-4.0",
    }
    response = client.post("/admin/learningcity/cityprofile/1/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CityProfile.objects.current().name == "Villa Editada"
    assert CityProfile.objects.current().data_licence_url.endswith("/by-sa/4.0/")
    assert CityProfile.history.filter(name="Villa Editada").exists()

    bad = client.post(
        "/admin/learningcity/cityprofile/1/change/", {**data, "time_zone": "Nowhere/Land"}
    )
    assert bad.status_code == 200
    assert "Nowhere/Land" in bad.content.decode()
    assert "errornote" in bad.content.decode()
    assert CityProfile.objects.current().time_zone == "America/Mexico_City"
