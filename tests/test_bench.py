"""The benchmark harness (bench/run.py): a bare baseline, a table that says what it measured."""

import pytest
from django.test import override_settings

from bench import run
from stakeholders.forum import scale, selectors
from tests.queries import max_queries


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls")
def test_the_baseline_is_the_base_template_without_a_query(client):
    client.get("/bench/baseline/")
    with max_queries(0):
        response = client.get("/bench/baseline/")
    assert response.status_code == 200
    assert 'class="skip-link"' in response.content.decode()


@pytest.mark.django_db
def test_the_baseline_page_is_not_part_of_the_portal(client):
    assert client.get("/bench/baseline/").status_code == 404


def test_the_table_gives_each_page_as_a_ratio_to_the_baseline():
    baseline = {"median": 10.0, "p95": 12.0, "rps": 200.0, "kb": 9.6}
    plan = {"median": 35.0, "p95": 50.5, "rps": 57.2, "kb": 1843.2}
    table = run.table(
        [("baseline", "/bench/baseline/", baseline), ("plan", "/plan/", plan)], baseline
    )
    assert "| baseline | `/bench/baseline/` | 10.0 | 12.0 | 200 | 1.0 | 10 |" in table
    assert "| plan | `/plan/` | 35.0 | 50.5 | 57 | 3.5 | 1,843 |" in table


def test_the_seeded_database_is_remade_when_its_size_or_migrations_change(tmp_path, monkeypatch):
    for name in run.SEED_SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("seed")
    migration = tmp_path / "planning" / "migrations" / "0001_initial.py"
    migration.parent.mkdir(parents=True, exist_ok=True)
    migration.write_text("first")
    monkeypatch.setattr(run, "ROOT", tmp_path)
    first = run.seed_key(run.SIZES["small"])
    assert run.seed_key(run.SIZES["small"]) == first
    assert run.seed_key(run.SIZES["large"]) != first
    migration.write_text("second")
    assert run.seed_key(run.SIZES["small"]) != first


def test_the_bench_finds_the_forum_pages_seed_scale_makes():
    assert (run.TOPICS_PER_PAGE, run.POSTS_PER_PAGE) == (
        selectors.TOPICS_PER_PAGE,
        selectors.POSTS_PER_PAGE,
    )
    assert scale.BIG_CATEGORY["slug"] == run.LARGE_CATEGORY
    assert {"stakeholders/forum/demo.py", "stakeholders/forum/scale.py"} <= set(run.SEED_SOURCES)
