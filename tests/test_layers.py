"""The layers of DESIGN.md §2: an app imports only from apps to its left.

`learningcity` (the core) imports no action area; `events`, `provision` and `funding` share a
layer and do not import each other. What a left app must show of a right app comes through the
registry (`learningcity.registry`), never an import.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "learningcity": 0,
    "stakeholders": 1,
    "planning": 2,
    "events": 3,
    "provision": 3,
    "funding": 3,
    "monitoring": 4,
    "dashboard": 5,
}


def imported_apps(path):
    """(line, app) for every import of one of our apps in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            app = name.split(".")[0]
            if app in LAYERS:
                yield node.lineno, app


def violations(app):
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for line, imported in imported_apps(path):
            if imported != app and LAYERS[imported] >= LAYERS[app]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return found


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_an_app_imports_only_apps_to_its_left(app):
    assert violations(app) == []


def test_the_check_sees_an_import_to_the_right(tmp_path, monkeypatch):
    app = tmp_path / "stakeholders"
    app.mkdir()
    (app / "views.py").write_text("from planning.models import Action\nimport events.models\n")
    (app / "ok.py").write_text("from learningcity.models import User\nfrom . import views\n")
    monkeypatch.setattr("tests.test_layers.ROOT", tmp_path)
    assert violations("stakeholders") == [
        "stakeholders/views.py:1 imports planning",
        "stakeholders/views.py:2 imports events",
    ]


def test_the_check_refuses_a_sibling_of_the_same_layer(tmp_path, monkeypatch):
    app = tmp_path / "events"
    app.mkdir()
    (app / "models.py").write_text("from provision.models import LearningSpace\n")
    monkeypatch.setattr("tests.test_layers.ROOT", tmp_path)
    assert violations("events") == ["events/models.py:1 imports provision"]
