"""A person downloads what the portal holds about them, and deletes their account: their
e-mail address is then in no table, and what they contributed stays, anonymised."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from learningcity.models import AuditEntry, User
from learningcity.personal_data import scrub
from planning import services as planning_services
from planning.models import ConsultationParticipant, Proposal, StocktakeEntry
from stakeholders import services as stakeholder_services
from stakeholders.models import CommitteeTerm, Membership, Organisation
from tests.planning.factories import ConsultationFactory, StocktakeEntryFactory
from tests.stakeholders.factories import (
    PASSWORD,
    CommitteeTermFactory,
    MembershipFactory,
    SectorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DORA_EMAIL = "dora.docente@example.org"
DORA_NAME = "Dora Docente"
TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "URLField"}


def tables_holding(text):
    """`table.column` for every text column of every table that holds `text`, whatever its
    case: raw SQL over the whole database, so no table a model forgets escapes it."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                try:
                    kind = connection.introspection.get_field_type(column.type_code, column)
                except KeyError:
                    # A type Django does not read back (the forum's tsvector): looked at as text.
                    kind = "TextField"
                if kind not in TEXT_TYPES:
                    continue
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{text.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


@pytest.fixture
def dora(bob, sam, organisation):
    """Dora, a teacher: member of the Biblioteca Central by invitation, its contact person,
    in a consultation with a proposal and a comment, and author of a stock-taking entry."""
    invitation = stakeholder_services.invitation_send(
        organisation=organisation, email=DORA_EMAIL, role="member", by=bob
    )
    person = UserFactory(email=DORA_EMAIL, full_name=DORA_NAME)
    stakeholder_services.invitation_accept(invitation=invitation, user=person)
    organisation.email = DORA_EMAIL.upper()
    organisation.contact_name = DORA_NAME
    stakeholder_services.organisation_update(organisation=organisation, by=bob)
    consultation = ConsultationFactory()
    participant = planning_services.consultation_invite(
        consultation=consultation, email=DORA_EMAIL, sector=SectorFactory(), by=sam
    )
    planning_services.consultation_join(participant=participant, user=person)
    proposal = planning_services.proposal_create(
        participant=participant, title="Bibliotecas abiertas de noche"
    )
    planning_services.proposal_comment(
        participant=participant, proposal=proposal, text="Y los domingos."
    )
    planning_services.stocktake_submit(
        entry=StocktakeEntryFactory.build(
            organisation=organisation, title="Club de lectura en el mercado"
        ),
        by=person,
    )
    CommitteeTermFactory(person=person, person_name="")
    return person


def test_the_download_holds_the_account_organisations_proposals_and_entries(client_for, dora):
    response = client_for(dora).get(reverse("account_personal_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == DORA_EMAIL
    assert data["account"]["full_name"] == DORA_NAME
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert [m["organisation"] for m in data["memberships"]] == ["Biblioteca Central"]
    assert [p["title"] for p in data["consultation_proposals"]] == ["Bibliotecas abiertas de noche"]
    assert [c["text"] for c in data["consultation_comments"]] == ["Y los domingos."]
    assert [e["title"] for e in data["stocktake_entries"]] == ["Club de lectura en el mercado"]
    assert data["invitations_received"][0]["organisation"] == "Biblioteca Central"


def test_after_deletion_the_address_is_in_no_table_and_contributions_stay(client_for, dora):
    assert tables_holding(DORA_EMAIL), "the fixture should have spread the address around"
    pk = dora.pk
    client = client_for(dora)

    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert not response.context["user"].is_authenticated
    assert "Se eliminaron su cuenta y sus datos personales" in response.content.decode()
    assert not User.objects.filter(pk=pk).exists()
    assert tables_holding(DORA_EMAIL) == []
    assert tables_holding(DORA_NAME) == []
    entry = StocktakeEntry.objects.get(title="Club de lectura en el mercado")
    assert entry.submitted_by is None
    proposal = Proposal.objects.get(title="Bibliotecas abiertas de noche")
    assert proposal.participant.is_former_member
    assert proposal.comments.count() == 1
    assert not Membership.objects.filter(user_id=pk).exists()
    assert CommitteeTerm.objects.get().holder == "Un antiguo miembro"
    deletion = AuditEntry.objects.get(action="account.delete")
    assert deletion.changes == {"account": [None, pk]}


def test_the_last_admin_of_an_organisation_hands_it_over_first(client_for, bob):
    client = client_for(bob)
    page = client.get(reverse("account_profile")).content.decode()
    assert "Biblioteca Central se quedaría sin persona administradora" in page
    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)
    assert "Biblioteca Central se quedaría sin persona administradora" in response.content.decode()
    assert User.objects.filter(pk=bob.pk).exists()


def test_another_admin_lets_the_former_last_admin_go(client_for, bob, organisation):
    MembershipFactory(organisation=organisation, role="admin")
    client_for(bob).post(reverse("account_delete"), {"password": PASSWORD})
    assert not User.objects.filter(pk=bob.pk).exists()
    assert organisation.memberships.count() == 1


def test_deleting_an_account_in_the_administration_goes_through_the_same_service(
    client_for, carol, dora
):
    url = reverse("admin:learningcity_user_delete", args=[dora.pk])
    response = client_for(carol).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=dora.pk).exists()
    assert tables_holding(DORA_EMAIL) == []
    assert AuditEntry.objects.get(action="account.delete").actor == carol


def test_the_administration_refuses_to_delete_an_organisations_last_admin(client_for, carol, bob):
    client = client_for(carol)
    url = reverse("admin:learningcity_user_delete", args=[bob.pk])
    assert (
        "Biblioteca Central se quedaría sin persona administradora"
        in client.get(url).content.decode()
    )
    client.post(url, {"post": "yes"})
    assert User.objects.filter(pk=bob.pk).exists()


def test_a_wrong_password_keeps_the_account(client_for, alice):
    response = client_for(alice).post(
        reverse("account_delete"), {"password": "not-the-password"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("account_profile")
    assert "Su cuenta no se eliminó: la contraseña no es correcta." in response.content.decode()
    assert response.context["user"] == alice
    assert User.objects.filter(pk=alice.pk).exists()


def test_anonymous_people_are_sent_to_log_in(client):
    for response in (
        client.get(reverse("account_personal_data")),
        client.post(reverse("account_delete"), {"password": PASSWORD}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_deleting_takes_a_post(client_for, alice):
    assert client_for(alice).get(reverse("account_delete")).status_code == 405
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_account_page_offers_the_download_and_the_deletion(client_for, alice):
    page = client_for(alice).get(reverse("account_profile")).content.decode()
    assert reverse("account_personal_data") in page
    assert f'action="{reverse("account_delete")}"' in page
    assert reverse("privacy") in page


def test_the_privacy_page_is_public_and_linked_from_every_page(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "Durante cuánto tiempo" in page
    assert f'href="{reverse("privacy")}"' in client.get(reverse("home")).content.decode()


def test_a_participant_invited_by_address_loses_it_too(client_for, sam):
    """Invited to a consultation but never joined: the address goes when the account does."""
    carla = UserFactory(email="carla@example.org")
    participant = planning_services.consultation_invite(
        consultation=ConsultationFactory(),
        email="Carla@Example.org",
        sector=SectorFactory(),
        by=sam,
    )
    client_for(carla).post(reverse("account_delete"), {"password": PASSWORD})
    participant.refresh_from_db()
    assert participant.is_former_member
    assert ConsultationParticipant.objects.filter(email__icontains="carla").count() == 0


def test_scrubbing_leaves_other_addresses_and_words_alone(organisation):
    organisation.email = "mdora@example.org"
    organisation.contact_name = "Doralicia"
    organisation.save()
    scrub(Organisation.objects.all(), ["email"], ["dora@example.org"])
    scrub(Organisation.objects.all(), ["contact_name"], ["Dora"], replacement="")
    organisation.refresh_from_db()
    assert (organisation.email, organisation.contact_name) == ("mdora@example.org", "Doralicia")
