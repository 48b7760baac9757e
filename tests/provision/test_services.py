"""Every write to provision goes through provision.services: validated before it is saved,
in one transaction, and recorded with who made it."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learningcity.models import AuditEntry
from provision import services
from provision.models import LearningSpace, OpeningHours, Opportunity
from tests.conftest import TODAY
from tests.provision.factories import LearningSpaceFactory, OpeningHoursFactory, OpportunityFactory
from tests.stakeholders.factories import DistrictFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]

INSIDE = {"latitude": Decimal("19.700000"), "longitude": Decimal("-101.190000")}


def new_opportunity(**fields):
    values = {
        "name_es": "Computación básica",
        "organization": OrganisationFactory(),
        "address": "Calle Hidalgo 4",
        **fields,
    }
    return Opportunity(**values)


def test_a_new_opportunity_is_saved_with_a_slug_and_recorded_with_who_made_it(sam):
    opportunity = services.opportunity_save(opportunity=new_opportunity(**INSIDE), by=sam)

    assert opportunity.slug == "computacion-basica"
    assert opportunity.created_by == sam
    entry = AuditEntry.objects.get(action="provision.opportunity_create")
    assert (entry.actor, entry.target_id) == (sam, str(opportunity.pk))


def test_a_second_opportunity_of_the_same_name_gets_its_own_slug(sam):
    services.opportunity_save(opportunity=new_opportunity(), by=sam)
    second = services.opportunity_save(opportunity=new_opportunity(), by=sam)

    assert second.slug == "computacion-basica-2"


def test_an_edit_records_what_changed(sam):
    opportunity = OpportunityFactory(name="Antes")
    opportunity.name_es = "Después"

    services.opportunity_save(opportunity=opportunity, by=sam)

    entry = AuditEntry.objects.get(action="provision.opportunity_update")
    assert entry.changes["name"] == ["Antes", "Después"]


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("40.416775", "-3.703790", "fuera de los límites de la ciudad"),
        ("-101.190000", "19.700000", "parecen intercambiadas"),
        ("19.700000", None, "la latitud y la longitud, o ninguna"),
    ],
)
def test_a_point_outside_the_city_or_swapped_or_half_given_is_refused(
    sam, latitude, longitude, message
):
    opportunity = new_opportunity(
        latitude=Decimal(latitude), longitude=Decimal(longitude) if longitude else None
    )

    with pytest.raises(ValidationError) as error:
        services.opportunity_save(opportunity=opportunity, by=sam)

    assert message in str(error.value.message_dict["latitude"])
    assert not Opportunity.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_space_outside_the_city_is_refused(sam):
    space = LearningSpace(name_es="Biblioteca", address="Calle 1", latitude=Decimal("19.9"),
                          longitude=Decimal("-101.19"))  # fmt: skip

    with pytest.raises(ValidationError):
        services.space_save(space=space, by=sam)

    assert not LearningSpace.objects.exists()


def test_an_opportunity_cannot_end_before_it_starts(sam):
    opportunity = new_opportunity(starts_on=TODAY.date(), ends_on=TODAY.date() - timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        services.opportunity_save(opportunity=opportunity, by=sam)

    assert "ends_on" in error.value.message_dict
    assert not Opportunity.objects.exists()


def test_recognition_available_needs_to_say_which(sam):
    with pytest.raises(ValidationError) as error:
        services.opportunity_save(opportunity=new_opportunity(recognition_available=True), by=sam)

    assert "recognition" in error.value.message_dict


def test_an_online_opportunity_needs_its_link_and_an_in_person_one_a_place(sam):
    with pytest.raises(ValidationError) as online:
        services.opportunity_save(
            opportunity=new_opportunity(format=Opportunity.Format.ONLINE, address=""), by=sam
        )
    with pytest.raises(ValidationError) as in_person:
        services.opportunity_save(opportunity=new_opportunity(address=""), by=sam)

    assert "url" in online.value.message_dict
    assert "location" in in_person.value.message_dict


def test_an_opportunity_in_a_space_takes_its_point_and_district_and_moves_with_it(sam):
    north, south = DistrictFactory(), DistrictFactory()
    space = LearningSpaceFactory(district=north, **INSIDE)
    opportunity = services.opportunity_save(
        opportunity=new_opportunity(location=space, address=""), by=sam
    )
    assert (opportunity.latitude, opportunity.district) == (INSIDE["latitude"], north)

    space.latitude, space.district = Decimal("19.650000"), south
    services.space_save(space=space, by=sam)

    opportunity.refresh_from_db()
    assert (opportunity.latitude, opportunity.district) == (Decimal("19.650000"), south)


def test_opening_hours_are_replaced_as_a_whole(sam):
    space = LearningSpaceFactory()
    OpeningHoursFactory(space=space)

    services.opening_hours_set(
        space=space, hours=[(2, time(10), time(13)), (4, time(16), time(19))], by=sam
    )

    assert [str(row) for row in space.opening_hours.all()] == ["martes 10:00–13:00",
                                                              "jueves 16:00–19:00"]  # fmt: skip
    assert AuditEntry.objects.filter(action="provision.opening_hours_set").exists()


def test_hours_closing_before_they_open_are_refused_and_the_old_ones_kept(sam):
    space = LearningSpaceFactory()
    OpeningHoursFactory(space=space)

    with pytest.raises(ValidationError):
        services.opening_hours_set(space=space, hours=[(1, time(14), time(9))], by=sam)

    assert OpeningHours.objects.filter(space=space).count() == 1
