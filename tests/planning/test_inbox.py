"""What planning puts in city staff's inboxes: stock-taking entries to review and consultation
proposals not yet turned into themes."""

import pytest

from planning.inbox import proposal_items, stocktake_items
from planning.models import StocktakeEntry
from tests.planning.factories import ConsultationFactory, StocktakeEntryFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_staff_review_pending_stocktake_entries_and_nobody_else_does(sam, carol, bob, alice):
    entry = StocktakeEntryFactory(title="Club de tareas", status=StocktakeEntry.Status.PENDING)
    StocktakeEntryFactory(title="Ya aceptada", status=StocktakeEntry.Status.ACCEPTED)
    for staff in (sam, carol):
        listed = stocktake_items(staff, 5)
        assert listed.count == 1
        assert [item.title for item in listed.items] == ["Club de tareas"]
        assert listed.items[0].url.endswith(f"/plan/stocktake/review/#entry-{entry.pk}")
    assert stocktake_items(bob, 5) is None
    assert stocktake_items(alice, 5) is None


def test_staff_act_on_proposals_not_yet_turned_into_themes(sam, bob, organisation):
    consultation = ConsultationFactory()
    participant = consultation.participants.create(
        email="lider@example.org", sector=organisation.sector
    )
    waiting = consultation.proposals.create(participant=participant, title="Transporte nocturno")
    themed = consultation.proposals.create(participant=participant, title="Lectura")
    themed.themes.add(ThemeFactory())
    listed = proposal_items(sam, 5)
    assert listed.count == 1
    assert [item.title for item in listed.items] == ["Transporte nocturno"]
    assert listed.items[0].url.endswith(
        f"/plan/consultations/{consultation.pk}/#proposal-{waiting.pk}"
    )
    assert proposal_items(bob, 5) is None


def test_a_consultation_title_not_yet_in_english_is_marked_as_spanish(
    client_for, sam, organisation
):
    sam.preferred_language = "en"
    sam.save(update_fields=["preferred_language"])
    consultation = ConsultationFactory(title="Desafíos <de> la ciudad")
    participant = consultation.participants.create(
        email="lider@example.org", sector=organisation.sector
    )
    consultation.proposals.create(participant=participant, title="Transporte nocturno")
    page = client_for(sam).get("/en/inbox/").content.decode()
    assert '<span lang="es">Desafíos &lt;de&gt; la ciudad</span> · proposed for' in page
