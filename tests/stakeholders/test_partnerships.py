import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stakeholders.models import GoodPractice, NetworkMembership
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import (
    ExchangeFactory,
    GoodPracticeFactory,
    MinistryContactFactory,
    PartnerCityFactory,
)

pytestmark = pytest.mark.django_db


def test_partners_page_lists_partners_exchanges_and_networks(client):
    ExchangeFactory(partner__name="Hamburgo", topic="Bibliotecas abiertas")
    NetworkMembership.objects.create(network="GNLC", is_gnlc=True, status="active")
    content = client.get(reverse("stakeholders:partners")).content.decode()
    assert "Hamburgo" in content
    assert "Bibliotecas abiertas" in content
    assert "GNLC" in content


def test_partners_page_makes_a_constant_number_of_queries(client):
    def add(n):
        shown = []
        for partner in PartnerCityFactory.create_batch(n):
            exchanges = ExchangeFactory.create_batch(2, partner=partner)
            shown += [partner.name, *(exchange.topic for exchange in exchanges)]
        return shown

    assert_constant_queries(client, reverse("stakeholders:partners"), add)


def test_good_practices_are_searchable_by_text_and_action_area(client):
    GoodPracticeFactory(title="Festival en la plaza", action_areas=["celebration"])
    GoodPracticeFactory(title="Indicadores locales", action_areas=["monitoring", "planning"])
    url = reverse("stakeholders:good-practices")
    by_area = client.get(url, {"area": "monitoring"}).content.decode()
    assert "Indicadores locales" in by_area
    assert "Festival en la plaza" not in by_area
    by_text = client.get(url, {"q": "festival"}).content.decode()
    assert "Festival en la plaza" in by_text
    assert "Indicadores locales" not in by_text


def test_good_practice_library_bad_filter_is_a_form_error(client):
    response = client.get("/en/stakeholders/good-practices/", {"area": "astrology"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_good_practices_page_makes_a_constant_number_of_queries(client):
    assert_constant_queries(
        client,
        reverse("stakeholders:good-practices"),
        lambda n: [
            practice.title
            for practice in GoodPracticeFactory.create_batch(
                n, source="partner", partner=PartnerCityFactory()
            )
        ],
    )


def test_a_good_practice_needs_an_action_area_and_its_partner():
    practice = GoodPractice(title="X", summary="Y", source="partner", kind="tool", action_areas=[])
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "action_areas" in error.value.message_dict
    practice.action_areas = ["celebration", "cooking"]
    with pytest.raises(ValidationError):
        practice.full_clean()
    practice.action_areas = ["celebration"]
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "partner" in error.value.message_dict


def test_ministry_liaison_is_for_staff_only(client, client_for, alice, bob, sam):
    MinistryContactFactory(subject="Estrategia nacional")
    url = reverse("stakeholders:ministry")
    assert client.get(url).status_code == 302
    assert client_for(alice).get(url).status_code == 403
    assert client_for(bob).get(url).status_code == 403
    assert "Estrategia nacional" in client_for(sam).get(url).content.decode()


def test_ministry_liaison_makes_a_constant_number_of_queries(client_for, sam):
    assert_constant_queries(
        client_for(sam),
        reverse("stakeholders:ministry"),
        lambda n: [contact.subject for contact in MinistryContactFactory.create_batch(n)],
    )


def test_a_follow_up_date_needs_a_follow_up(sam):
    contact = MinistryContactFactory.build(follow_up_due="2026-12-01", follow_up="")
    with pytest.raises(ValidationError):
        contact.full_clean()


def test_staff_record_a_ministry_contact_in_the_admin_and_are_named_on_it(client_for, sam):
    response = client_for(sam).post(
        reverse("admin:stakeholders_ministrycontact_add"),
        {
            "ministry": "Secretaría del Trabajo",
            "person": "Lic. Pérez",
            "date": "2026-05-02",
            "subject": "Certificación de oficios",
            "strategy": "",
            "notes": "",
            "follow_up": "",
            "follow_up_due": "",
        },
    )
    assert response.status_code == 302
    from stakeholders.models import MinistryContact

    assert MinistryContact.objects.get().recorded_by == sam
