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
