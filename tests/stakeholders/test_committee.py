from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from learningcity.models import Sector
from stakeholders.models import CommitteeTerm
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import (
    CommitteeDecisionFactory,
    CommitteeSeatFactory,
    CommitteeTermFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("stakeholders:committee")


def test_the_public_sees_current_members_by_sector_and_the_sectors_missing(client):
    culture = Sector.objects.get(slug="culture")
    CommitteeTermFactory(seat__sector=culture, person_name="Rosa Martínez")
    CommitteeTermFactory(
        seat__sector=culture,
        person_name="Antiguo Miembro",
        start=date(2020, 1, 1),
        end=date(2021, 1, 1),
    )
    response = client.get(URL)
    content = response.content.decode()
    assert "Rosa Martínez" in content
    assert "Antiguo Miembro" not in content
    missing = {sector.slug for sector in response.context["unrepresented_sectors"]}
    assert "culture" not in missing
    assert "health" in missing


def test_a_meeting_shows_who_was_present(client):
    term = CommitteeTermFactory(person_name="Rosa Martínez")
    CommitteeDecisionFactory().meeting.present.add(term)
    content = client.get(URL).content.decode()
    assert content.count("Rosa Martínez") == 2


def test_only_published_decisions_are_public(client, client_for, sam):
    CommitteeDecisionFactory(text="Decisión pública", published=True, consensus=True)
    CommitteeDecisionFactory(text="Borrador interno", published=False)
    content = client.get(URL).content.decode()
    assert "Decisión pública" in content
    assert "Borrador interno" not in content
    assert "Borrador interno" in client_for(sam).get(URL).content.decode()


def test_overlapping_terms_for_the_same_seat_are_refused():
    seat = CommitteeSeatFactory()
    CommitteeTermFactory(seat=seat, start=date(2026, 1, 1), end=date(2027, 12, 31))
    overlapping = CommitteeTerm(
        seat=seat, person_name="Otra Persona", start=date(2027, 6, 1), end=date(2029, 1, 1)
    )
    with translation.override("en"), pytest.raises(ValidationError, match="already held"):
        overlapping.full_clean()
    following = CommitteeTerm(seat=seat, person_name="Otra Persona", start=date(2028, 1, 1))
    following.full_clean()


def test_an_open_ended_term_overlaps_everything_after_it():
    seat = CommitteeSeatFactory()
    CommitteeTermFactory(seat=seat, start=date(2026, 1, 1), end=None)
    later = CommitteeTerm(seat=seat, person_name="X", start=date(2035, 1, 1))
    with pytest.raises(ValidationError):
        later.full_clean()


def test_a_term_needs_a_holder_and_cannot_end_before_it_starts():
    seat = CommitteeSeatFactory()
    with pytest.raises(ValidationError) as error:
        CommitteeTerm(seat=seat, start=date(2026, 1, 1)).full_clean()
    assert "person_name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        CommitteeTerm(
            seat=seat, person_name="X", start=date(2026, 1, 1), end=date(2025, 1, 1)
        ).full_clean()
    assert "end" in error.value.message_dict


def test_the_coordinator_manages_seats_in_the_admin_and_overlaps_are_refused(client_for, carol):
    seat = CommitteeSeatFactory()
    url = reverse("admin:stakeholders_committeeseat_change", args=[seat.pk])
    client = client_for(carol)
    assert client.get(url).status_code == 200
    data = {
        "sector": seat.sector.pk,
        "role": "member",
        "title": seat.title,
        "responsibilities": "",
        "order": 0,
        "terms-TOTAL_FORMS": 2,
        "terms-INITIAL_FORMS": 0,
        "terms-MIN_NUM_FORMS": 0,
        "terms-MAX_NUM_FORMS": 1000,
        "terms-0-person_name": "Una",
        "terms-0-start": "2026-01-01",
        "terms-0-end": "2027-01-01",
        "terms-1-person_name": "Otra",
        "terms-1-start": "2026-06-01",
        "terms-1-end": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert gettext("Two terms of this seat overlap.") in response.content.decode()
    assert not CommitteeTerm.objects.exists()


def test_staff_cannot_manage_the_committee(client_for, sam):
    url = reverse("admin:stakeholders_committeeseat_changelist")
    assert client_for(sam).get(url).status_code == 403


def test_committee_page_makes_a_constant_number_of_queries(client):
    def add(n):
        shown = []
        for _number in range(n):
            term = CommitteeTermFactory()
            decision = CommitteeDecisionFactory()
            decision.meeting.present.add(term)
            shown += [term.organisation.name, decision.text]
        return shown

    assert_constant_queries(client, URL, add)


def test_a_term_ending_today_is_still_current():
    term = CommitteeTermFactory(end=date.today())
    assert CommitteeTerm.objects.current().filter(pk=term.pk).exists()
    assert not CommitteeTerm.objects.current(on=date.today() + timedelta(days=1)).filter(pk=term.pk)
