"""One way in, with allauth's rate limits: the admin has no login of its own, and behind the
documented proxy every visitor has their own limit (not the proxy's, shared by the whole city)."""

import pytest
from django.core.cache import cache

from tests.stakeholders.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_admin_login_sends_people_to_the_portal_login(client):
    response = client.get("/admin/login/?next=/admin/planning/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/planning/"


def test_the_admin_login_takes_no_password(client, sam):
    """Django's own admin login ignored allauth's rate limit (40 wrong passwords, no lockout)."""
    for _attempt in range(40):
        response = client.post("/admin/login/", {"username": sam.email, "password": "wrong"})
        assert response.status_code == 302
    response = client.post("/admin/login/", {"username": sam.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_log_in_through_the_portal_and_reach_the_admin(client, sam):
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": sam.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_citizen_sent_to_the_admin_login_is_refused_not_looped(client_for, alice):
    client = client_for(alice)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def failed_logins(client, count, forwarded_for):
    statuses = []
    for number in range(count):
        response = client.post(
            "/accounts/login/",
            {"login": f"nobody{number}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
            REMOTE_ADDR="10.0.0.2",  # the proxy
        )
        statuses.append(response.status_code)
    return statuses


@pytest.fixture
def login_limit(settings):
    """allauth's limit on login attempts per address, made small (its default is 30 a minute)."""
    settings.ACCOUNT_RATE_LIMITS = {"login": "5/m/ip"}
    cache.clear()


def test_behind_a_proxy_each_visitor_has_their_own_login_limit(client, settings, login_limit):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert failed_logins(client, 6, forwarded_for="203.0.113.7")[-1] == 429
    assert failed_logins(client, 1, forwarded_for="198.51.100.20") == [200]


def test_without_a_trusted_proxy_the_forwarded_address_is_not_believed(
    client, settings, login_limit
):
    """Else anyone could pick a fresh address per attempt and never be limited."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert failed_logins(client, 6, forwarded_for="203.0.113.7")[-1] == 429
    assert failed_logins(client, 1, forwarded_for="198.51.100.20") == [429]
