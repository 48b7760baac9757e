"""Values from a CSV file: all or nothing, errors by row number, a preview before storing."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import services
from monitoring.models import Measurement, Period
from tests.monitoring.factories import DimensionValueFactory, IndicatorFactory, approved_value

pytestmark = pytest.mark.usefixtures("reference_data")
URL = reverse("monitoring:import")


def _upload(client, text):
    return client.post(URL, {"file": SimpleUploadedFile("valores.csv", text.encode())})


@pytest.fixture
def centro(indicator):
    value = DimensionValueFactory(dimension__slug="district", slug="centro", name_es="Centro")
    indicator.dimensions.add(value.dimension)
    return value


def test_a_good_file_is_previewed_then_stored_and_submitted(client_for, indicator, centro, bob):
    client = client_for(bob)
    text = (
        "indicator,period,dimension,category,value\n"
        f"{indicator.pk},2025,,,130\n"
        f"{indicator.pk},2025,district,centro,40\n"
        f"{indicator.pk},2026,,,140\n"
    )
    preview = _upload(client, text)
    assert preview.status_code == 200
    assert not Period.objects.exists()
    payload = preview.context["payload"]
    assert len(preview.context["batch"].preview()) == 2
    response = client.post(URL, {"payload": payload})
    assert response.status_code == 302
    assert Period.objects.filter(status=Period.Status.SUBMITTED).count() == 2
    assert Measurement.objects.get(dimension_value=centro).value == D(40)


def test_one_bad_row_stores_nothing_and_names_every_bad_row(
    client_for, indicator, centro, bob, organisation
):
    someone_elses = IndicatorFactory()
    locked = approved_value(indicator, 2024 + 3, 1)
    services.period_lock(period=locked, by=None)
    text = (
        "indicator,period,dimension,category,value\n"
        f"{indicator.pk},2025,,,130\n"  # 2 good
        f"{indicator.pk},2025-Q1,,,1\n"  # 3 not a yearly period
        f"{indicator.pk},2026,,,uno\n"  # 4 not a number
        f"{indicator.pk},2025,,,131\n"  # 5 duplicate
        f"{someone_elses.pk},2025,,,5\n"  # 6 not bob's
        f"{indicator.pk},2025,sex,women,3\n"  # 7 unknown breakdown
        "999999,2025,,,1\n"  # 8 no such indicator
        f"{indicator.pk},2027,,,9\n"  # 9 locked
        f"{indicator.pk},2025,,,1.5\n"  # 10 decimals in a count
    )
    response = _upload(client_for(bob), text)
    numbers = [number for number, _message in response.context["batch"].errors]
    assert numbers == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "payload" not in response.context
    assert Period.objects.count() == 1  # the locked one only
    assert (
        "Row 3"
        in client_for(bob)
        .post("/en" + URL, {"file": SimpleUploadedFile("v.csv", text.encode())})
        .content.decode()
    )


@pytest.mark.parametrize(
    "content",
    [b"", b"a,b\n1,2\n", b"\xff\xfe\x00bad", b"indicator,period,dimension,category,value\n"],
)
def test_files_that_are_not_our_csv_are_refused(client_for, indicator, bob, content):
    response = client_for(bob).post(URL, {"file": SimpleUploadedFile("v.csv", content)})
    assert response.status_code == 200
    assert not Period.objects.exists()


def test_a_total_is_needed_for_each_period(client_for, indicator, centro, bob):
    text = f"indicator,period,dimension,category,value\n{indicator.pk},2025,district,centro,4\n"
    response = _upload(client_for(bob), text)
    assert response.context["batch"].errors


def test_an_altered_preview_stores_nothing(client_for, indicator, bob):
    response = client_for(bob).post(URL, {"payload": "not-signed"})
    assert response.status_code == 302
    assert not Period.objects.exists()


def test_values_changed_since_the_preview_store_nothing(client_for, indicator, bob, sam):
    client = client_for(bob)
    text = f"indicator,period,dimension,category,value\n{indicator.pk},2025,,,130\n"
    payload = _upload(client, text).context["payload"]
    period = services.period_values_save(
        indicator=indicator, start=date(2025, 1, 1), values={None: D(1)}, by=bob
    )
    services.period_submit(period=period, by=bob)
    response = client.post(URL, {"payload": payload})
    assert response.status_code == 200 and response.context["batch"].errors
    assert Measurement.objects.get().value == D(1)


def test_only_organisation_members_import(client_for, client, alice, sam):
    assert client.get(URL).status_code == 302
    assert client_for(alice).get(URL).status_code == 403
    assert client_for(sam).get(URL).status_code == 403
