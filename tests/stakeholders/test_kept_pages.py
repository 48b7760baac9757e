"""The directory and the committee are kept rendered for the public (learningcity.kept): a second
request reads nothing of their rows, and any change of what they show is there at once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils.http import urlencode

from learningcity.models import Sector
from stakeholders import services
from tests.conftest import TODAY
from tests.events.factories import EventFactory
from tests.provision.factories import OpportunityFactory
from tests.queries import count_queries
from tests.stakeholders.factories import (
    CommitteeDecisionFactory,
    CommitteeTermFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.stakeholders.forum.factories import CategoryFactory, start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

DIRECTORY = reverse("stakeholders:index")
COMMITTEE = reverse("stakeholders:committee")


@pytest.fixture(autouse=True)
def keeping(kept):
    """Every test here reads the pages as the public does, kept."""


def page(client, url, **query):
    return client.get(url, query).content.decode()


def queries_of_table(client, url, table, **query):
    url = f"{url}?{urlencode(query)}" if query else url
    return [query["sql"] for query in count_queries(client, url) if table in query["sql"]]


def test_a_second_public_request_reads_no_organisation(client, kept):
    kept(lambda: OrganisationFactory(name="Museo del Agua"))
    assert "Museo del Agua" in page(client, DIRECTORY)

    assert queries_of_table(client, DIRECTORY, "stakeholders_organisation") == []
    assert "Museo del Agua" in page(client, DIRECTORY)


def test_an_organisation_verified_its_sector_renamed_or_itself_renamed_shows_at_once(
    client, kept, sam
):
    waiting = kept(lambda: OrganisationFactory(name="Casa del Barrio", verified=False))
    assert "Casa del Barrio" not in page(client, DIRECTORY)

    kept(lambda: services.organisation_verify(organisation=waiting, by=sam))
    assert "Casa del Barrio" in page(client, DIRECTORY)

    sector = waiting.sector
    sector.name_es = "Sector renombrado"
    kept(sector.save)  # as the admin saves it
    assert "Sector renombrado" in page(client, DIRECTORY)

    # A new name goes back to staff for verification: off the public directory meanwhile.
    waiting.name = "Casa del Barrio Norte"
    kept(lambda: services.organisation_update(organisation=waiting, by=sam))
    assert "Casa del Barrio" not in page(client, DIRECTORY)


def test_each_filter_page_and_language_is_kept_apart(client, kept):
    culture = Sector.objects.get(slug="culture")
    kept(lambda: OrganisationFactory(name="Museo del Agua", sector=culture))
    kept(lambda: OrganisationFactory(name="Taller Mecánico"))
    assert "Taller Mecánico" in page(client, DIRECTORY)

    filtered = page(client, DIRECTORY, sector=culture.pk)
    assert "Museo del Agua" in filtered and "Taller Mecánico" not in filtered
    assert "Taller Mecánico" in page(client, DIRECTORY)
    assert "organisations found" in page(client, "/en" + DIRECTORY)
    assert "Se encontraron 2 organizaciones" in page(client, DIRECTORY)


def test_junk_a_bad_filter_or_a_page_out_of_range_is_rendered_each_time(client, kept):
    kept(lambda: OrganisationFactory(name="Museo del Agua"))
    for query in [{"utm": "x"}, {"sector": "abc"}, {"page": "99"}]:
        page(client, DIRECTORY, **query)
        rows = queries_of_table(client, DIRECTORY, "stakeholders_organisation", **query)
        assert rows, query


def test_a_signed_in_member_sees_their_organisation_waiting_never_the_public_copy(
    client, client_for, kept, alice
):
    waiting = kept(lambda: OrganisationFactory(name="Casa del Barrio", verified=False))
    kept(lambda: MembershipFactory(user=alice, organisation=waiting))
    assert "Casa del Barrio" not in page(client, DIRECTORY)

    assert "Casa del Barrio" in page(client_for(alice), DIRECTORY)


def test_the_committee_is_kept_and_shows_a_new_decision_a_presence_and_the_next_day(client, kept):
    term = kept(
        lambda: CommitteeTermFactory(
            person_name="Rosa Martínez", end=TODAY.date() + timedelta(days=1)
        )
    )
    assert "Rosa Martínez" in page(client, COMMITTEE)
    assert queries_of_table(client, COMMITTEE, "stakeholders_committee") == []

    decision = kept(lambda: CommitteeDecisionFactory(text="Abrir las bibliotecas en domingo"))
    assert "Abrir las bibliotecas en domingo" in page(client, COMMITTEE)

    kept(lambda: decision.meeting.present.add(term))
    assert page(client, COMMITTEE).count("Rosa Martínez") == 2

    with time_machine.travel(TODAY + timedelta(days=2)):
        content = page(client, COMMITTEE)
    assert "Abrir las bibliotecas en domingo" in content
    assert content.count("Rosa Martínez") == 1  # present at the meeting, no longer a member


def test_unpublishing_a_decision_takes_it_off_the_public_page(client, kept):
    decision = kept(lambda: CommitteeDecisionFactory(text="Decisión pública"))
    assert "Decisión pública" in page(client, COMMITTEE)

    decision.published = False
    kept(decision.save)
    assert "Decisión pública" not in page(client, COMMITTEE)


# An organisation's page: each section other areas add follows its own data.


def test_an_organisations_sections_are_read_once_and_each_follows_its_own_data(client, kept):
    dora = UserFactory(date_joined=TODAY - timedelta(days=400))
    organisation = kept(lambda: OrganisationFactory(name="Casa de la Cultura"))
    url = organisation.get_absolute_url()
    page(client, url)
    assert len(count_queries(client, url)) == 1  # the organisation itself

    kept(lambda: EventFactory(title="Feria del libro usado", organisers=[organisation]))
    assert "Feria del libro usado" in page(client, url)
    kept(lambda: OpportunityFactory(name="Taller de guitarra", organization=organisation))
    assert "Taller de guitarra" in page(client, url)
    kept(lambda: CommitteeTermFactory(organisation=organisation, seat__title="Asiento cultural"))
    assert "Asiento cultural" in page(client, url)
    kept(
        lambda: start_topic(dora, CategoryFactory(), title="¿Abren en agosto?", about=organisation)
    )
    assert "¿Abren en agosto?" in page(client, url)
    assert len(count_queries(client, url)) == 1


def test_an_organisations_admin_gets_the_sections_rendered_for_them(
    client, client_for, kept, alice
):
    organisation = kept(lambda: OrganisationFactory(name="Casa de la Cultura"))
    kept(lambda: MembershipFactory(user=alice, organisation=organisation, role="admin"))
    url = organisation.get_absolute_url()
    assert "Gestionar su oferta de aprendizaje" not in page(client, url)

    assert "Gestionar su oferta de aprendizaje" in page(client_for(alice), url)
