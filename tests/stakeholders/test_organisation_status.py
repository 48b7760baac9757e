"""What staff and members read about an organisation's verification."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.stakeholders.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected():
    return OrganisationFactory(
        name="Academia Fantasma",
        verified=False,
        rejected_at=timezone.make_aware(datetime(2026, 3, 4, 12)),
        rejection_reason="No encontramos la dirección.",
    )


def test_staff_see_a_rejected_organisation_as_rejected_with_its_date_and_reason(
    client_for, sam, rejected
):
    client = client_for(sam)
    directory = client.get(reverse("stakeholders:index")).content.decode()
    detail = client.get(rejected.get_absolute_url()).content.decode()
    for page in (directory, detail):
        assert "Rechazada el 4 de marzo de 2026: No encontramos la dirección." in page
        assert "En espera de verificación" not in page


def test_its_admin_reads_the_rejection_on_their_account_page(client_for, rejected):
    admin = MembershipFactory(organisation=rejected, role="admin").user
    page = client_for(admin).get(reverse("account_profile")).content.decode()
    assert "Rechazada el 4 de marzo de 2026: No encontramos la dirección." in page


def test_an_organisation_waiting_for_staff_still_says_so(client_for, sam):
    OrganisationFactory(name="Academia Nueva", verified=False)
    page = client_for(sam).get(reverse("stakeholders:index")).content.decode()
    assert "En espera de verificación" in page
