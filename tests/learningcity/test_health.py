import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_reports_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("learningcity.views.connection.cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["status"] == "error"


@pytest.mark.django_db
def test_health_is_degraded_but_up_when_the_cache_fails(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis is away")

    monkeypatch.setattr("learningcity.views.cache.set", broken_set)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "error", "status": "degraded"}


def test_health_has_one_url_whatever_the_language(client, db):
    assert client.get("/en/health/").status_code == 404
