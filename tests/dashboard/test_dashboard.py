import pytest

from tests.stakeholders.factories import OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_dashboard_counts_verified_organisations_by_sector(client):
    arts = SectorFactory(slug="arts", name_es="Artes", name_en="Arts")
    OrganisationFactory.create_batch(2, sector=arts)
    OrganisationFactory(sector=arts, verified=False)
    response = client.get("/en/dashboard/")
    sectors = {sector.slug: sector.organisation_count for sector in response.context["sectors"]}
    assert sectors["arts"] == 2
    assert response.context["organisation_total"] == 2
    assert response.context["sectors_represented"] == 1
