"""Naming the themes: leaders propose, comment and rank; staff turn proposals into themes."""

from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from learningcity.models import Sector
from planning.models import ConsultationParticipant, Proposal, ProposalScore
from planning.services import consultation_invite, proposal_create, proposal_score
from tests.planning.factories import ActionPlanFactory, ConsultationFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(sam):
    return ConsultationFactory(created_by=sam)


def joined(consultation, email, sector_slug):
    user = UserFactory(email=email)
    return ConsultationParticipant.objects.create(
        consultation=consultation,
        email=email,
        sector=Sector.objects.get(slug=sector_slug),
        user=user,
    )


def client_of(participant):
    client = Client()
    client.force_login(participant.user)
    return client


def act(participant, **data):
    return client_of(participant).post(
        reverse("planning:consultation-act", args=[participant.consultation_id]), data
    )


def test_staff_open_a_consultation_and_invite_a_leader_who_joins(
    client_for, sam, consultation, django_capture_on_commit_callbacks
):
    staff = client_for(sam)
    bad = staff.post(
        reverse("planning:consultations"),
        {"title": "X", "question": "Y", "opens_on": "2026-05-01", "closes_on": "2026-04-01"},
    )
    assert "closes_on" in bad.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("planning:consultation-invite", args=[consultation.pk]),
            {
                "email": "Rectora@example.org",
                "sector": Sector.objects.get(slug="higher-education").pk,
            },
        )
    participant = ConsultationParticipant.objects.get()
    assert participant.email == "rectora@example.org"
    link = reverse("planning:consultation-join", args=[participant.token])
    assert link in mail.outbox[0].body

    rectora = UserFactory(email="rectora@example.org")
    client = Client()
    client.force_login(rectora)
    assert client.post(link).status_code == 302
    participant.refresh_from_db()
    assert participant.user == rectora
    assert client.get(consultation.get_absolute_url()).status_code == 200


def test_an_invitation_is_for_its_own_address(consultation, alice, sam):
    participant = consultation_invite(
        consultation=consultation,
        email="rectora@example.org",
        sector=Sector.objects.get(slug="culture"),
        by=sam,
    )
    client = Client()
    client.force_login(alice)
    client.post(reverse("planning:consultation-join", args=[participant.token]))
    participant.refresh_from_db()
    assert participant.user is None
    assert client.get(consultation.get_absolute_url()).status_code == 403


def test_participants_propose_comment_and_rank(consultation):
    rector = joined(consultation, "rector@example.org", "higher-education")
    mayor = joined(consultation, "alcaldia@example.org", "public-administration")
    act(rector, do="propose", title="Desempleo juvenil", description="15 % de jóvenes sin empleo")
    act(mayor, do="propose", title="Brecha digital")
    youth, digital = Proposal.objects.order_by("pk")
    act(mayor, do="comment", proposal=youth.pk, text="Coincido.")
    act(rector, do="score", proposal=youth.pk, points="5")
    act(mayor, do="score", proposal=youth.pk, points="4")
    act(mayor, do="score", proposal=digital.pk, points="2")
    act(mayor, do="score", proposal=digital.pk, points="3")
    assert ProposalScore.objects.get(proposal=digital).points == 3
    assert youth.comments.get().text == "Coincido."


def test_bad_scores_and_empty_proposals_are_refused(consultation):
    rector = joined(consultation, "rector@example.org", "higher-education")
    act(rector, do="propose", title="")
    assert not Proposal.objects.exists()
    proposal = proposal_create(participant=rector, title="Lectura")
    response = act(rector, do="score", proposal=proposal.pk, points="9")
    assert response.status_code == 302
    assert not ProposalScore.objects.exists()


def test_a_closed_consultation_takes_no_more_proposals(consultation):
    rector = joined(consultation, "rector@example.org", "higher-education")
    consultation.closes_on = date.today() - timedelta(days=1)
    consultation.save()
    act(rector, do="propose", title="Tarde")
    assert not Proposal.objects.exists()


def test_only_participants_and_staff_take_part(client_for, alice, consultation):
    url = consultation.get_absolute_url()
    assert Client().get(url).status_code == 302
    assert client_for(alice).get(url).status_code == 403
    response = client_for(alice).post(
        reverse("planning:consultation-act", args=[consultation.pk]),
        {"do": "propose", "title": "X"},
    )
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_staff_see_the_ranking_by_sector_and_make_a_theme_of_the_top_proposals(
    client_for, sam, consultation
):
    rector = joined(consultation, "rector@example.org", "higher-education")
    mayor = joined(consultation, "alcaldia@example.org", "public-administration")
    youth = proposal_create(participant=rector, title="Desempleo juvenil")
    digital = proposal_create(participant=mayor, title="Brecha digital")
    proposal_score(participant=rector, proposal=youth, points=5)
    proposal_score(participant=mayor, proposal=youth, points=4)
    proposal_score(participant=mayor, proposal=digital, points=2)
    staff = client_for(sam)
    response = staff.get(consultation.get_absolute_url())
    proposals = response.context["proposals"]
    assert [p.title for p in proposals] == ["Desempleo juvenil", "Brecha digital"]
    assert proposals[0].total == 9
    sectors = [sector.slug for sector in response.context["ranking_sectors"]]
    assert dict(zip(sectors, proposals[0].sector_points, strict=True)) == {
        "public-administration": 4,
        "higher-education": 5,
    }

    draft = ActionPlanFactory()
    response = staff.post(
        reverse("planning:consultation-theme", args=[consultation.pk]),
        {"plan": draft.pk, "proposals": [youth.pk], "title": "Del aprendizaje al trabajo"},
    )
    assert response.status_code == 302
    theme = draft.themes.get()
    assert theme.title == "Del aprendizaje al trabajo"
    assert "Desempleo juvenil" in theme.challenge
    assert theme.named_by == str(rector.sector)
    assert list(theme.proposals.all()) == [youth]


def test_participants_cannot_make_themes_or_invite(consultation):
    rector = joined(consultation, "rector@example.org", "higher-education")
    client = client_of(rector)
    draft = ActionPlanFactory()
    proposal = proposal_create(participant=rector, title="X")
    assert (
        client.post(
            reverse("planning:consultation-theme", args=[consultation.pk]),
            {"plan": draft.pk, "proposals": [proposal.pk], "title": "Y"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("planning:consultation-invite", args=[consultation.pk]),
            {"email": "x@example.org", "sector": rector.sector_id},
        ).status_code
        == 403
    )
    assert not draft.themes.exists()


def test_consultation_page_makes_a_constant_number_of_queries(client_for, sam, consultation):
    def add(n):
        titles = []
        for number in range(n):
            person = joined(consultation, f"p{number}-{n}@example.org", "culture")
            proposal = proposal_create(participant=person, title=f"Desafío {number} de {n}")
            proposal_score(participant=person, proposal=proposal, points=3)
            titles.append(proposal.title)
        return titles

    assert_constant_queries(client_for(sam), consultation.get_absolute_url(), add)


def test_joining_needs_a_verified_address(consultation, sam):
    participant = consultation_invite(
        consultation=consultation,
        email="nuevo@example.org",
        sector=Sector.objects.get(slug="culture"),
        by=sam,
    )
    newcomer = UserFactory(email="nuevo@example.org", verified_email=False)
    EmailAddress.objects.create(user=newcomer, email="nuevo@example.org", verified=False)
    client = Client()
    client.force_login(newcomer)
    client.post(reverse("planning:consultation-join", args=[participant.token]))
    participant.refresh_from_db()
    assert participant.user is None
