"""/open-data/: every public dataset with its formats, licence and last update; the DCAT
catalogue parsed back as RDF; downloads streamed, answered 304 when unchanged, and never holding
what the public may not see."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
import rdflib
from django.test import Client
from django.utils import timezone
from rdflib.namespace import DCAT, DCTERMS, RDF

from dashboard.models import ProgressReport
from funding.models import FundingSource
from learningcity.models import CityProfile
from monitoring.models import Period
from provision.models import ARRANGEMENTS, Published
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.funding.factories import BudgetLineFactory, ContributionFactory
from tests.monitoring.factories import IndicatorFactory, PeriodFactory, approved_value
from tests.planning.factories import ActionFactory, ActionPlanFactory
from tests.provision.factories import LearningSpaceFactory, OpportunityFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def city_data():
    """Something public in every area, and beside it what the public may not see."""
    OrganisationFactory(name="Biblioteca Central", slug="biblioteca-central")
    OrganisationFactory(name="=HYPERLINK(1)", slug="formula")
    OrganisationFactory(name="Sin verificar", slug="sin-verificar", verified=False)
    plan = ActionPlanFactory(status="adopted")
    ActionFactory(objective__plan=plan, title="Abrir bibliotecas de noche")
    ActionFactory(objective__plan=ActionPlanFactory(status="draft"), title="Acción en borrador")
    space = LearningSpaceFactory(name="Casa de Cultura", slug="casa-de-cultura")
    LearningSpaceFactory(name="Espacio en borrador", status=Published.DRAFT)
    OpportunityFactory(name="Coro comunitario", slug="coro", location=space)
    OpportunityFactory(name="Curso en borrador", slug="borrador", status=Published.DRAFT)
    OpportunityFactory(
        name="Curso terminado",
        slug="terminado",
        starts_on=TODAY.date() - timedelta(days=90),
        ends_on=TODAY.date() - timedelta(days=1),
    )
    EventFactory(title="Festival del Aprendizaje", slug="festival")
    EventFactory(title="Evento en borrador", slug="borrador", status="draft")
    indicator = IndicatorFactory(name_es="Adultos en cursos", goals={2026: 200})
    approved_value(indicator, 2025, 150)
    PeriodFactory(indicator=indicator, start=date(2026, 1, 1), status=Period.Status.SUBMITTED)
    BudgetLineFactory(year=2026, amount=Decimal("1000.00"))
    ContributionFactory(
        year=2026,
        amount=Decimal("700.00"),
        source__kind=FundingSource.Kind.PHILANTHROPIST,
        source__name="Doña Discreta",
        source__anonymous=True,
    )


def catalogue(client):
    response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return rdflib.Graph().parse(data=response.content, format="json-ld")


def body(response):
    return b"".join(response.streaming_content).decode()


def test_the_page_lists_every_dataset_with_its_formats_licence_and_last_update(client, city_data):
    page = client.get("/en/open-data/").content.decode()

    for title in [
        "Organisations of the learning city",
        "The action plan in force",
        "Learning opportunities",
        "Community learning spaces",
        "Learning festivals, conferences and events",
        "Indicators and their approved values",
        "Money for the programme by type of source",
        "Money needed and secured, by year",
    ]:
        assert title in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in page
    assert 'href="/open-data/organisations.csv"' in page
    assert 'href="/api/provision/opportunities.geojson"' in page
    assert "Last updated:" in page


def test_the_licence_is_the_citys_choice(client, city_data):
    city = CityProfile.objects.current()
    city.data_licence = "CC0-1.0"
    city.save()

    graph = catalogue(client)

    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {rdflib.URIRef("https://creativecommons.org/publicdomain/zero/1.0/")}


def test_the_catalogue_has_one_dcat_dataset_per_dataset_and_every_download_answers(
    client, city_data
):
    graph = catalogue(client)

    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 8
    assert len(set(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.title)
        assert graph.value(dataset, DCTERMS.modified) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions
        for distribution in distributions:
            assert graph.value(distribution, DCAT.mediaType)
            url = str(graph.value(distribution, DCAT.downloadURL))
            assert url.startswith("http://testserver/")
            response = Client().get(url.removeprefix("http://testserver"))
            assert response.status_code == 200, url


def test_a_published_report_is_a_dataset_of_its_own(client, city_data, published_report):
    published_report()

    graph = catalogue(client)

    titles = {str(title) for title in graph.objects(None, DCTERMS.title)}
    assert "Informe bienal" in titles
    formats = {str(value) for value in graph.objects(None, DCAT.mediaType)}
    assert "application/pdf" in formats


def test_downloads_hold_only_what_the_public_may_see(client, city_data):
    everything = ""
    for key in [
        "organisations",
        "plan",
        "learning-opportunities",
        "learning-spaces",
        "indicators",
        "funding-by-source",
        "funding-needs",
    ]:
        for form in ["csv", "json"]:
            response = client.get(f"/open-data/{key}.{form}")
            assert response.status_code == 200
            assert response.streaming
            everything += body(response)
    everything += client.get("/events/feed.ics").content.decode()

    for shown in ["Biblioteca Central", "Abrir bibliotecas de noche", "Coro comunitario",
                  "Casa de Cultura", "Adultos en cursos", "Festival del Aprendizaje"]:  # fmt: skip
        assert shown in everything
    for hidden in ["Sin verificar", "Acción en borrador", "Curso en borrador", "Curso terminado",
                   "Espacio en borrador", "Evento en borrador", "Doña Discreta"]:  # fmt: skip
        assert hidden not in everything


def test_the_provision_datasets_say_which_flexible_arrangements_are_offered(client):
    space = LearningSpaceFactory(name="Casa de Cultura", childcare=True, interpreters=False)
    OpportunityFactory(name="Coro", location=space, easy_read=True, outreach=True)

    (opportunity,) = json.loads(body(client.get("/open-data/learning-opportunities.json")))
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/learning-spaces.csv")))))

    assert {name: opportunity[name] for name in ARRANGEMENTS} == {
        "childcare": False,
        "interpreters": False,
        "easy_read": True,
        "outreach": True,
    }
    assert [(row["name"], row["childcare"], row["interpreters"]) for row in rows] == [
        ("Casa de Cultura", "True", "False")
    ]


def test_a_csv_neutralises_formulas_and_keeps_numbers(client, city_data):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/organisations.csv")))))
    names = {row["\ufeffslug"]: row["name"] for row in rows}
    assert names["formula"] == "'=HYPERLINK(1)"
    funding = list(csv.DictReader(io.StringIO(body(client.get("/open-data/funding-needs.csv")))))
    assert funding[0]["\ufeffyear"] == "2026"
    assert funding[0]["gap"] == "300.00"
    values = json.loads(body(client.get("/open-data/indicators.json")))
    assert [(row["period"], row["value"]) for row in values] == [("2025", "150")]


def test_an_unchanged_dataset_is_answered_304_and_a_change_gives_a_new_etag(client, city_data):
    first = client.get("/open-data/learning-opportunities.csv")
    etag, modified = first["ETag"], first["Last-Modified"]

    assert (
        client.get(
            "/open-data/learning-opportunities.csv", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    assert (
        client.get(
            "/open-data/learning-opportunities.csv", headers={"If-Modified-Since": modified}
        ).status_code
        == 304
    )

    OpportunityFactory(name="Nuevo curso", updated_at=timezone.now() + timedelta(minutes=5))
    changed = client.get("/open-data/learning-opportunities.csv", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Nuevo curso" in body(changed)


def test_the_events_feed_answers_304_when_no_event_changed(client, city_data):
    first = client.get("/events/feed.ics")
    again = client.get("/events/feed.ics", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_unknown_datasets_and_formats_are_not_found(client, city_data):
    assert client.get("/open-data/nothing.csv").status_code == 404
    assert client.get("/open-data/organisations.xml").status_code == 404
    # The events are published by their own feed, not streamed here.
    assert client.get("/open-data/events.csv").status_code == 404


@pytest.mark.parametrize("url", ["/en/open-data/", "/open-data/catalog.jsonld"])
def test_the_page_and_the_catalogue_make_the_same_queries_for_more_reports_and_rows(
    client, city_data, url
):
    def add(n):
        titles = []
        for number in range(n):
            OrganisationFactory()
            OpportunityFactory()
            report = ProgressReport.objects.create(
                title=f"Informe {number}",
                scope="council",
                language="es",
                period_start=date(2025, 1, 1),
                period_end=date(2025, 12, 31),
                status=ProgressReport.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            titles.append(report.title)
        return titles

    assert_constant_queries(client, url, add)


def test_every_download_in_the_catalogue_answers_a_repeated_request_with_304(
    client, city_data, published_report
):
    published_report()

    urls = {str(url) for url in catalogue(client).objects(None, DCAT.downloadURL)}
    assert len(urls) == 20  # 17 of the areas, 3 of the published report
    for url in urls:
        path = url.removeprefix("http://testserver")
        first = Client().get(path)
        # As a harvester asks: by the date when the file gives one, else by its ETag. (An empty
        # Atom feed says it was updated now, so its ETag changes with every request.)
        if first.has_header("Last-Modified"):
            validators = {"If-Modified-Since": first["Last-Modified"]}
        else:
            assert first.has_header("ETag"), f"{path} has neither ETag nor Last-Modified"
            validators = {"If-None-Match": first["ETag"]}
        assert Client().get(path, headers=validators).status_code == 304, path
