"""The stakeholders' texts in both languages: an organisation describes itself in Spanish and
English, readers find organisations and good practices by words in either, and the admin edits
both."""

import re

import pytest
from django.urls import reverse

from stakeholders.models import GoodPractice
from tests.stakeholders.factories import (
    CommitteeDecisionFactory,
    GoodPracticeFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def main(response):
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group()


def test_an_organisation_admin_describes_it_in_both_languages(client_for, bob, organisation):
    url = reverse("stakeholders:organisation-edit", args=[organisation.slug])
    form = client_for(bob).get(url).content.decode()
    assert 'name="description_es"' in form and 'name="description_en"' in form
    response = client_for(bob).post(
        url,
        {
            "name": organisation.name,
            "sector": organisation.sector_id,
            "kind": "library",
            "description_es": "Préstamo de libros.",
            "description_en": "Book loans.",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.description_es, organisation.description_en) == (
        "Préstamo de libros.",
        "Book loans.",
    )


def test_a_too_long_english_description_is_a_form_error(client_for, bob, organisation):
    response = client_for(bob).post(
        reverse("stakeholders:organisation-edit", args=[organisation.slug]),
        {
            "name": organisation.name,
            "sector": organisation.sector_id,
            "kind": "library",
            "description_es": "Préstamo de libros.",
            "description_en": "x" * 100_000,
        },
    )
    assert response.status_code == 200
    assert "description_en" in response.context["form"].errors


def test_the_english_organisation_page_marks_a_spanish_description(client):
    organisation = OrganisationFactory(
        name="Museo del Agua", slug="museo", description="Visitas guiadas.", verified=True
    )
    url = reverse("stakeholders:organisation", args=[organisation.slug])
    assert '<div lang="es"><p>Visitas guiadas.</p></div>' in main(client.get("/en" + url))
    organisation.description_en = "Guided tours."
    organisation.save()
    page = main(client.get("/en" + url))
    assert "<p>Guided tours.</p>" in page
    assert 'lang="es"' not in page


def test_the_directory_finds_an_organisation_by_english_words(client):
    OrganisationFactory(name="Museo del Agua", description="Visitas guiadas.", verified=True)
    library = OrganisationFactory(name="Biblioteca Norte", description="Préstamo.", verified=True)
    library.description_en = "Book loans and reading clubs."
    library.save()
    page = main(client.get("/en" + reverse("stakeholders:index"), {"q": "reading"}))
    assert "Biblioteca Norte" in page
    assert "Museo del Agua" not in page


def test_good_practices_are_found_by_english_and_spanish_words(client):
    festival = GoodPracticeFactory(title="Festival en las plazas")
    festival.title_en = "Festival in the squares"
    festival.save()
    GoodPracticeFactory(title="Guía del plan")
    url = "/en" + reverse("stakeholders:good-practices")
    assert "Festival in the squares" in main(client.get(url, {"q": "squares"}))
    assert "Guía del plan" not in main(client.get(url, {"q": "squares"}))
    assert "Guía del plan" in main(client.get(url, {"q": "guía"}))
    assert GoodPractice.objects.count() == 2


def test_a_committee_decision_without_english_is_marked_spanish(client):
    CommitteeDecisionFactory(text="Consultar a todos los sectores.")
    page = main(client.get("/en" + reverse("stakeholders:committee")))
    assert '<span lang="es">Consultar a todos los sectores.</span>' in page


def test_the_admin_edits_a_good_practice_in_both_languages(client_for, sam):
    practice = GoodPracticeFactory(title="Festival en las plazas")
    page = client_for(sam).get(
        reverse("admin:stakeholders_goodpractice_change", args=[practice.pk])
    )
    fields = page.context["adminform"].form.fields
    assert {"title_es", "title_en", "summary_es", "summary_en"} <= set(fields)
    assert "title" not in fields


def test_good_practices_are_ordered_by_the_title_each_reader_sees(client):
    zebra = GoodPracticeFactory(title="Zonas de lectura")
    zebra.title_en = "Reading zones"
    zebra.save()
    GoodPracticeFactory(title="Mapa del aprendizaje")
    apple = GoodPracticeFactory(title="Árboles frutales")
    apple.title_en = "Apple trees"
    apple.save()
    url = reverse("stakeholders:good-practices")
    english = main(client.get("/en" + url))
    assert english.index("Apple trees") < english.index("Mapa del aprendizaje")
    assert english.index("Mapa del aprendizaje") < english.index("Reading zones")
    spanish = main(client.get(url))
    assert spanish.index("Mapa del aprendizaje") < spanish.index("Zonas de lectura")


def test_a_description_written_only_in_english_shows_to_spanish_readers_marked_english(client):
    organisation = OrganisationFactory(name="Museo del Agua", slug="museo", verified=True)
    organisation.description_en = "Guided tours."
    organisation.save()
    url = reverse("stakeholders:organisation", args=[organisation.slug])
    assert '<div lang="en"><p>Guided tours.</p></div>' in main(client.get(url))
