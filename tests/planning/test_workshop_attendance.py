"""Staff take a workshop's attendance on a phone (which organisations came and how many people);
its materials, documents or links, are attached afterwards for everyone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learningcity.models import AuditEntry
from planning.models import WorkshopParticipation
from tests.planning.factories import WorkshopFactory, WorkshopParticipationFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def workshop():
    """Under way: it started an hour ago, two organisations hold places, one waits."""
    item = WorkshopFactory(starts_at=timezone.now() - timedelta(hours=1), capacity=2)
    for name in ["Biblioteca del Norte", "Casa de la Cultura"]:
        WorkshopParticipationFactory(
            workshop=item, organisation=OrganisationFactory(name=name), attended=False
        )
    WorkshopParticipationFactory(
        workshop=item,
        organisation=OrganisationFactory(name="Radio Comunitaria"),
        attended=False,
        status=WorkshopParticipation.Status.WAITLISTED,
    )
    return item


def places(workshop):
    return {
        p.organisation.name: p
        for p in workshop.participations.select_related("organisation").filter(status="confirmed")
    }


def url(workshop):
    return reverse("planning:workshop-attendance", args=[workshop.pk])


def test_staff_tick_who_came_and_how_many(client_for, sam, workshop):
    page = client_for(sam).get(url(workshop))
    assert [p.organisation.name for p in page.context["participations"]] == [
        "Biblioteca del Norte",
        "Casa de la Cultura",
    ]
    library, house = places(workshop).values()
    response = client_for(sam).post(
        url(workshop),
        {"attended": [library.pk], f"people-{library.pk}": "3", f"people-{house.pk}": "2"},
    )
    assert response.status_code == 302
    library, house = places(workshop).values()
    assert (library.attended, library.people) == (True, 3)
    assert (house.attended, house.people) == (False, 0)
    assert AuditEntry.objects.filter(action="planning.workshop_attendance").exists()


@pytest.mark.parametrize("people", ["0", "", "100", "tres", "-1"])
def test_a_bad_number_of_people_is_refused_and_the_input_is_kept(client_for, sam, workshop, people):
    library, house = places(workshop).values()
    response = client_for(sam).post(
        url(workshop), {"attended": [library.pk, house.pk], f"people-{library.pk}": people}
    )
    assert response.status_code == 400
    assert response.context["errors"]
    assert not WorkshopParticipation.objects.filter(attended=True).exists()
    assert f'id="attended-{house.pk}" checked' in response.content.decode()


def test_attendance_waits_for_the_day_of_the_workshop(client_for, sam):
    later = WorkshopFactory(starts_at=timezone.now() + timedelta(days=2))
    participation = WorkshopParticipationFactory(workshop=later, attended=False)
    response = client_for(sam).post(
        url(later), {"attended": [participation.pk], f"people-{participation.pk}": "2"}
    )
    assert response.status_code == 400
    participation.refresh_from_db()
    assert not participation.attended


def test_only_staff_take_attendance(client, client_for, alice, bob, workshop):
    assert client.get(url(workshop)).status_code == 302
    for person in (alice, bob):
        assert client_for(person).get(url(workshop)).status_code == 403
        assert client_for(person).post(url(workshop), {}).status_code == 403


def test_the_page_makes_as_many_queries_whatever_the_number_of_organisations(
    client_for, sam, workshop
):
    def add(count):
        return [
            WorkshopParticipationFactory(workshop=workshop, attended=False).organisation.name
            for _ in range(count)
        ]

    assert_constant_queries(client_for(sam), url(workshop), add)


def test_materials_are_a_document_or_a_link_and_everyone_reads_them(client, workshop):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from planning.models import WorkshopMaterial

    for bad in [
        WorkshopMaterial(workshop=workshop, title_es="Nada"),
        WorkshopMaterial(
            workshop=workshop,
            title_es="Las dos",
            url="https://example.org/a.pdf",
            document=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
        ),
        WorkshopMaterial(
            workshop=workshop,
            title_es="Una página",
            document=SimpleUploadedFile("guia.pdf", b"<html><script>x</script></html>"),
        ),
    ]:
        with pytest.raises(ValidationError):
            bad.full_clean()
    link = WorkshopMaterial(
        workshop=workshop, title_es="Guía de trabajo", url="https://example.org/guia.pdf"
    )
    link.full_clean()
    link.save()
    page = client.get(reverse("planning:workshops")).content.decode()
    assert 'href="https://example.org/guia.pdf"' in page and "Guía de trabajo" in page


def test_the_workshops_page_lists_materials_in_as_many_queries_whatever_their_number(
    client, workshop
):
    from planning.models import WorkshopMaterial

    def add(count):
        return [
            WorkshopMaterial.objects.create(
                workshop=WorkshopFactory(starts_at=timezone.now() - timedelta(days=n + 1)),
                title_es=f"Material {n}",
                url=f"https://example.org/{n}.pdf",
            ).title
            for n in range(count)
        ]

    assert_constant_queries(client, reverse("planning:workshops"), add)
