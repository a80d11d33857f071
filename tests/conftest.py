"""Shared test helpers: a copy of the tiny community with some files replaced."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"
TODAY = date(2026, 11, 23)  # the day the tiny community's dates are checked against


@pytest.fixture
def write_community(tmp_path):
    """``write_community(files, slug="xiaoyuan") -> data dir``: tests/fixtures/tiny copied to
    tmp_path/data (once), a copy of its community under ``slug`` if that is another name, then
    each ``files`` entry (path inside the community → str, bytes, or None to delete) written."""

    def write(files: dict | None = None, slug: str = "xiaoyuan") -> Path:
        data = tmp_path / "data"
        if not data.exists():
            shutil.copytree(TINY, data)
        community = data / "communities" / slug
        if not community.exists():
            shutil.copytree(TINY / "communities" / "xiaoyuan", community)
        for name, content in (files or {}).items():
            path = community / name
            if content is None:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return data

    return write


def edited_tiny(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the tiny community with each (file, old, new) replacement made once;
    returns the community folder. Each ``old`` must be there, so a stale edit fails loudly."""
    shutil.copytree(TINY, tmp_path / "data")
    root = tmp_path / "data" / "communities" / "xiaoyuan"
    for name, old, new in edits:
        replace_in(root / name, old, new)
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
