"""The "I want to learn" path: fixed answers give a fixed answer, nearest first, with the
nearest guidance point; what might stop someone narrows the search as the page says."""

from decimal import Decimal

import pytest

from learningcity.models import AccessibilityFeature
from provision.models import GuidancePoint, Language, Opportunity, Resource
from provision.services import guidance_point_save
from tests.provision.factories import LearningSpaceFactory, OpportunityFactory, SubjectFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_today", "reference_data", "city"),
]
GUIDANCE = "/en/provision/guidance/"


def _box(west, south, east, north):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _at(space, **fields):
    return OpportunityFactory(
        location=space, latitude=space.latitude, longitude=space.longitude, **fields
    )


@pytest.fixture
def world():
    """Two districts; music near the centre's middle, a little north, far west and online."""
    centro = DistrictFactory(slug="centro", name_en="Centre",
                             boundary=_box(-101.22, 19.68, -101.16, 19.72))  # fmt: skip
    norte = DistrictFactory(slug="norte", name_en="North",
                            boundary=_box(-101.22, 19.72, -101.16, 19.76))  # fmt: skip
    music = SubjectFactory(slug="music")
    health = SubjectFactory(slug="health")
    corner = Resource.objects.get(slug="childrens-corner")
    ramp = AccessibilityFeature.objects.get(slug="step-free")
    near = LearningSpaceFactory(latitude=Decimal("19.701"), longitude=Decimal("-101.19"),
                                resources=[corner], accessibility_features=[ramp])  # fmt: skip
    north = LearningSpaceFactory(latitude=Decimal("19.72"), longitude=Decimal("-101.19"))
    west = LearningSpaceFactory(latitude=Decimal("19.76"), longitude=Decimal("-101.25"))
    sign = Language.objects.get(slug="lsm")
    _at(near, name_en="Choir near", subjects=[music], evenings=True, languages=[sign])
    _at(north, name_en="Guitar north", subjects=[music], evenings=True, is_free=False)
    _at(west, name_en="Guitar west", subjects=[music], evenings=True)
    online = Opportunity.Format.ONLINE
    OpportunityFactory(name_en="Guitar online", subjects=[music], evenings=True, format=online,
                       url="https://example.org", address="")  # fmt: skip
    _at(near, name_en="Cooking near", subjects=[health], mornings=True)
    _at(north, name_en="Choir in the morning", subjects=[music], mornings=True)
    points = [("centro", "Centre point", "19.700", "-101.190"),
              ("norte", "North point", "19.742", "-101.195")]  # fmt: skip
    for slug, name, latitude, longitude in points:
        guidance_point_save(
            point=GuidancePoint(
                name_es=name,
                name_en=name,
                address="Calle 1",
                hours="9–14",
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                district={"centro": centro, "norte": norte}[slug],
            ),
            by=None,
        )
    return {"centro": centro, "norte": norte}


def ask(client, query):
    response = client.get(f"{GUIDANCE}?{query}")
    assert response.status_code == 200
    return response


def names(response):
    return [opportunity.name for opportunity in response.context["answer"].opportunities]


def test_the_questions_show_without_an_answer_until_asked(client, world):
    response = ask(client, "")

    assert response.context["answer"] is None
    page = response.content.decode()
    for question in ("1. What about?", "2. Where?", "3. When?", "4. What might stop you?"):
        assert question in page
    assert 'method="get"' in page


def test_fixed_answers_give_music_in_the_evening_nearest_to_the_districts_centre_first(
    client, world
):
    response = ask(client, "subjects=music&district=centro&when=evenings")

    assert names(response) == ["Choir near", "Guitar north", "Guitar west", "Guitar online"]
    answer = response.context["answer"]
    assert answer.count == 4
    assert answer.guidance_point.name == "Centre point"
    assert [round(o.km, 1) for o in answer.opportunities[:3]] == [0.1, 2.2, 9.2]
    page = response.content.decode()
    assert "the nearest to the centre of Centre come first" in page
    assert "about 0.1 km away" in page
    assert "The nearest guidance point, about 0.0 km away" in page


def test_a_point_on_the_map_measures_from_there_and_finds_the_nearest_guidance_point(client, world):
    response = ask(client, "subjects=music&when=evenings&lat=19.75&lon=-101.24")

    assert names(response) == ["Guitar west", "Guitar north", "Choir near", "Guitar online"]
    assert response.context["answer"].guidance_point.name == "North point"
    assert "the nearest to the point you chose come first" in response.content.decode()


def test_cost_and_transport_keep_free_courses_within_reach_or_online(client, world):
    response = ask(
        client, "subjects=music&district=centro&when=evenings&barriers=cost&barriers=transport"
    )

    assert names(response) == ["Choir near", "Guitar online"]
    page = response.content.decode()
    assert "Only free courses" in page
    assert "within 3 km of where you are" in page


def test_transport_without_a_place_means_online(client, world):
    response = ask(client, "barriers=transport")

    assert names(response) == ["Guitar online"]
    assert response.context["answer"].guidance_point is None
    assert "Tell us where you are (question 2)" in response.content.decode()


def test_childcare_means_a_childrens_corner_or_online(client, world):
    response = ask(client, "district=centro&barriers=childcare")

    assert names(response) == ["Choir near", "Cooking near", "Guitar online"]
    assert "children&#x27;s corner" in response.content.decode()


def test_childcare_also_means_a_course_that_offers_it(client, world):
    OpportunityFactory(name_en="Sewing with childcare", childcare=True, address="Calle 2")

    response = ask(client, "barriers=childcare")

    assert "Sewing with childcare" in names(response)
    assert "Guitar north" not in names(response)


def test_language_keeps_courses_taught_in_the_chosen_languages(client, world):
    response = ask(client, "barriers=language&languages=lsm")

    assert names(response) == ["Choir near"]


def test_language_without_a_language_asks_which(client, world):
    response = ask(client, "barriers=language")

    assert response.context["answer"] is None
    assert "Tell us which languages you can learn in" in response.content.decode()


def test_disability_keeps_places_with_the_needed_features_or_online(client, world):
    response = ask(client, "district=centro&barriers=disability&features=step-free")
    assert names(response) == ["Choir near", "Cooking near", "Guitar online"]

    response = ask(client, "district=centro&barriers=disability&features=hearing-loop")
    assert names(response) == ["Guitar online"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("lat=-101.2&lon=19.7", "seem swapped"),
        ("lat=40.4&lon=-3.7", "outside the city"),
        ("lat=19.7", "Give both the latitude and the longitude"),
        ("district=atlantis", "Select a valid choice"),
        ("when=midnight&barriers=weather", "Select a valid choice"),
        ("lat=abc&lon=-", "Enter a number"),
    ],
)
def test_bad_answers_are_explained_never_a_server_error(client, world, query, message):
    response = ask(client, query)

    assert response.context["answer"] is None
    assert message in response.content.decode()


def test_the_answer_makes_as_many_queries_for_many_opportunities_as_for_one(client, world):
    loop = AccessibilityFeature.objects.get(slug="hearing-loop")
    space = LearningSpaceFactory(latitude=Decimal("19.70"), longitude=Decimal("-101.20"),
                                 accessibility_features=[loop])  # fmt: skip
    music = SubjectFactory(slug="music")

    def add_rows(count):
        return [_at(space, subjects=[music], evenings=True).name for _ in range(count)]

    assert_constant_queries(
        client, f"{GUIDANCE}?subjects=music&district=centro&barriers=disability", add_rows
    )
