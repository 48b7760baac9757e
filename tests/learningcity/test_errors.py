"""Error pages: in the site's layout, in the page's language, never a traceback."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DatabaseError
from django.http import Http404
from django.test import Client
from django.urls import path
from django.utils import translation

from learningcity import urls as site_urls
from learningcity.models import CityProfile, CityProfileManager

# This module is also the URLconf of the tests marked `urls`: the site plus views that fail.
ERRORS = {
    "bad-request": SuspiciousOperation("a forged header"),
    "forbidden": PermissionDenied("not yours"),
    "missing": Http404("no such organisation"),
    "broken": RuntimeError("secret internal detail"),
}


def failing_view(request, kind):
    raise ERRORS[kind]


urlpatterns = [
    *site_urls.urlpatterns,
    path("failing/<slug:kind>/", failing_view),
    path("en/failing/<slug:kind>/", failing_view),
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

PREFIX = {"es": "", "en": "/en"}
TITLES = {
    400: "Bad request",
    403: "Access denied",
    404: "Page not found",
    500: "Something went wrong",
}
KINDS = {"bad-request": 400, "forbidden": 403, "missing": 404, "broken": 500}


def in_language(language, text):
    with translation.override(language):
        return translation.gettext(text)


def assert_error_page(response, status, language):
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in html
    assert f'<h1 id="error-heading">{in_language(language, TITLES[status])}</h1>' in html
    assert 'class="site-header"' in html, "not in the site layout"
    assert 'class="site-footer"' in html
    assert "Traceback" not in html
    assert "secret internal detail" not in html
    return html


@pytest.fixture
def failing(client):
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_error_renders_its_page_in_the_layout(failing, kind, language):
    CityProfile.objects.update_or_create(pk=1, defaults={"name": "Villa Esperanza"})
    response = failing.get(f"{PREFIX[language]}/failing/{kind}/")
    html = assert_error_page(response, KINDS[kind], language)
    assert "Villa Esperanza" in html, "the city is missing: rendered without the request"
    # The layout's navigation is there, in the same language.
    assert f'href="{PREFIX[language]}/plan/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_an_unknown_address_answers_404_in_its_language(client, language):
    response = client.get(f"{PREFIX[language]}/no-such-page/")
    assert_error_page(response, 404, language)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_forbidden_offers_to_log_in_to_people_who_are_not(failing, client_for, alice):
    anonymous = failing.get("/en/failing/forbidden/")
    assert 'href="/en/accounts/login/?next=/en/failing/forbidden/"' in anonymous.content.decode()
    logged_in = client_for(alice).get("/en/failing/forbidden/")
    assert logged_in.status_code == 403
    assert "/accounts/login/?next=" not in logged_in.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_csrf_failure_asks_to_reload_the_page(language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"{PREFIX[language]}/accounts/login/",
        {"login": "alice@example.org", "password": "whatever-it-is"},
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in html
    assert in_language(language, "The form could not be sent") in html
    assert in_language(language, "Please go back to the form, reload the page and try again.") in (
        html
    )
    assert 'class="site-header"' in html
    assert "CSRF verification failed" not in html


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["es", "en"])
def test_the_500_page_falls_back_to_static_html_when_the_layout_fails(
    failing, monkeypatch, caplog, language
):
    def database_down(self):
        raise DatabaseError("could not connect to server")

    monkeypatch.setattr(CityProfileManager, "current", database_down)
    response = failing.get(f"{PREFIX[language]}/failing/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html
    assert f"<h1>{in_language(language, 'Something went wrong')}</h1>" in html
    assert f'<a href="{PREFIX[language]}/">' in html
    assert "could not connect" not in html
    assert "The 500 page could not be rendered in the layout" in caplog.text
    assert "Traceback" not in html
    assert "secret internal detail" not in html
