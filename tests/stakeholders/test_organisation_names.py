"""Organisation names: what makes one, what two names clash on, and who may register how many."""

import pytest
from django.core import mail
from django.urls import reverse

from learningcity.models import Sector
from stakeholders.models import Organisation
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def registration(**changes):
    data = {
        "name": "Casa de la Cultura del Sur",
        "sector": Sector.objects.get(slug="culture").pk,
        "kind": "museum",
    }
    data.update(changes)
    return data


def register(client, **changes):
    return client.post(reverse("stakeholders:register"), registration(**changes))


@pytest.mark.parametrize("name", ["!!!", "...", "—", "¿?", "\u202e\u202c"])
def test_a_name_without_letters_or_digits_is_refused_on_the_form(client_for, alice, name):
    response = register(client_for(alice), name=name)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Museo\u202eadreM",  # right-to-left override: shows the name backwards
        "\u2066Museo\u2069",  # isolates
        "Museo\u200e de la Ciudad",  # left-to-right mark
        "Museo\x07",
    ],
)
def test_bidi_and_control_characters_are_refused_with_a_clear_message(client_for, alice, name):
    response = register(client_for(alice), name=name)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["name"])
    assert "invisible" in errors or "invisibles" in errors
    assert not Organisation.objects.exists()


def test_an_organisation_named_only_with_symbols_does_not_stop_others_from_registering(
    client_for, alice, sam
):
    OrganisationFactory(name="!!!", slug="legacy")  # saved before names were checked
    response = register(client_for(alice))
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Casa de la Cultura del Sur").exists()


def test_the_service_reports_a_clashing_name_on_the_name_field(alice):
    from stakeholders.services import organisation_register

    OrganisationFactory(name="Casa de la Cultura del Sur", slug="casa")
    sector = Sector.objects.get(slug="culture")
    with pytest.raises(Exception) as raised:
        organisation_register(
            user=alice, organisation=Organisation(name="casa de la cultura  del sur", sector=sector)
        )
    assert "name" in raised.value.message_dict


def test_two_people_registering_the_same_name_at_once_get_a_form_error_not_a_500(
    client_for, alice, monkeypatch
):
    bob = UserFactory()
    checked = Organisation.full_clean

    def bob_registers_meanwhile(organisation, *args, **kwargs):
        checked(organisation, *args, **kwargs)
        # Bob's registration commits after every check on Alice's passed, before her save.
        if organisation.pk is None and organisation.created_by == alice:
            OrganisationFactory(name=organisation.name, slug="casa-de-bob", created_by=bob)

    monkeypatch.setattr(Organisation, "full_clean", bob_registers_meanwhile)
    response = register(client_for(alice))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Organisation.objects.filter(created_by=alice).exists()


def test_renaming_an_organisation_to_symbols_is_refused(client_for, bob, organisation):
    response = client_for(bob).post(
        reverse("stakeholders:organisation-edit", args=[organisation.slug]),
        registration(name="!!!", sector=organisation.sector.pk),
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.name == "Biblioteca Central"


def test_renaming_a_verified_organisation_sends_it_back_to_staff(
    client_for, bob, organisation, sam, on_commit
):
    with on_commit():
        response = client_for(bob).post(
            reverse("stakeholders:organisation-edit", args=[organisation.slug]),
            registration(name="Banco Central", sector=organisation.sector.pk),
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Banco Central"
    assert not organisation.verified
    assert organisation.verified_by is None
    queue = client_for(sam).get(reverse("stakeholders:verification")).context["organisations"]
    assert organisation in queue
    assert [message.to for message in mail.outbox] == [[sam.email]]
    assert "Banco Central" in mail.outbox[0].body
    assert "Biblioteca Central" in mail.outbox[0].body


def test_editing_a_verified_organisation_without_renaming_keeps_it_verified(
    client_for, bob, organisation, sam, on_commit
):
    with on_commit():
        client_for(bob).post(
            reverse("stakeholders:organisation-edit", args=[organisation.slug]),
            registration(
                name=organisation.name, sector=organisation.sector.pk, description_es="Nuevo texto."
            ),
        )
    organisation.refresh_from_db()
    assert organisation.description == "Nuevo texto."
    assert organisation.verified
    assert mail.outbox == []


def test_an_account_registers_a_few_organisations_a_day_and_is_told_why_beyond(
    client_for, alice, settings
):
    settings.ORGANISATION_REGISTRATIONS_PER_DAY = 2
    client = client_for(alice)
    assert register(client, name="Primera").status_code == 302
    assert register(client, name="Segunda").status_code == 302
    response = register(client, name="Tercera")
    assert response.status_code == 429
    assert "24" in " ".join(response.context["form"].non_field_errors())
    assert Organisation.objects.filter(created_by=alice).count() == 2


def test_the_limit_counts_each_account_separately(client_for, alice, settings):
    settings.ORGANISATION_REGISTRATIONS_PER_DAY = 1
    assert register(client_for(alice), name="Primera").status_code == 302
    carlos = UserFactory()
    MembershipFactory(user=carlos)
    assert register(client_for(carlos), name="Segunda").status_code == 302
