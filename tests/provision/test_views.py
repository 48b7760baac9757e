import json
import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learningcity.models import AccessibilityFeature, TargetGroup
from provision import services
from provision.models import Language, Opportunity, Published, Resource
from tests.conftest import TODAY
from tests.provision.factories import (
    LearningSpaceFactory,
    OpeningHoursFactory,
    OpportunityFactory,
    SubjectFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]
SEARCH = "/provision/"
SPACES = "/provision/spaces/"


def names(response):
    """The names listed, in their order: from the page when it came kept rendered (a search, the
    learning spaces)."""
    if response.context is not None and "page" in response.context:
        return [row.name for row in response.context["page"].object_list]
    return re.findall(
        r'<h3><a href="[^"]*/provision/(?:opportunities|spaces)/[^"]*"[^>]*>([^<]*)</a></h3>',
        response.content.decode(),
    )


def json_ld(response):
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_the_search_lists_published_current_opportunities_soonest_first(client):
    today = TODAY.date()
    OpportunityFactory(name="Más tarde", starts_on=today + timedelta(days=20))
    OpportunityFactory(name="Pronto", starts_on=today + timedelta(days=2))
    OpportunityFactory(name="Siempre abierto", starts_on=None)
    OpportunityFactory(name="Terminado", starts_on=today - timedelta(days=60),
                       ends_on=today - timedelta(days=1))  # fmt: skip
    OpportunityFactory(name="Borrador", status=Published.DRAFT)

    response = client.get(SEARCH)

    assert names(response) == ["Pronto", "Más tarde", "Siempre abierto"]


def test_the_search_page_keeps_unescos_recommendations(client):
    page = client.get(SEARCH).content.decode()

    guidelines = page.split('id="guidelines-heading"')[1]
    assert guidelines.count("<li>") == 7


def test_full_text_search_finds_words_in_either_language_and_in_descriptions(client):
    OpportunityFactory(name_es="Computación básica", name_en="Computer basics")
    OpportunityFactory(name_es="Coro", description_es="Cantamos música popular")
    OpportunityFactory(name_es="Huertos urbanos")

    assert names(client.get(SEARCH, {"q": "computer"})) == ["Computación básica"]
    assert names(client.get(SEARCH, {"q": "música POPULAR"})) == ["Coro"]
    assert names(client.get(SEARCH, {"q": "música huertos"})) == []


def test_the_search_filters_by_each_criterion(client):
    today = TODAY.date()
    district = DistrictFactory(slug="norte-x")
    subject = SubjectFactory(slug="idiomas")
    english = Language.objects.get(slug="en")
    migrants = TargetGroup.objects.get(slug="migrant-families")
    loop = AccessibilityFeature.objects.get(slug="hearing-loop")
    step_free = AccessibilityFeature.objects.get(slug="step-free")
    space = LearningSpaceFactory(district=district, accessibility_features=[loop, step_free])
    space_only_loop = LearningSpaceFactory(accessibility_features=[loop])
    OpportunityFactory(
        name="Inglés", subjects=[subject], languages=[english], target_groups=[migrants],
        location=space, district=district, evenings=True, recognition_available=True,
        recognition="Constancia", starts_on=today + timedelta(days=40),
    )  # fmt: skip
    OpportunityFactory(
        name="En línea", format=Opportunity.Format.ONLINE, is_free=False, weekends=True,
        location=space_only_loop, starts_on=today + timedelta(days=3),
    )  # fmt: skip

    def found(**query):
        return names(client.get(SEARCH, query))

    assert found(subject="idiomas") == ["Inglés"]
    assert found(district="norte-x") == ["Inglés"]
    assert found(format="online") == ["En línea"]
    assert found(cost="paid") == ["En línea"]
    assert found(cost="free") == ["Inglés"]
    assert found(language="en") == ["Inglés"]
    assert found(group="migrant-families") == ["Inglés"]
    assert found(schedule="evenings") == ["Inglés"]
    assert found(schedule=["evenings", "weekends"]) == ["En línea", "Inglés"]
    assert found(accessibility=["hearing-loop", "step-free"]) == ["Inglés"]
    assert found(accessibility="hearing-loop") == ["En línea", "Inglés"]
    assert found(recognition="on") == ["Inglés"]
    assert found(soon="on") == ["En línea"]


def test_the_filters_stay_in_the_url_of_the_next_page(client):
    for _ in range(21):
        OpportunityFactory(is_free=False)

    page = client.get(SEARCH, {"cost": "paid"}).content.decode()

    assert "cost=paid&amp;page=2" in page or "page=2&amp;cost=paid" in page


@pytest.mark.parametrize(
    "query",
    [
        {"subject": "no-such-subject"},
        {"format": "telepathy"},
        {"district": "99999999999999999999"},
        {"schedule": "midnight"},
        {"accessibility": "wings"},
        {"page": "-4"},
        {"q": "x" * 500},
    ],
)
def test_junk_filters_answer_the_page_with_a_message_never_an_error(client, query):
    OpportunityFactory(name="Taller")

    response = client.get(SEARCH, query)

    assert response.status_code == 200
    if "page" not in query:
        assert response.context["filter"].form.errors
        assert 'class="errorlist' in response.content.decode()


@pytest.fixture
def search_rendered(settings):
    """Every search rendered, none kept: the queries of rendering one are counted."""
    settings.PROVISION_SEARCH_KEPT = False


def test_the_search_makes_as_many_queries_for_many_opportunities_as_for_one(
    client, search_rendered
):
    district = DistrictFactory()
    subject = SubjectFactory()
    loop = AccessibilityFeature.objects.get(slug="hearing-loop")
    space = LearningSpaceFactory(district=district, accessibility_features=[loop])

    def add_rows(count):
        return [
            OpportunityFactory(location=space, district=district, subjects=[subject]).name
            for _ in range(count)
        ]

    assert_constant_queries(client, SEARCH, add_rows)
    assert_constant_queries(client, SEARCH + "?accessibility=hearing-loop&q=taller", add_rows)


def test_the_opportunity_page_shows_it_with_course_json_ld(client):
    space = LearningSpaceFactory(name="Biblioteca Norte", latitude=Decimal("19.7"),
                                 longitude=Decimal("-101.19"))  # fmt: skip
    opportunity = OpportunityFactory(
        name="Computación", location=space, latitude=space.latitude, longitude=space.longitude,
        languages=[Language.objects.get(slug="es")], recognition_available=True,
        recognition="Constancia", ends_on=TODAY.date() + timedelta(days=30),
    )  # fmt: skip

    response = client.get(opportunity.get_absolute_url())

    page = response.content.decode()
    assert "Biblioteca Norte" in page
    assert "data-place-map" in page
    data = json_ld(response)
    assert data["@type"] == "Course"
    assert data["provider"]["name"] == opportunity.organization.name
    assert data["educationalCredentialAwarded"] == "Constancia"
    instance = data["hasCourseInstance"][0]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "onsite"
    assert instance["startDate"] == TODAY.date().isoformat()
    assert instance["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 19.7,
                                           "longitude": -101.19}  # fmt: skip


def test_json_ld_cannot_close_its_script_element(client):
    opportunity = OpportunityFactory(name="</script><script>alert(1)</script>")

    page = client.get(opportunity.get_absolute_url()).content.decode()

    assert "</script><script>alert" not in page
    assert json_ld(client.get(opportunity.get_absolute_url()))["name"].startswith("</script>")


def test_a_draft_is_hidden_from_the_public_but_shown_to_staff_and_the_provider(
    client, client_for, sam, alice
):
    draft = OpportunityFactory(status=Published.DRAFT)
    url = draft.get_absolute_url()
    member = UserFactory()
    MembershipFactory(user=member, organisation=draft.organization, role="member")

    assert client.get(url).status_code == 404
    assert client_for(alice).get(url).status_code == 404
    assert client_for(sam).get(url).status_code == 200
    assert client_for(member).get(url).status_code == 200


def test_an_unknown_opportunity_is_not_found(client):
    assert client.get(reverse("provision:detail", args=["nada"])).status_code == 404


def test_the_opportunity_page_makes_as_many_queries_for_many_subjects_as_for_one(client):
    space = LearningSpaceFactory()
    opportunity = OpportunityFactory(location=space)

    def add_rows(count):
        subjects = [SubjectFactory() for _ in range(count)]
        opportunity.subjects.add(*subjects)
        space.accessibility_features.add(*AccessibilityFeature.objects.all()[:count])
        return [subject.name for subject in subjects]

    assert_constant_queries(client, opportunity.get_absolute_url(), add_rows)


def test_the_spaces_list_filters_by_kind_district_and_resource(client):
    district = DistrictFactory(slug="sur-x")
    computers = Resource.objects.get(slug="computers")
    LearningSpaceFactory(name="Biblioteca Sur", district=district, resources=[computers])
    LearningSpaceFactory(name="Escuela Abierta", kind="school")
    LearningSpaceFactory(name="Oculto", status=Published.DRAFT)

    def found(**query):
        return names(client.get(SPACES, query))

    assert found() == ["Biblioteca Sur", "Escuela Abierta"]
    assert found(kind="school") == ["Escuela Abierta"]
    assert found(district="sur-x") == ["Biblioteca Sur"]
    assert found(resource="computers") == ["Biblioteca Sur"]
    assert 'class="errorlist' in client.get(SPACES, {"kind": "castle"}).content.decode()


def test_the_spaces_list_makes_as_many_queries_for_many_spaces_as_for_one(client, search_rendered):
    district = DistrictFactory()
    resources = list(Resource.objects.all()[:2])

    def add_rows(count):
        return [
            LearningSpaceFactory(district=district, resources=resources).name for _ in range(count)
        ]

    assert_constant_queries(client, SPACES, add_rows)


def test_the_space_page_shows_hours_features_resources_opportunities_and_place_json_ld(client):
    space = LearningSpaceFactory(
        name="Centro Comunitario Río Chico", latitude=Decimal("19.66"),
        longitude=Decimal("-101.13"), resources=[Resource.objects.get(slug="childrens-corner")],
        accessibility_features=[AccessibilityFeature.objects.get(slug="step-free")],
    )  # fmt: skip
    OpeningHoursFactory(space=space, byday=1, opens_at="09:00", closes_at="14:00")
    OpportunityFactory(name="Tareas dirigidas", location=space)
    OpportunityFactory(name="Borrador aquí", location=space, status=Published.DRAFT)

    response = client.get(space.get_absolute_url())

    page = response.content.decode()
    for text in ["Lunes", "Rincón infantil", "Acceso sin escalones", "Tareas dirigidas"]:
        assert text in page
    assert "Borrador aquí" not in page
    data = json_ld(response)
    assert data["@type"] == "Place"
    assert data["geo"]["latitude"] == 19.66
    assert data["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
         "opens": "09:00", "closes": "14:00"}
    ]  # fmt: skip


def test_the_space_page_makes_as_many_queries_for_many_opportunities_as_for_one(client):
    space = LearningSpaceFactory()

    def add_rows(count):
        OpeningHoursFactory(space=space)
        return [OpportunityFactory(location=space).name for _ in range(count)]

    assert_constant_queries(client, space.get_absolute_url(), add_rows)


def test_a_draft_space_is_not_found_by_the_public(client):
    space = LearningSpaceFactory(status=Published.DRAFT)

    assert client.get(space.get_absolute_url()).status_code == 404


def test_the_map_page_asks_the_api_for_the_same_search_and_lists_the_results(client):
    OpportunityFactory(name="Coro", is_free=True)
    OpportunityFactory(name="Pagado", is_free=False)

    response = client.get(reverse("provision:map"), {"cost": "free", "page": "1"})

    page = response.content.decode()
    assert names(response) == ["Coro"]
    assert 'data-source="/api/provision/opportunities.geojson?cost=free"' in page
    assert 'action="/provision/map/"' in page
    assert "provision-map.js" in page
    assert "markercluster/leaflet.markercluster.js" in page


def test_the_search_links_to_the_same_results_on_the_map(client):
    page = client.get(SEARCH, {"cost": "free"}).content.decode()

    assert 'href="/provision/map/?cost=free"' in page


def test_the_map_page_makes_as_many_queries_for_many_opportunities_as_for_one(
    client, search_rendered
):
    subject = SubjectFactory()

    def add_rows(count):
        return [OpportunityFactory(subjects=[subject]).name for _ in range(count)]

    assert_constant_queries(client, reverse("provision:map"), add_rows)


def opportunity_reads(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured if "provision_" in q["sql"]], response


@pytest.mark.parametrize(
    "url",
    [SEARCH, "/provision/map/", SEARCH + "?cost=free&q=coro&page=1", SPACES, SPACES + "?page=1"],
)
def test_a_search_asked_again_is_answered_from_the_cache_without_reading_provision(client, url):
    OpportunityFactory(name="Coro", is_free=True, location=None)
    if url.startswith(SPACES):
        LearningSpaceFactory(name="Coro")

    first, response = opportunity_reads(client, url)
    again, response_again = opportunity_reads(client, url)

    assert first and not again
    assert names(response) == names(response_again) == ["Coro"]


def test_a_change_made_through_the_services_shows_in_the_kept_search_at_once(
    client, sam, django_capture_on_commit_callbacks
):
    kept = OpportunityFactory(name="Coro")
    assert names(client.get(SEARCH)) == ["Coro"]
    assert names(client.get(SEARCH)) == ["Coro"]  # from the cache

    kept.name = "Coro de la ciudad"
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_save(opportunity=kept, by=sam)

    assert names(client.get(SEARCH)) == ["Coro de la ciudad"]
    assert names(client.get("/provision/map/")) == ["Coro de la ciudad"]


def test_a_space_changed_through_the_services_shows_in_the_kept_list_at_once(
    client, sam, django_capture_on_commit_callbacks
):
    space = LearningSpaceFactory(name="Casa de cultura")
    assert names(client.get(SPACES)) == ["Casa de cultura"]
    assert names(client.get(SPACES)) == ["Casa de cultura"]  # from the cache

    space.name = "Casa de cultura del barrio"
    with django_capture_on_commit_callbacks(execute=True):
        services.space_save(space=space, by=sam)

    assert names(client.get(SPACES)) == ["Casa de cultura del barrio"]
    assert names(client.get("/en" + SPACES)) == ["Casa de cultura del barrio"]


def test_the_kept_search_is_kept_per_language_and_per_query(client):
    OpportunityFactory(name_es="Coro", name_en="Choir", is_free=True)
    OpportunityFactory(name_es="Huerto", name_en="Garden", is_free=False)

    assert names(client.get(SEARCH)) == ["Coro", "Huerto"]
    assert names(client.get("/en" + SEARCH)) == ["Choir", "Garden"]
    assert names(client.get(SEARCH, {"cost": "paid"})) == ["Huerto"]
    assert names(client.get(SEARCH)) == ["Coro", "Huerto"]
    english = client.get("/en" + SEARCH).content.decode()
    assert "Search learning opportunities" in english
    assert "Buscar oportunidades" not in english


def test_the_kept_search_follows_the_citys_date(client):
    OpportunityFactory(name="Hoy termina", ends_on=TODAY.date())
    assert names(client.get(SEARCH)) == ["Hoy termina"]
    assert names(client.get(SEARCH)) == ["Hoy termina"]  # from the cache

    with time_machine.travel(TODAY + timedelta(days=1)):
        assert names(client.get(SEARCH)) == []


@pytest.mark.parametrize("query", [{"subject": "no-such"}, {"colour": "blue"}, {"page": "99"}])
def test_junk_searches_are_rendered_but_not_kept(client, query):
    OpportunityFactory(name="Coro")

    first, _response = opportunity_reads(client, SEARCH + "?" + urlencode(query))
    again, _response = opportunity_reads(client, SEARCH + "?" + urlencode(query))

    assert first and again
