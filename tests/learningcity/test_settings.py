import pytest
from django.core.exceptions import ImproperlyConfigured

from learningcity.email_url import parse_email_url


def test_smtp_email_url_is_read():
    config = parse_email_url("smtp://mailer:s%40cret@mail.example.org:587?tls=1")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "mailer"
    assert config["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert config["EMAIL_USE_TLS"] is True
    assert config["EMAIL_USE_SSL"] is False


def test_smtps_defaults_to_port_465_with_ssl():
    config = parse_email_url("smtps://mail.example.org")
    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"]) == (465, True)


def test_console_email_url():
    assert parse_email_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_unknown_email_scheme_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        parse_email_url("pigeon://coop")
