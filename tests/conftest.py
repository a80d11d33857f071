"""Shared test helpers: a copy of the tiny community with some files replaced, and the tiny
community's site built once per test session."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny"
TODAY = date(2026, 11, 23)  # the day the tiny community's dates are checked against
# Every build in the tests stamps this time (sitemap dates), so two builds can be compared byte for byte.
BUILD_ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000"}


def build_site(data: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    """`dangwu build DATA --out OUT --today 2026-11-23 EXTRA…` in a fresh process, from OUT's
    parent folder (its build/ goes there, not into the repository)."""
    return subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                           "--today", TODAY.isoformat(), *map(str, extra)],
                          cwd=out.parent, capture_output=True, text=True, env=BUILD_ENV)


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (links to folders not followed), by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class BuiltSite:
    """A site built once and shared by every test that asks for it: read it, never change it
    (copy it with ``copy_to`` first); the session checks at its end that nobody did."""
    out: Path      # the --out folder: the portal index.html, <slug> → .releases/<slug>/<build>
    printed: str   # what the build printed

    def copy_to(self, folder: Path) -> Path:
        """A private copy of the --out folder (links kept as links) that a test may change."""
        shutil.copytree(self.out, folder, symlinks=True)
        return folder


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory):
    """``tiny_site(audience="public") -> BuiltSite``: the unchanged tests/fixtures/tiny built by
    `dangwu build` (``build_site``, plus ``--audience members`` for members), once per session
    and audience. Tests that edit records or test the build command itself build their own."""
    built: dict[str, tuple[BuiltSite, dict[str, str]]] = {}

    def site(audience: str = "public") -> BuiltSite:
        if audience not in built:
            out = tmp_path_factory.mktemp(f"tiny-{audience}") / "site"
            result = build_site(TINY, out, *(("--audience", audience) if audience != "public" else ()))
            assert result.returncode == 0, result.stdout + result.stderr
            built[audience] = BuiltSite(out, result.stdout), tree_digest(out)
        return built[audience][0]

    yield site
    for audience, (shared, digest) in built.items():
        assert tree_digest(shared.out) == digest, f"a test changed the shared {audience} site of the tiny community"


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
