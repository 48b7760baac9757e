import pytest
from django.core.management import CommandError, call_command

from learningcity.models import CityProfile, User
from stakeholders.models import Flag, Membership, Organisation, Post, Subscription, Topic

pytestmark = pytest.mark.django_db

MODELS = [User, Organisation, Membership, CityProfile, CityProfile.history.model]
MODELS += [Topic, Post, Flag, Subscription]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_loads_the_demo_city_and_changes_nothing_the_second_time(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    first = counts()
    call_command("seed_demo", stdout=None)
    assert counts() == first
    assert CityProfile.objects.current().name == "Villa Esperanza"
    assert first["Organisation"] >= 10


def test_demo_accounts_can_log_in_with_their_roles(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    assert client.login(email="coordinator@example.org", password="demo-pass-2026")
    coordinator = User.objects.get(email="coordinator@example.org")
    assert set(coordinator.groups.values_list("name", flat=True)) == {"citizen", "coordinator"}
    stakeholder = User.objects.get(email="stakeholder@example.org")
    assert stakeholder.memberships.get().role == "admin"
    response = client.post(
        "/accounts/login/", {"login": "citizen@example.org", "password": "demo-pass-2026"}
    )
    assert response.status_code == 302


def test_seed_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_demo")
    assert not User.objects.exists()
