"""The GNLC membership profile: Carol the coordinator keeps it at /reports/gnlc-profile/, Sam of
the city staff reads it, nobody else sees it. Bad input is refused with the reason (a text over
200 words with its count, a year still to come, a rating of 6); the PDF, read back, carries every
one of UNESCO's sections in the page's language."""

import io
from datetime import date

import pypdf
import pytest
from django.test import Client
from django.utils import translation

from dashboard import services
from dashboard.models import GnlcProfile
from learningcity.audit import AuditEntry
from learningcity.models import CityProfile
from stakeholders.models import NetworkMembership
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

URL = "/en/reports/gnlc-profile/"
PDF_URL = "/en/reports/gnlc-profile/pdf/"
MOTIVATION = "Every person in every district finds a place to learn."

GOOD = {
    "population": "412000",
    "population_year": "2025",
    "area_km2": "187.4",
    "area_year": "2025",
    "gdp_city_usd": "11250",
    "gdp_city_year": "2024",
    "gdp_country_usd": "9870",
    "gdp_country_year": "2024",
    "schooling_women": "10.4",
    "schooling_men": "10.1",
    "schooling_year": "2023",
    "motivation": MOTIVATION,
    "implementation": "A committee of thirty organisations steers the plan.",
    "challenge_funding": "4",
    "challenge_political_commitment": "2",
    "challenge_coordination": "3",
    "challenge_monitoring": "3",
    "challenge_marginalised": "5",
    "mayor_name": "Elena Márquez",
    "mayor_title": "Mayor",
    "mayor_email": "mayor@example.org",
    "contact_name": "Carol Coordinadora",
    "contact_title": "Coordinator",
    "contact_email": "carol@example.org",
    "pledge": "on",
    "pledge_date": "2026-03-15",
}

SECTIONS = [
    "City and country",
    "Population and area",
    "Economy and education",
    "Membership of the GNLC",
    "Motivation",
    "Implementation",
    "Challenges",
    "Mayor and contact person",
    "Pledge",
]


def _in_english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


# Everyone reads the portal in English here: the pages below are checked in English.
@pytest.fixture
def carol(carol):
    return _in_english(carol)


@pytest.fixture
def sam(sam):
    return _in_english(sam)


@pytest.fixture
def alice(alice):
    return _in_english(alice)


@pytest.fixture
def bob(bob):
    return _in_english(bob)


@pytest.fixture
def city(db):
    city = CityProfile.objects.current()
    city.name, city.country = "Villa Esperanza", "Ecuador"
    city.save()
    return city


@pytest.fixture
def gnlc(db):
    return NetworkMembership.objects.create(
        network="UNESCO GNLC", is_gnlc=True, status="active", since=date(2024, 9, 1)
    )


def test_a_coordinator_keeps_the_profile_and_the_change_is_audited(client_for, carol, city):
    response = client_for(carol).post(URL, GOOD)
    assert response.status_code == 302 and response.url == URL
    profile = GnlcProfile.objects.get()
    assert (profile.population, profile.population_year, str(profile.area_km2)) == (
        412000,
        2025,
        "187.40",
    )
    assert profile.challenge_marginalised == 5 and profile.pledge_date == date(2026, 3, 15)
    assert profile.updated_by == carol
    entry = AuditEntry.objects.get(action="dashboard.gnlc_profile_save")
    assert entry.actor == carol and entry.changes["motivation"][1] == MOTIVATION
    assert profile.history.latest().history_user == carol
    assert profile.history.latest().motivation == MOTIVATION
    page = client_for(carol).get(URL).content.decode()
    assert "Villa Esperanza" in page and "Ecuador" in page and MOTIVATION in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("motivation", "word " * 201, "201 words; at most 200."),
        ("implementation", "word " * 312, "312 words; at most 200."),
        ("population_year", "2027", "2027 is still to come"),
        ("challenge_funding", "6", "less than or equal to 5"),
        ("pledge_date", "", "Give the date the pledge was signed."),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_lost(
    client_for, carol, field, value, message
):
    response = client_for(carol).post(URL, {**GOOD, field: value})
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert message.split(";")[0] in response.content.decode()
    assert form["mayor_name"].value() == GOOD["mayor_name"]  # nothing lost
    assert GnlcProfile.objects.filter(updated_at__isnull=False).count() == 0


def test_200_words_and_this_years_figures_are_accepted(client_for, carol):
    data = {**GOOD, "motivation": "word " * 200, "population_year": "2026"}
    assert client_for(carol).post(URL, data).status_code == 302


def test_the_service_refuses_a_year_still_to_come(carol):
    profile = GnlcProfile.objects.current()
    profile.gdp_country_year = 2027
    with translation.override("en"), pytest.raises(Exception, match="still to come"):
        services.gnlc_profile_save(profile=profile, by=carol)
    assert GnlcProfile.objects.get().gdp_country_year is None


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("alice", 403), ("bob", 403)])
def test_only_city_staff_read_the_profile(request, client, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == status
    assert client.get(PDF_URL).status_code == status
    assert client.post(URL, GOOD).status_code == status
    assert not GnlcProfile.objects.filter(updated_at__isnull=False).exists()


def test_staff_read_the_profile_but_only_a_coordinator_keeps_it(client_for, sam, carol):
    services.gnlc_profile_save(profile=GnlcProfile(motivation=MOTIVATION, population=5), by=carol)
    client = client_for(sam)
    page = client.get(URL)
    assert page.status_code == 200 and MOTIVATION in page.content.decode()
    assert "Save the profile" not in page.content.decode()
    assert all(field.field.disabled for field in page.context["form"])
    assert client.post(URL, GOOD).status_code == 403
    assert GnlcProfile.objects.get().population == 5


def _pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_section_in_the_pages_language_and_is_tagged(
    client_for, carol, city, gnlc
):
    DistrictFactory(name_en="Riverside", name_es="Ribera")
    client = client_for(carol)
    client.post(URL, GOOD)
    response = client.get(PDF_URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="gnlc-profile-en.pdf"' in response["Content-Disposition"]
    reader, text = _pdf_text(response.content)
    for expected in [
        *SECTIONS,
        "Villa Esperanza",
        "Ecuador",
        "Riverside",
        "Active",
        MOTIVATION,
        "Reaching marginalised groups",
        "5 / 5",
        "Elena Márquez",
        "the mayor pledges",
        "412,000",
    ]:
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"


def test_the_pdf_follows_the_pages_language(client_for, carol):
    carol.preferred_language = "es"
    carol.save(update_fields=["preferred_language"])
    response = client_for(carol).get("/reports/gnlc-profile/pdf/")
    reader, _text = _pdf_text(response.content)
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert 'filename="gnlc-profile-es.pdf"' in response["Content-Disposition"]


def test_the_page_reads_districts_and_membership_in_constant_queries(client_for, carol, gnlc):
    def add_districts(n):
        return [DistrictFactory().name_en for _ in range(n)]

    assert_constant_queries(client_for(carol), URL, add_districts)


def test_the_reports_page_links_to_the_profile_for_staff_only(client_for, sam):
    assert "/reports/gnlc-profile/" not in Client().get("/en/reports/").content.decode()
    assert "/en/reports/gnlc-profile/" in client_for(sam).get("/en/reports/").content.decode()


def test_the_administration_shows_the_profile_and_its_history_read_only(client_for, carol):
    services.gnlc_profile_save(profile=GnlcProfile(motivation=MOTIVATION), by=carol)
    client = client_for(carol)
    assert client.get("/en/admin/dashboard/gnlcprofile/").status_code == 200
    page = client.get("/en/admin/dashboard/gnlcprofile/1/change/")
    assert page.status_code == 200 and MOTIVATION in page.content.decode()
    assert client.get("/en/admin/dashboard/gnlcprofile/1/history/").status_code == 200
    assert client.get("/en/admin/dashboard/gnlcprofile/add/").status_code == 403


def test_the_demo_city_has_a_complete_profile(carol):
    from dashboard.demo import seed_gnlc_profile

    seed_gnlc_profile(carol)
    seed_gnlc_profile(carol)  # a second run changes nothing
    profile = GnlcProfile.objects.get()
    assert profile.pledge and profile.population_year == 2025
    assert all(rating for _label, rating in profile.challenges)
    assert profile.history.count() == 2  # made, then filled in once
