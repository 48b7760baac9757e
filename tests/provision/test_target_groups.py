"""Support for marginalised groups: opportunities and spaces say which flexible arrangements
they offer (childcare, interpreters, easy-read materials, outreach), people search by them, and
each target group has a page with what is especially for it and the gaps, where its people wait
for an answer and nothing is there for them."""

import json
import re

import pytest
from django.utils import translation

from provision import selectors, services
from provision.forms import OpportunityForm
from provision.models import Opportunity, Published
from tests.provision.factories import (
    LearningNeedFactory,
    LearningSpaceFactory,
    OpportunityFactory,
    SubjectFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]


@pytest.fixture
def migrants(db):
    return TargetGroupFactory(slug="migrants", name_es="Migrantes", name_en="Migrants")


@pytest.fixture
def norte(db):
    return DistrictFactory(slug="norte", name_es="Norte", name_en="North")


def test_a_district_with_open_needs_of_the_group_and_nothing_for_it_is_a_gap(migrants, norte):
    sur, centro, oeste, este = (
        DistrictFactory(slug=slug) for slug in ["sur", "centro", "oeste", "este"]
    )
    LearningNeedFactory.create_batch(2, district=norte, target_groups=[migrants])
    # Sur has something for the group; Centro's need was answered; Oeste's is of another
    # group; Este only has a draft and an ended opportunity for the group.
    LearningNeedFactory(district=sur, target_groups=[migrants])
    OpportunityFactory(district=sur, target_groups=[migrants])
    LearningNeedFactory(district=centro, target_groups=[migrants], status="answered", response="Sí")
    LearningNeedFactory(district=oeste, target_groups=[TargetGroupFactory()])
    LearningNeedFactory(district=este, target_groups=[migrants])
    OpportunityFactory(district=este, target_groups=[migrants], status=Published.DRAFT)
    OpportunityFactory(
        district=este, target_groups=[migrants], starts_on="2026-01-01", ends_on="2026-02-01"
    )

    gaps = list(selectors.target_group_gaps(migrants))

    assert [(district.slug, district.open_needs) for district in gaps] == [
        ("norte", 2),
        ("este", 1),
    ]


def test_the_group_page_lists_what_is_for_it_where_and_the_gaps(client, migrants, norte):
    space = LearningSpaceFactory(name="Casa del Migrante")
    OpportunityFactory(name="Español para el trabajo", location=space, target_groups=[migrants])
    OpportunityFactory(name="Borrador", status=Published.DRAFT, target_groups=[migrants])
    OpportunityFactory(name="Para todos")
    LearningNeedFactory(
        district=norte, target_groups=[migrants], name="Ana Pérez", email="ana@example.org"
    )

    page = client.get("/en/provision/for/migrants/").content.decode()

    assert "Español para el trabajo" in page and "Casa del Migrante" in page
    assert "Borrador" not in page and "Para todos" not in page
    assert "North: 1 open learning need" in page
    assert "Ana Pérez" not in page and "ana@example.org" not in page


def test_the_index_lists_every_group_with_its_offer_and_its_waiting_needs(client, migrants):
    OpportunityFactory(target_groups=[migrants])
    LearningNeedFactory(target_groups=[migrants])

    page = client.get("/en/provision/for/").content.decode()

    assert 'href="/en/provision/for/migrants/"' in page
    assert "1 learning opportunity especially for this group · 1 learning need waiting" in page


def test_an_unknown_group_is_not_found(client, db):
    assert client.get("/en/provision/for/nobody/").status_code == 404


def test_the_group_page_makes_as_many_queries_for_many_opportunities_and_gaps_as_for_one(
    client, migrants
):
    def add_rows(count):
        names = []
        for _ in range(count):
            space = LearningSpaceFactory(district=DistrictFactory())
            opportunity = OpportunityFactory(
                location=space, target_groups=[migrants], subjects=[SubjectFactory()]
            )
            gap = DistrictFactory()
            LearningNeedFactory(district=gap, target_groups=[migrants])
            names += [opportunity.name, space.name, gap.name_en]
        return names

    assert_constant_queries(client, "/en/provision/for/migrants/", add_rows)


def test_the_index_makes_as_many_queries_for_many_groups_as_for_one(client, db):
    def add_rows(count):
        return [TargetGroupFactory().name_en for _ in range(count)]

    assert_constant_queries(client, "/en/provision/for/", add_rows)


def test_people_find_opportunities_with_the_support_they_need(client):
    OpportunityFactory(name="Con guardería", childcare=True, interpreters=True)
    OpportunityFactory(name="Solo intérpretes", interpreters=True)
    OpportunityFactory(name="Sin apoyos")

    page = client.get("/en/provision/?support=childcare&support=interpreters").content.decode()

    assert "Con guardería" in page
    assert "Solo intérpretes" not in page and "Sin apoyos" not in page


def test_an_unknown_support_is_refused_without_an_error(client):
    assert client.get("/en/provision/?support=magic").status_code == 200


def test_the_opportunity_and_space_pages_say_which_support_they_offer(client):
    space = LearningSpaceFactory(easy_read=True, childcare=True)
    course = OpportunityFactory(location=space, outreach=True, interpreters=True)

    course_page = client.get(f"/en/provision/opportunities/{course.slug}/").content.decode()
    space_page = client.get(f"/en/provision/spaces/{space.slug}/").content.decode()

    assert "Support offered" in course_page
    assert "Mobile or outreach" in course_page and "Interpreters" in course_page
    assert "Easy-read materials" in space_page and "Childcare" in space_page
    data = json.loads(re.search(r"application/ld\+json\">(.*?)</script>", space_page).group(1))
    assert {"@type": "LocationFeatureSpecification", "name": "childcare", "value": True} in (
        data["amenityFeature"]
    )


def test_the_organisation_s_form_saves_the_flexible_arrangements(organisation, sam):
    form = OpportunityForm(
        data={
            "name_es": "Taller",
            "status": "published",
            "format": "in_person",
            "address": "Calle 1",
            "is_free": "on",
            "childcare": "on",
            "easy_read": "on",
        },
        organisation=organisation,
    )
    assert form.is_valid(), form.errors
    opportunity = form.save(commit=False)
    opportunity.organization = organisation
    services.opportunity_save(opportunity=opportunity, by=sam)

    saved = Opportunity.objects.get()
    assert (saved.childcare, saved.easy_read, saved.interpreters, saved.outreach) == (
        True, True, False, False,
    )  # fmt: skip
    with translation.override("en"):
        assert [str(label) for label in saved.flexible_arrangements] == [
            "childcare", "easy-read materials",
        ]  # fmt: skip
