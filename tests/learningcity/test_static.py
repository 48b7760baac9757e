"""Static files the production build can process (collectstatic with hashed names)."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
SOURCE_MAP = re.compile(rb"[#@]\s*sourceMappingURL=(?P<name>[^\s*]+)")


def scripts_and_stylesheets():
    return sorted(path for path in STATIC.rglob("*") if path.suffix in {".js", ".css"})


@pytest.mark.parametrize(
    "path", scripts_and_stylesheets(), ids=lambda path: str(path.relative_to(STATIC))
)
def test_every_source_map_a_file_names_is_vendored_beside_it(path):
    """The manifest storage refuses a file naming a missing map, and the image build stops."""
    for match in SOURCE_MAP.finditer(path.read_bytes()):
        name = match["name"].decode()
        if name.startswith("data:"):
            continue
        assert (path.parent / name).is_file(), f"{path.relative_to(STATIC)} names {name}, missing"


ROOT = STATIC.parent
INLINE = [
    (re.compile(r"<style\b", re.IGNORECASE), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "an event-handler attribute"),
    # A <script> with neither src nor a data type such as application/ld+json.
    (
        re.compile(r"<script(?![^>]*\b(?:src|type\s*=\s*[\"']application/(?:ld\+)?json))[^>]*>"),
        "an inline script",
    ),
]


def templates():
    return sorted(
        path
        for path in ROOT.glob("*/templates/**/*.html")
        if not path.is_relative_to(ROOT / ".venv")
    ) + sorted((ROOT / "templates").glob("**/*.html"))


@pytest.mark.parametrize("path", templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_have_no_inline_script_or_style(path):
    """The Content-Security-Policy refuses them: the browser would silently drop them."""
    source = path.read_text()
    for pattern, what in INLINE:
        match = pattern.search(source)
        assert not match, f"{what} in {path.relative_to(ROOT)}: {match[0]!r}"
