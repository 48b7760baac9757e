"""The bulletin: a draft prefilled from the period's changes and the coming events, in each
language; staff edit and send it once; members of verified organisations get it in their
language with an unsubscribe link; the archive shows what was sent. Clock frozen at TODAY."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from learningcity.models import Notification
from monitoring import bulletins
from monitoring.bulletin_models import Bulletin
from monitoring.models import Measurement, Period
from planning.models import Action
from tests.events.factories import EventFactory
from tests.monitoring.factories import IndicatorFactory, PeriodFactory
from tests.planning.factories import ActionFactory, ProgressUpdateFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

NOVEMBER = {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 30)}


@pytest.fixture
def november(sam):
    """What happened in November 2026, and what did not count."""
    delayed = ActionFactory(
        title="Bibliotecas abiertas de noche", title_en="Libraries open at night"
    )
    delayed.status_override = Action.Status.LATE
    delayed.save()
    ActionFactory(title="Sin cambios")
    ProgressUpdateFactory(action__title="Clubes de lectura", done="Abrimos  tres clubes.")
    ProgressUpdateFactory(action__title="Antes", published_at=timezone.now() - timedelta(days=60))
    indicator = IndicatorFactory(name="Adultos en cursos", name_en="Adults in courses")
    period = PeriodFactory(indicator=indicator, start=date(2025, 1, 1), reviewed_at=timezone.now())
    Measurement.objects.create(period=period, value=Decimal("1250"))
    PeriodFactory(status=Period.Status.SUBMITTED, reviewed_at=timezone.now())
    EventFactory(title="Feria del aprendizaje", venue_name="Plaza Mayor")  # in 10 days
    EventFactory(title="Muy lejos", starts_at=timezone.now() + timedelta(days=45))


def test_the_draft_starts_from_the_periods_changes_and_the_next_30_days_in_each_language(
    sam, november
):
    bulletin = bulletins.bulletin_draft(by=sam, **NOVEMBER)
    spanish, english = bulletin.body_es, bulletin.body_en
    assert "Bibliotecas abiertas de noche: " in spanish and "Libraries" not in spanish
    assert "Libraries open at night: Late" in english
    assert "Clubes de lectura (" in english and "Abrimos tres clubes." in english
    assert "Adults in courses, 2025: 1,250 personas" in english
    assert "Feria del aprendizaje, Plaza Mayor" in english
    for absent in ("Sin cambios", "Antes", "Muy lejos"):
        assert absent not in english
    assert bulletin.title_en.startswith("Learning city bulletin, ")
    assert bulletin.title_es != bulletin.title_en
    assert (bulletin.created_by, bulletin.sent_at) == (sam, None)


def test_a_quiet_period_says_so(sam):
    bulletin = bulletins.bulletin_draft(
        by=sam, period_start=date(2020, 1, 1), period_end=date(2020, 1, 31)
    )
    assert "Nothing new was recorded in this period." in bulletin.body_en


def test_staff_draft_edit_and_send_it_members_of_verified_organisations_get_it_in_their_language(
    client_for, sam, november, django_capture_on_commit_callbacks
):
    verified = OrganisationFactory(verified=True)
    english = UserFactory(email="en@example.org", preferred_language="en")
    spanish = UserFactory(email="es@example.org", preferred_language="es")
    for person in (english, spanish):
        MembershipFactory(user=person, organisation=verified)
    outsider = UserFactory(email="out@example.org")
    MembershipFactory(user=outsider, organisation=OrganisationFactory(verified=False))
    client = client_for(sam)

    response = client.post("/monitoring/bulletins/new/", {"period_start": "2026-11-01",
                                                          "period_end": "2026-11-30"})  # fmt: skip
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/bulletins/{bulletin.pk}/edit/")
    edit = {name: getattr(bulletin, name) for name in bulletins.EDITABLE}
    edit.update(period_start="2026-11-01", period_end="2026-11-30",
                title_en="November in the learning city")  # fmt: skip
    assert client.post(f"/monitoring/bulletins/{bulletin.pk}/edit/", edit).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/monitoring/bulletins/{bulletin.pk}/send/")
    bulletin.refresh_from_db()
    assert bulletin.is_sent and bulletin.recipients == 2 and bulletin.sent_by == sam
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"en@example.org", "es@example.org"}
    assert sent["en@example.org"].subject == "November in the learning city"
    assert "Libraries open at night: Late" in sent["en@example.org"].body
    assert "Bibliotecas abiertas de noche" in sent["es@example.org"].body
    assert "List-Unsubscribe" in sent["es@example.org"].extra_headers
    assert Notification.objects.filter(recipient=outsider).count() == 0

    # Sent once, then never changed.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/en/monitoring/bulletins/{bulletin.pk}/send/", follow=True)
    assert "A sent bulletin never changes." in again.content.decode()
    assert len(mail.outbox) == 2
    assert client.get(f"/monitoring/bulletins/{bulletin.pk}/edit/").status_code == 302


def test_bad_input_is_refused_and_nothing_is_lost(client_for, sam):
    client = client_for(sam)
    bad = client.post("/monitoring/bulletins/new/", {"period_start": "2026-11-30",
                                                     "period_end": "2026-11-01"})  # fmt: skip
    assert bad.status_code == 400 and "period_end" in bad.context["form"].errors
    assert not Bulletin.objects.exists()
    bulletin = bulletins.bulletin_draft(by=sam, **NOVEMBER)
    edit = {name: getattr(bulletin, name) for name in bulletins.EDITABLE}
    edit.update(period_start="2026-11-01", period_end="2026-11-30", title_es="",
                body_en="Kept text")  # fmt: skip
    response = client.post(f"/monitoring/bulletins/{bulletin.pk}/edit/", edit)
    assert response.status_code == 400 and "title_es" in response.context["form"].errors
    assert response.context["form"]["body_en"].value() == "Kept text"
    bulletin.refresh_from_db()
    assert bulletin.body_en != "Kept text"


@pytest.mark.parametrize("who", ["anonymous", "alice", "bob"])
def test_only_staff_draft_edit_send_or_read_drafts(request, client, sam, who):
    draft = bulletins.bulletin_draft(by=sam, **NOVEMBER)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    expected = 302 if who == "anonymous" else 403
    assert client.post("/monitoring/bulletins/new/", NOVEMBER).status_code == expected
    assert client.get(f"/monitoring/bulletins/{draft.pk}/edit/").status_code == expected
    assert client.post(f"/monitoring/bulletins/{draft.pk}/send/").status_code == expected
    assert client.get(f"/monitoring/bulletins/{draft.pk}/").status_code == 404
    assert draft.title not in client.get("/monitoring/bulletins/").content.decode()
    draft.refresh_from_db()
    assert not draft.is_sent and Bulletin.objects.count() == 1


def test_the_archive_shows_sent_bulletins_to_anyone(sam, django_capture_on_commit_callbacks):
    bulletin = bulletins.bulletin_draft(by=sam, **NOVEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        bulletins.bulletin_send(bulletin=bulletin, by=sam)
    page = Client().get("/en/monitoring/bulletins/").content.decode()
    assert bulletin.title_en in page
    assert Client().get(f"/en/monitoring/bulletins/{bulletin.pk}/").status_code == 200


def test_a_bulletin_sent_only_in_spanish_is_marked_spanish_on_the_english_page():
    bulletin = Bulletin.objects.create(
        title="Noticias de noviembre",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        body="Abrimos tres clubes.",
        sent_at=timezone.now(),
    )
    page = Client().get(f"/en/monitoring/bulletins/{bulletin.pk}/").content.decode()
    assert '<h1 lang="es">Noticias de noviembre</h1>' in page
    assert '<div lang="es"><p>Abrimos tres clubes.</p></div>' in page


def test_a_months_draft_is_made_once_on_the_first_days_of_the_next_month(sam):
    first = bulletins.monthly_draft(today=date(2026, 12, 1))
    assert (first.period_start, first.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert bulletins.monthly_draft(today=date(2026, 12, 2)) is None
    assert Bulletin.objects.count() == 1


def test_the_archive_makes_the_same_queries_whatever_the_number_of_bulletins(client):
    made = []

    def add(n):
        titles = [f"Boletín {len(made) + i}" for i in range(n)]
        for title in titles:
            made.append(
                Bulletin.objects.create(
                    title=title,
                    period_start=date(2026, 1, 1),
                    period_end=date(2026, 1, 31),
                    body="Texto",
                    sent_at=timezone.now(),
                )
            )
        return titles

    assert_constant_queries(client, "/monitoring/bulletins/", add)
    assert client.get(made[0].get_absolute_url()).status_code == 200
