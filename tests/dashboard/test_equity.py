"""Equity by district on the dashboard: per district, opportunities and spaces on offer, event
places taken and money allocated, per inhabitant, as a table and a map drawn from the districts'
boundaries."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dashboard import figures
from dashboard.models import ProgressReport
from dashboard.pdf import render_pdf
from dashboard.report_content import report_context
from learningcity.models import CityProfile
from provision.models import LearningNeed, Published
from provision.recognition_models import Credential
from tests.conftest import TODAY
from tests.events.factories import EventFactory, RegistrationFactory
from tests.funding.factories import AllocationFactory
from tests.provision.factories import (
    LearningNeedFactory,
    LearningSpaceFactory,
    OpportunityFactory,
    RecognitionApplicationFactory,
)
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


def box(west, south, east, north):
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


@pytest.fixture
def districts():
    city = CityProfile.objects.current()
    city.currency = "MXN"
    city.save()
    north = DistrictFactory(
        slug="norte", name_es="Norte", name_en="North", population=20_000,
        boundary=box(-101.22, 19.72, -101.16, 19.76),
    )  # fmt: skip
    south = DistrictFactory(
        slug="sur", name_es="Sur", name_en="South", population=40_000,
        boundary=box(-101.22, 19.64, -101.16, 19.68),
    )  # fmt: skip
    DistrictFactory(slug="sin-mapa", name_es="Sin mapa", name_en="No map")
    return north, south


def row_of(page, name):
    """The district's row of the equity table (other charts' tables name districts too)."""
    start = page.index(f'<th scope="row">{name}', page.index('id="equity"'))
    return page[start : page.index("</tr>", start)]


def test_each_district_shows_its_offer_participation_and_money_per_inhabitant(client, districts):
    north, south = districts
    OpportunityFactory.create_batch(3, district=north)
    OpportunityFactory(district=south, status=Published.DRAFT)
    LearningSpaceFactory(district=north)
    event = EventFactory(district=south, starts_at=TODAY - timedelta(days=30))
    RegistrationFactory.create_batch(2, event=event)
    AllocationFactory(
        district=north, amount=Decimal("500.00"), contribution__year=TODAY.year,
        contribution__currency="MXN",
    )  # fmt: skip

    page = client.get("/en/dashboard/").content.decode()

    assert "Equity by district" in page
    norte = row_of(page, "North")
    assert 'data-label="Learning opportunities">3<' in norte
    assert 'data-label="Per 10,000 inhabitants">1.5<' in norte
    assert 'data-label="Learning spaces">1<' in norte
    assert 'data-label="Money allocated">500<' in norte
    assert 'data-label="Per inhabitant">0.03<' in norte
    sur = row_of(page, "South")
    assert 'data-label="Learning opportunities">0<' in sur
    assert 'data-label="Event places taken">2<' in sur
    assert 'data-label="Per 10,000 inhabitants">—<' in row_of(page, "No map")


def test_the_map_draws_the_districts_with_a_boundary_darker_where_there_is_more(client, districts):
    north, _south = districts
    OpportunityFactory.create_batch(2, district=north)

    page = client.get("/en/dashboard/").content.decode()

    assert "Learning opportunities per 10,000 inhabitants, by district" in page
    assert "<title>North: 1.0</title>" in page
    assert "<title>South: 0.0</title>" in page
    assert "No map:" not in page
    north_path = page[page.index("<title>North: 1.0") - 200 : page.index("<title>North: 1.0")]
    assert 'fill="#1e3a8a"' in north_path


def test_equity_reads_in_a_constant_number_of_queries(client, districts, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    def add(n):
        added = []
        for number in range(n):
            district = DistrictFactory(population=1000 + number)
            OpportunityFactory(district=district)
            LearningSpaceFactory(district=district)
            EventFactory(district=district, starts_at=TODAY - timedelta(days=3))
            added.append(district.name)
        return added

    assert_constant_queries(client, "/dashboard/", add)


def test_the_provision_section_counts_the_public_offer_by_target_group_and_district(
    client, districts
):
    north, _south = districts
    migrants = TargetGroupFactory(slug="migrantes", name_es="Migrantes", name_en="Migrants")
    OpportunityFactory(district=north, target_groups=[migrants], is_free=True)
    OpportunityFactory(district=north, is_free=False)
    OpportunityFactory(target_groups=[migrants], status=Published.DRAFT)
    LearningSpaceFactory(district=north)

    page = client.get("/en/dashboard/").content.decode()

    assert "Accessibility: learning on offer" in page
    assert "<strong>2</strong> learning opportunities open to the public" in page
    assert "<strong>50 %</strong> of them free of charge" in page
    chart = page[page.index('aria-labelledby="dashboard-opportunities-by-group-title"') :]
    assert '<tr><th scope="row">Migrants</th><td class="number">1</td></tr>' in chart


def test_learning_needs_show_by_district_and_answered_in_the_provision_section(client, districts):
    north, south = districts
    LearningNeedFactory.create_batch(3, district=north)
    LearningNeedFactory(district=north, status=LearningNeed.Status.ANSWERED)
    LearningNeedFactory(district=south, status=LearningNeed.Status.ANSWERED)

    page = client.get("/en/dashboard/").content.decode()

    assert "<strong>5</strong> learning needs told by citizens" in page
    assert "<strong>40 %</strong> of them answered" in page
    north_row = row_of(page, "North")
    assert 'data-label="Learning needs told">4<' in north_row
    assert 'data-label="Not answered yet">3<' in north_row
    assert 'data-label="Not answered yet">0<' in row_of(page, "South")


def test_credentials_issued_and_in_force_show_in_the_provision_section_and_its_figures(
    client, districts
):
    LearningSpaceFactory()
    for withdrawn in (False, False, True):
        application = RecognitionApplicationFactory(status="accepted")
        Credential.objects.create(
            application=application, holder_name="Ana", title="Mediación", provider_name="B",
            withdrawn_at=timezone.now() if withdrawn else None,
        )  # fmt: skip
    RecognitionApplicationFactory()  # waiting: no credential

    page = client.get("/en/dashboard/").content.decode()

    assert "<strong>2</strong> credentials recognising non-formal learning in force" in page
    assert "(3 issued)" in page
    assert figures.provision_figures()["credentials"] == {"issued": 3, "in_force": 2}


def test_without_published_provision_the_section_is_left_out(client, districts):
    OpportunityFactory(status=Published.DRAFT)

    assert 'id="provision"' not in client.get("/en/dashboard/").content.decode()


def test_a_report_keeps_the_equity_of_its_period_frozen_and_prints_it(districts):
    north, south = districts
    OpportunityFactory.create_batch(2, district=north)
    held = EventFactory(district=south, starts_at=TODAY - timedelta(days=40))
    RegistrationFactory.create_batch(3, event=held)
    before = EventFactory(district=south, starts_at=TODAY - timedelta(days=200))
    RegistrationFactory.create_batch(5, event=before)
    report = ProgressReport(
        pk=1,
        title="Informe",
        scope=ProgressReport.Scope.GNLC,
        language="en",
        period_start=TODAY.date() - timedelta(days=90),
        period_end=TODAY.date(),
    )

    snapshot = json.loads(json.dumps(figures.collect(report)))  # as the report keeps it
    OpportunityFactory.create_batch(4, district=north)

    equity = report_context(report, snapshot)["equity"]
    rows = {str(row["name"]): row for row in equity["rows"]}
    assert rows["North"]["opportunities"] == 2  # frozen: the later four are not in it
    assert rows["North"]["opportunities_per"] == Decimal("1.0")
    assert rows["South"]["places"] == 3  # only the event within the report's period
    assert (equity["start"], equity["end"]) == (report.period_start, report.period_end)
    exported = {(item, measure): value for _s, item, measure, value in figures.rows(snapshot, "en")}
    assert exported[("North", "opportunities_per")] == "1.0"
    assert exported[("South", "places")] == 3
    assert "<title>North: 1.0</title>" in str(
        render_to_string("dashboard/_equity.html", {"equity": equity})
    )
    with translation.override("en"):
        text = "".join(
            page.extract_text()
            for page in pypdf.PdfReader(io.BytesIO(render_pdf(report, snapshot))).pages
        )
    assert "Equity by district" in text
    assert "North" in text and "South" in text
