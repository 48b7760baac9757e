"""Odd input gets an answer, never a 500: digits from other scripts, numbers too big for the
database, NUL bytes (PostgreSQL refuses them in text) and texts of a hundred thousand characters.

Run against PostgreSQL too: `DATABASE_URL=postgres://... pytest tests/test_odd_input.py`."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from learningcity.models import Sector
from planning.models import (
    Action,
    ActionPlan,
    ConsultationParticipant,
    Proposal,
    ProposalComment,
    ProposalScore,
    StocktakeEntry,
)
from planning.services import proposal_create
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ConsultationFactory,
    ThemeFactory,
)
from tests.planning.test_views import edit_data
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TOO_BIG = "99999999999999999999"
HUGE_TEXT = "a" * 100_000
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def answering_client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def consultation(sam):
    return ConsultationFactory(title="Desafíos", created_by=sam)


@pytest.fixture
def rector(consultation, alice):
    return ConsultationParticipant.objects.create(
        consultation=consultation,
        email=alice.email,
        sector=Sector.objects.get(slug="higher-education"),
        user=alice,
    )


def act(participant, **data):
    return answering_client(participant.user).post(
        reverse("planning:consultation-act", args=[participant.consultation_id]), data
    )


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("value", ["²", "①", "٣", "１", TOO_BIG, "-0", "1\x00"])
def test_ids_posted_in_other_digits_or_beyond_64_bits_are_404s(sam, bob, rector, value):
    plan = ActionPlanFactory()
    staff, member = answering_client(sam), answering_client(bob)
    answers = [
        staff.post(reverse("planning:reorder", args=[plan.pk]), {"kind": "theme", "id": value}),
        member.post(reverse("planning:charter-sign"), {"organisation": value}),
        act(rector, do="score", proposal=value, points="3"),
        act(rector, do="comment", proposal=value, text="Hola"),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404, 404]


def test_an_id_written_in_arabic_indic_digits_does_not_reach_the_object(sam):
    plan = ActionPlanFactory()
    first, second = ThemeFactory(plan=plan, order=0), ThemeFactory(plan=plan, order=1)
    response = answering_client(sam).post(
        reverse("planning:reorder", args=[plan.pk]),
        {"kind": "theme", "id": str(second.pk).translate(ARABIC_INDIC), "up": "1"},
    )
    assert response.status_code == 404
    assert list(plan.themes.order_by("order")) == [first, second]


@pytest.mark.parametrize("points", ["٣", "３", "³", TOO_BIG, "3\x00"])
def test_an_importance_not_written_as_a_plain_number_is_refused_with_a_message(rector, points):
    proposal = proposal_create(participant=rector, title="Brecha digital")
    response = act(rector, do="score", proposal=proposal.pk, points=points)
    assert response.status_code == 302
    assert not ProposalScore.objects.exists()
    assert message_texts(response) == ["Elija una importancia del 1 al 5."]


@pytest.mark.parametrize(
    "url",
    [
        "/stakeholders/?page=²",
        "/stakeholders/?page=①&q=a",
        f"/stakeholders/?page={TOO_BIG}&sector={TOO_BIG}&district=٣",
        "/stakeholders/good-practices/?page=٣&q=ab",
        f"/stakeholders/ministry/?page={TOO_BIG}",
        f"/plan/?theme={TOO_BIG}&objective=²&kflc={TOO_BIG}&organisation={TOO_BIG}&page=①",
        f"/plan/stocktake/?q=a&sector={TOO_BIG}&kflc=²&page=${TOO_BIG}",
        f"/plan/versions/compare/?older={TOO_BIG}&newer=²",
    ],
)
def test_odd_numbers_in_query_strings_answer_200(sam, url):
    ActionPlanFactory(status=ActionPlan.Status.ADOPTED)
    assert answering_client(sam).get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/stakeholders/?page=①&q=%00",
        "/stakeholders/good-practices/?page=٣&q=a%00b",
        "/stakeholders/?%00=1",
        "/plan/stocktake/?q=%00",
        "/provision/?q=ana%00",
        "/forum/new/?category=%00",
        "/forum/search/?q=x%00",
        "/en/admin/stakeholders/organisation/?q=%00",
    ],
)
def test_a_nul_byte_in_a_query_string_is_a_bad_request_with_its_page(sam, url):
    # Some views read the query string themselves, and the admin's search too: the middleware
    # answers before any of them can hand a NUL to PostgreSQL.
    response = answering_client(sam).get(url)
    assert response.status_code == 400
    assert "400.html" in [template.name for template in response.templates]


@pytest.mark.parametrize("token", ["abc%00def", "%00", "é" * 10, "a" * 200])
def test_an_odd_invitation_or_consultation_token_is_a_404(alice, token):
    client = answering_client(alice)
    assert client.get(f"/stakeholders/invitations/{token}/").status_code == 404
    assert client.get(f"/plan/consultations/join/{token}/").status_code == 404
    assert client.post(f"/plan/consultations/join/{token}/").status_code == 404


def test_a_nul_byte_in_a_posted_text_is_refused_with_a_message(rector):
    act(rector, do="propose", title="Brecha\x00digital")
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("value", [TOO_BIG, "²", "٣"])
def test_ids_beyond_64_bits_among_chosen_proposals_are_a_message_not_a_500(
    sam, rector, consultation, value
):
    draft = ActionPlanFactory()
    proposal = proposal_create(participant=rector, title="Desempleo juvenil")
    response = answering_client(sam).post(
        reverse("planning:consultation-theme", args=[consultation.pk]),
        {"plan": draft.pk, "proposals": [proposal.pk, value], "title": "Del aprendizaje"},
    )
    assert response.status_code == 302
    assert not draft.themes.exists()


def test_ids_beyond_64_bits_in_an_actions_ministry_contacts_are_a_form_error(sam):
    action = ActionFactory(objective__plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT))
    response = answering_client(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, title="Cambiado", ministry_contacts=[TOO_BIG]),
    )
    assert response.status_code == 200
    assert "ministry_contacts" in response.context["form"].errors
    assert Action.objects.get(pk=action.pk).title == action.title


def test_ids_beyond_64_bits_in_a_stocktake_entrys_target_groups_are_a_form_error(bob, organisation):
    response = answering_client(bob).post(
        reverse("planning:stocktake-new"),
        {
            "organisation": organisation.pk,
            "title": "Club de lectura",
            "description": "Cada sábado.",
            "sector": organisation.sector_id,
            "target_groups": [TOO_BIG],
            "kflc_focuses": ["²"],
        },
    )
    assert response.status_code == 200
    assert {"target_groups", "kflc_focuses"} <= set(response.context["form"].errors)
    assert not StocktakeEntry.objects.exists()


def test_a_100000_character_action_description_re_renders_the_form_with_a_message(sam):
    action = ActionFactory(objective__plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT))
    response = answering_client(sam).post(
        reverse("planning:action-edit", args=[action.pk]),
        edit_data(action, description=HUGE_TEXT, status_override_reason=HUGE_TEXT),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"description_es", "status_override_reason"} <= set(errors)
    assert "10000" in " ".join(errors["description_es"]).replace(".", "")
    assert Action.objects.get(pk=action.pk).description == ""


def test_a_100000_character_stocktake_description_re_renders_the_form_with_a_message(
    bob, organisation
):
    response = answering_client(bob).post(
        reverse("planning:stocktake-new"),
        {
            "organisation": organisation.pk,
            "title": "Club de lectura",
            "description": HUGE_TEXT,
            "sector": organisation.sector_id,
        },
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not StocktakeEntry.objects.exists()


def test_a_100000_character_plan_vision_re_renders_the_form_with_a_message(sam):
    plan = ActionPlanFactory()
    response = answering_client(sam).post(
        reverse("planning:plan-edit", args=[plan.pk]),
        {
            "title_es": "Plan",
            "attractive_title_es": "Aprende",
            "vision_es": HUGE_TEXT,
            "start": "2026-01-01",
            "end": "2030-12-31",
            "national_alignment_es": HUGE_TEXT,
        },
    )
    assert response.status_code == 200
    assert {"vision_es", "national_alignment_es"} <= set(response.context["form"].errors)
    plan.refresh_from_db()
    assert plan.vision == ""


def test_a_100000_character_proposal_or_comment_is_refused_with_a_message(rector):
    answer = act(rector, do="propose", title="Brecha digital", description=HUGE_TEXT)
    assert not Proposal.objects.exists()
    assert message_texts(answer)
    proposal = proposal_create(participant=rector, title="Brecha digital")
    answer = act(rector, do="comment", proposal=proposal.pk, text=HUGE_TEXT)
    assert not ProposalComment.objects.exists()
    assert message_texts(answer)


def test_a_100000_character_organisation_description_re_renders_the_form_with_a_message(
    bob, organisation
):
    response = answering_client(bob).post(
        reverse("stakeholders:organisation-edit", args=[organisation.slug]),
        {
            "name": organisation.name,
            "sector": organisation.sector_id,
            "kind": "library",
            "description_es": HUGE_TEXT,
        },
    )
    assert response.status_code == 200
    assert "description_es" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.description != HUGE_TEXT


def test_a_100000_character_rejection_reason_is_refused(sam):
    pending = OrganisationFactory(verified=False)
    answering_client(sam).post(
        reverse("stakeholders:verification-decide", args=[pending.slug]),
        {"reject": "1", "reason": HUGE_TEXT},
    )
    pending.refresh_from_db()
    assert pending.rejected_at is None
