"""Every string a person reads goes through gettext, and both catalogues are complete."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["es", "en"]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# Attributes people read or hear; their values must be translated like text.
READ_ATTRIBUTES = re.compile(r'\b(alt|title|aria-label|placeholder)="([^"{]*[A-Za-z][^"{]*)"')
TAG = re.compile(r"<[^>]*>", re.DOTALL)
BLOCKS = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment|verbatim)\b.*?{%\s*end\1\s*%}", re.DOTALL
)
COMMENT = re.compile(r"{#.*?#}", re.DOTALL)
TEMPLATE_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL)
ENTITY = re.compile(r"&[a-z#0-9]+;")


def catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def template_files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))
        yield from sorted(directory.rglob("*.txt"))


def _blank(match):
    """Replace a match by a placeholder, keeping its line breaks so line numbers stay right."""
    return "§" + "\n" * match.group(0).count("\n")


def untranslated_text(path):
    """(line, text) of template text outside {% translate %} that a person would read."""
    source = path.read_text(encoding="utf-8")
    for pattern in [BLOCKS, COMMENT, TEMPLATE_TAG, SCRIPT]:
        source = pattern.sub(_blank, source)
    problems = [
        (number, match.group(0))
        for number, line in enumerate(source.splitlines(), 1)
        for match in READ_ATTRIBUTES.finditer(line)
    ]
    text = ENTITY.sub(" ", TAG.sub(_blank, source))
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(r"[A-Za-zÁÉÍÓÚáéíóúñÑ]{2,}", line):
            problems.append((number, " ".join(line.split())[:80]))
    return problems


def test_no_template_text_escapes_translation():
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in template_files()
        if "vendor" not in path.parts
        for line, text in untranslated_text(path)
    ]
    assert not problems, "Text not marked for translation:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_empty_or_fuzzy_entries(language):
    po = catalogue(language)
    empty = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    assert not empty, f"{language}: {len(empty)} empty entries, e.g. {empty[:5]}"
    assert not fuzzy, f"{language}: fuzzy entries {fuzzy[:5]}"


@pytest.mark.slow
def test_catalogues_are_current(tmp_path):
    """Running `make messages` would add nothing: every marked string is in both catalogues."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "var", "tests", "*.sqlite3", "node_modules"
        ),
    )
    subprocess.run(
        [
            *(sys.executable, "manage.py", "makemessages", "--locale=es", "--locale=en"),
            *("--no-obsolete", "--ignore=staticfiles", "-v0"),
        ],
        cwd=copy,
        # The copy has no tests/, hence no tests.settings: the project's own, as `make messages`.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "learningcity.settings", "DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    for language in LANGUAGES:
        fresh = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        known = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}
        missing = [msgid for context, msgid in {(e.msgctxt, e.msgid) for e in fresh} - known]
        assert not missing, f"{language}: run `make messages` and translate: {missing[:10]}"
