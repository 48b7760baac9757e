import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from learningcity.models import OutgoingEmail, User
from tests.stakeholders.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "learning-is-for-life-2026"


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Posts the sign-up form; the outbox's Celery task runs as the transaction commits."""

    def post(prefix="", **data):
        form = {"email": "dora@example.org", "password1": STRONG, "password2": STRONG}
        form.update(data)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{prefix}/accounts/signup/", form)

    return post


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S*/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_sends_a_confirmation_email_through_the_outbox(client, sign_up):
    response = sign_up(full_name="Dora Exploradora")
    assert response.status_code == 302
    dora = User.objects.get(email="dora@example.org")
    assert dora.full_name == "Dora Exploradora"
    assert list(dora.groups.values_list("name", flat=True)) == ["citizen"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dora@example.org"]
    assert OutgoingEmail.objects.get().sent_at is not None


def test_an_unconfirmed_account_cannot_log_in(client, sign_up):
    sign_up()
    client.logout()
    response = client.post("/accounts/login/", {"login": "dora@example.org", "password": STRONG})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_logs_the_person_in(client, sign_up):
    sign_up()
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="dora@example.org").verified
    assert client.get(reverse("account_profile")).status_code == 200


def test_sign_up_in_english_sets_the_preferred_language_and_sends_english_mail(client, sign_up):
    sign_up(prefix="/en")
    assert User.objects.get(email="dora@example.org").preferred_language == "en"
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


def test_a_spanish_sign_up_gets_its_email_in_spanish(client, sign_up):
    sign_up()
    dora = User.objects.get(email="dora@example.org")
    assert dora.preferred_language == "es"
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert "/en/" not in mail.outbox[0].body


def test_duplicate_email_makes_no_account_and_tells_the_owner_by_email(client, alice, sign_up):
    """allauth prevents account enumeration: the form does not reveal that an address has an
    account; its owner gets an e-mail saying so, with a link to reset the password."""
    response = sign_up(prefix="/en", email="ALICE@example.org")
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="alice@example.org").count() == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "ya existe" in mail.outbox[0].body  # in Alice's language, not the English page's
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_weak_password_is_refused_in_the_site_layout(client, sign_up):
    response = sign_up(prefix="/en", password1="12345678", password2="12345678")
    content = response.content.decode()
    assert response.status_code == 200
    assert "This password is too short" in content
    assert "This password is entirely numeric." in content
    assert 'class="skip-link"' in content
    assert not User.objects.exists()


def test_wrong_password_gives_a_translated_message(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "no son correctas" in content


def test_log_in_with_email_and_land_on_the_profile(client, alice):
    response = client.post("/accounts/login/", {"login": "ALICE@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_profile")


def test_expired_or_wrong_confirmation_link_says_so(client):
    response = client.get("/en/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_a_confirmation_link_works_once(client, sign_up):
    sign_up(prefix="/en")
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()


def test_password_reset_sends_a_link(client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_logged_in_person_can_change_password(client_for, alice):
    client = client_for(alice)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(STRONG)


def test_log_out_ends_the_session(client_for, alice):
    client = client_for(alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_rate_limited(client, alice):
    for _attempt in range(10):
        response = client.post("/en/accounts/login/", {"login": alice.email, "password": "nope"})
    assert "Too many failed login attempts" in response.content.decode()


def test_profile_requires_login(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_shows_roles_and_organisations(client_for, bob, organisation):
    bob.preferred_language = "en"
    bob.save()
    content = client_for(bob).get("/en/accounts/profile/").content.decode()
    assert "Citizen" in content
    assert organisation.name in content
    assert "Administrator" in content


def test_profile_saves_the_preferred_language_and_the_site_follows_it(client_for, alice):
    client = client_for(alice)
    response = client.post(
        reverse("account_profile"), {"full_name": "Alice Ciudadana", "preferred_language": "en"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.preferred_language == "en"
    follow = client.get("/plan/")
    assert follow.status_code == 302
    assert follow["Location"] == "/en/plan/"


def test_profile_with_bad_input_re_renders_with_errors_and_keeps_the_input(client_for):
    alice = UserFactory(full_name="Alice Ciudadana", preferred_language="en")
    response = client_for(alice).post(
        "/en/accounts/profile/", {"full_name": "Alice " * 40, "preferred_language": "fr"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the errors below." in content
    assert "Select a valid choice." in content
    assert "Alice Alice" in content
    alice.refresh_from_db()
    assert alice.full_name == "Alice Ciudadana"


def test_language_switch_remembers_the_choice(client_for, alice):
    client = client_for(alice)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/plan/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/plan/"
    alice.refresh_from_db()
    assert alice.preferred_language == "en"


def test_anonymous_language_switch_goes_to_the_translated_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/stakeholders/"})
    assert response["Location"] == "/en/stakeholders/"
    back = client.post("/i18n/setlang/", {"language": "es", "next": "/en/stakeholders/"})
    assert back["Location"] == "/stakeholders/"


def test_an_english_reader_is_not_redirected_from_pages_outside_the_language_prefix(client_for):
    reader = UserFactory(preferred_language="en")
    assert client_for(reader).get("/health/").status_code == 200
