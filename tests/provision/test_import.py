"""Staff import a provider's catalogue from CSV: a preview first, errors with their row numbers
and nothing stored while any row is wrong, then every row stored through the services at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learningcity.models import AuditEntry
from provision.models import Opportunity
from tests.provision.factories import LearningSpaceFactory, SubjectFactory
from tests.stakeholders.factories import OrganisationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_today", "reference_data", "city"),
]
URL = "/en/provision/import/"
HEADER = (
    "name_es,name_en,format,space,address,latitude,longitude,cost,subjects,languages,schedule,"
    "starts_on,ends_on,url\n"
)
GOOD = [
    "Lectura,Reading,in_person,,Calle Hidalgo 10,19.70,-101.19,,reading,es,evenings,"
    "2027-02-01,2027-03-31,\n",
    "Inglés,English,online,,,,,300 pesos,,es;en,weekends;mornings,,,https://example.org\n",
    "Coro,Choir,in_person,sala-norte,,,,,,,evenings,,,\n",
]


@pytest.fixture
def client_for(client_for):
    def make(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return client_for(person)

    return make


@pytest.fixture
def provider():
    SubjectFactory(slug="reading")
    LearningSpaceFactory(slug="sala-norte", latitude="19.72", longitude="-101.19")
    return OrganisationFactory(verified=True, name="Casa de Cultura")


def upload(client, provider, text):
    csv = SimpleUploadedFile("catalogo.csv", text.encode(), content_type="text/csv")
    return client.post(URL, {"organisation": provider.pk, "file": csv})


def test_staff_preview_then_import_every_row_through_the_services(client_for, sam, provider):
    client = client_for(sam)

    preview = upload(client, provider, HEADER + "".join(GOOD))

    assert preview.status_code == 200
    assert not Opportunity.objects.exists()
    payload = preview.context["payload"]
    assert "Import 3 learning opportunities" in preview.content.decode()

    done = client.post(URL, {"payload": payload})

    assert done.status_code == 302
    reading, english, choir = Opportunity.objects.order_by("pk")
    assert (reading.name_es, reading.organization, reading.evenings) == ("Lectura", provider, True)
    assert [s.slug for s in reading.subjects.all()] == ["reading"]
    assert (english.is_free, english.weekends, english.mornings) == (False, True, True)
    assert sorted(english.languages.values_list("slug", flat=True)) == ["en", "es"]
    assert str(choir.latitude) == "19.720000"
    assert AuditEntry.objects.filter(action="provision.opportunity_create").count() == 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Mala,,in_person,,Calle 1,-101.19,19.70,,,,,,,\n", "seem swapped"),
        ("Mala,,in_person,,Calle 1,40.4,-3.7,,,,,,,\n", "outside the city"),
        ("Mala,,in_person,,Calle 1,,,,,,,2027-03-01,2027-02-01,\n", "cannot end before"),
        ("Mala,,in_person,,Calle 1,,,,,,,2027-13-01,,\n", "is not a date"),
        ("Mala,,in_person,,Calle 1,abc,,,,,,,,\n", "is not a number"),
        ("Mala,,in_person,no-existe,,,,,,,,,,\n", "no learning space"),
        ("Mala,,in_person,,Calle 1,,,,astrology,,,,,\n", "unknown subjects: astrology"),
        ("Mala,,by_pigeon,,Calle 1,,,,,,,,,\n", "format"),
        ("Mala,,in_person,,Calle 1,,,,,,midnight,,,\n", "schedule must name"),
    ],
)
def test_a_bad_row_imports_nothing_and_says_which_row_and_why(
    client_for, sam, provider, row, message
):
    response = upload(client_for(sam), provider, HEADER + GOOD[0] + row + GOOD[1])

    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 3:" in page
    assert message in page
    assert "payload" not in response.context
    assert not Opportunity.objects.exists()


def test_a_file_without_the_required_columns_or_not_in_utf8_is_refused(client_for, sam, provider):
    client = client_for(sam)

    assert "missing: format" in upload(client, provider, "name_es\nLectura\n").content.decode()
    latin = SimpleUploadedFile("c.csv", "name_es,format\nLección,online\n".encode("latin-1"))
    response = client.post(URL, {"organisation": provider.pk, "file": latin})
    assert "UTF-8" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_tampered_preview_stores_nothing(client_for, sam, provider):
    response = client_for(sam).post(URL, {"payload": "not-signed"})

    assert response.status_code == 302
    assert not Opportunity.objects.exists()


def test_only_staff_import(client_for, alice, bob, provider):
    for person in (alice, bob):
        client = client_for(person)
        assert client.get(URL).status_code == 403
        assert upload(client, provider, HEADER + GOOD[0]).status_code == 403
    assert not Opportunity.objects.exists()
