"""The inbox (/inbox/): what waits for a person, gathered from every app through the registry,
and its count in the header."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learningcity.inbox import inbox_count
from learningcity.registry import InboxEntry, InboxItem, Registry
from planning.models import StocktakeEntry
from stakeholders.models import Organisation, OrganisationInvitation
from tests.planning.factories import ConsultationFactory, StocktakeEntryFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
INBOX = reverse("inbox")


def header_count(page):
    """The number in the header's inbox link, or None when it shows none."""
    links = re.findall(r'class="inbox-link"[^>]*>(.*?)</a>', page, re.S)
    assert len(links) == 2, "the wide header and the phone menu each need an inbox link"
    numbers = {re.search(r'class="inbox-count">(\d+)<', link) for link in links}
    found = {match.group(1) if match else None for match in numbers}
    assert len(found) == 1, f"the wide header and the phone menu disagree: {found}"
    value = found.pop()
    return int(value) if value else None


def in_english(user):
    """The pages under /en/ send people who prefer Spanish to the Spanish page."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


def invite(organisation, email, **kwargs):
    return OrganisationInvitation.objects.create(organisation=organisation, email=email, **kwargs)


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_citizen_sees_an_empty_inbox_with_a_helpful_sentence(client_for, alice):
    OrganisationFactory(verified=False, name="Colectivo por verificar")
    response = client_for(alice).get(INBOX)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nada le espera" in page
    assert "Colectivo por verificar" not in page
    assert header_count(page) is None


def test_the_header_shows_no_inbox_link_to_anonymous_people(client):
    assert 'class="inbox-link"' not in client.get("/").content.decode()


def test_staff_see_what_waits_for_them_with_links_to_where_it_is_done(client_for, sam):
    waiting = OrganisationFactory(verified=False, name="Colectivo por verificar")
    entry = StocktakeEntryFactory(title="Círculo de lectura", status=StocktakeEntry.Status.PENDING)
    page = client_for(in_english(sam)).get("/en/inbox/").content.decode()
    assert "Organisations to verify" in page
    assert f'href="/en/stakeholders/verification/#organisation-{waiting.slug}"' in page
    assert f'href="/en/plan/stocktake/review/#entry-{entry.pk}"' in page
    assert "2 things are waiting for you" in page
    assert header_count(page) == 2


def test_the_header_count_follows_changes_once_committed(
    client_for, sam, django_capture_on_commit_callbacks
):
    client = client_for(sam)
    assert header_count(client.get("/").content.decode()) is None
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(verified=False)
    assert header_count(client.get("/").content.decode()) == 1
    organisation.verified = True
    organisation.save(update_fields=["verified"])  # not committed yet: the count stays
    assert header_count(client.get("/").content.decode()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save(update_fields=["verified"])
    assert header_count(client.get("/").content.decode()) is None


def test_a_new_role_shows_in_the_header_once_committed(
    client_for, alice, django_capture_on_commit_callbacks
):
    OrganisationFactory(verified=False)
    client = client_for(alice)
    assert header_count(client.get("/").content.decode()) is None
    with django_capture_on_commit_callbacks(execute=True):
        alice.groups.add(Group.objects.get(name="staff"))
    assert header_count(client.get("/").content.decode()) == 1


def test_the_header_count_comes_from_the_cache_until_something_changes(client_for, sam):
    OrganisationFactory.create_batch(2, verified=False)
    client = client_for(in_english(sam))
    assert header_count(client.get("/en/").content.decode()) == 2
    Organisation.objects.update(verified=True)  # sends no signal: the cached total stays
    assert header_count(client.get("/en/").content.decode()) == 2
    assert "Nothing is waiting for you" in client.get("/en/inbox/").content.decode()
    # The inbox page counted afresh, and stored its total for the header.
    assert header_count(client.get("/en/").content.decode()) is None


def test_the_header_costs_no_query_once_counted(client_for, sam, bob):
    """Every page of a person signed in shows the count: after the first page it is cached."""
    OrganisationFactory(verified=False)
    for person in (sam, bob):
        client = client_for(person)
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/").content.decode()
        assert header_count(page) == (1 if person == sam else None)
        counted = [
            query["sql"]
            for query in captured.captured_queries
            if re.search(r"stakeholders_|planning_|account_emailaddress", query["sql"])
        ]
        assert counted == []


def test_each_page_counts_once_for_the_wide_header_and_the_phone_menu(client_for, sam, monkeypatch):
    OrganisationFactory(verified=False)
    calls = []

    def counting(user):
        calls.append(user)
        return inbox_count(user)

    monkeypatch.setattr("learningcity.templatetags.inbox.count_for", counting)
    page = client_for(sam).get("/").content.decode()
    assert header_count(page) == 1
    assert len(calls) == 1


def test_the_inbox_page_makes_a_constant_number_of_queries(client_for, sam, organisation):
    """Sam of city staff is also an admin of an organisation and has been invited to another:
    every provider has something for him."""
    from tests.stakeholders.factories import MembershipFactory

    MembershipFactory(user=sam, organisation=organisation, role="admin")
    consultation = ConsultationFactory()
    participant = consultation.participants.create(
        email="lider@example.org", sector=organisation.sector
    )
    numbers = iter(range(1000))

    def add(n):
        texts = []
        for _ in range(n):
            number = next(numbers)
            texts.append(OrganisationFactory(verified=False, name=f"Pendiente {number}").name)
            texts.append(
                StocktakeEntryFactory(
                    title=f"Entrada {number}", status=StocktakeEntry.Status.PENDING
                ).title
            )
            texts.append(
                consultation.proposals.create(
                    participant=participant, title=f"Propuesta {number}"
                ).title
            )
            texts.append(invite(organisation, f"persona{number}@example.org").email)
            other = OrganisationFactory(name=f"Convocante {number}")
            invite(other, sam.email)
            texts.append(other.name)
        return texts

    assert_constant_queries(client_for(sam), INBOX, add, more=4)


def test_expired_and_accepted_invitations_wait_for_nobody(client_for, bob, organisation):
    invite(organisation, "vieja@example.org", expires_at=timezone.now() - timedelta(days=1))
    invite(organisation, "aceptada@example.org", accepted_at=timezone.now())
    page = client_for(bob).get(INBOX).content.decode()
    assert "vieja@example.org" not in page
    assert "aceptada@example.org" not in page
    assert inbox_count(bob) == 0


def test_a_provider_without_a_count_is_counted_from_its_entry():
    registry = Registry()
    registry.register_inbox(
        "letters",
        title="Letters",
        items=lambda user, limit: InboxEntry(3, (InboxItem("A letter", "/letters/1/"),)[:limit]),
    )
    (provider,) = registry.inbox_list()
    assert provider.count(object()) == 3
    assert provider.items(object(), 5).items[0].url == "/letters/1/"


def test_someone_invited_sees_the_invitation_in_their_inbox(client_for, alice, organisation):
    invitation = invite(organisation, "ALICE@example.org")
    page = client_for(in_english(alice)).get("/en/inbox/").content.decode()
    assert f"Join {organisation.name}" in page
    assert f'href="/en{invitation.get_absolute_url()}"' in page or (
        f'href="{invitation.get_absolute_url()}"' in page
    )
    assert header_count(page) == 1


def test_an_inbox_user_without_a_verified_address_sees_no_invitation(client_for, organisation):
    carlos = UserFactory(email="carlos@example.org", verified_email=False, preferred_language="en")
    invite(organisation, "carlos@example.org")
    assert "Join" not in client_for(carlos).get("/en/inbox/").content.decode()
