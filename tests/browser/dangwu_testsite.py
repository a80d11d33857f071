"""Builds the site that the browser tests and tests/publish/test_offline.py look at:
`dangwu build tests/fixtures/tiny --out <dir> --today 2026-11-23` (a portal at <dir>/index.html,
the community at <dir>/xiaoyuan/), and names what the tests look for in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny"
TODAY = "2026-11-23"
SLUG = "xiaoyuan"

# Names the search must find: a person and a branch of the tiny fixture community.
PERSON = "周玉兰"
BRANCH = "小园社区党支部"
# The tiny community's phones (community.yml), shown in every footer and on 反映意见.
OFFICE_PHONE = "010-62001234"
SUPERVISION_PHONE = "010-62001235"

_built: dict[str, Path] = {}


def built_site(workdir: Path) -> Path:
    """The site root (portal index.html, <slug>/…), built once per test session by the real
    `dangwu build` of the tiny fixture community."""
    if "root" not in _built:
        out = workdir / "site"
        command = [str(BIN / "dangwu"), "build", str(FIXTURE), "--out", str(out), "--today", TODAY]
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
        _built["root"] = out
    return _built["root"]


def published_files(root: Path, suffixes: tuple[str, ...] = (".html",)) -> list[str]:
    """Paths (relative to ``root``) of the files as the server publishes them: through the
    <slug> links into releases, never into hidden folders (.releases/) directly."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = Path(folder).relative_to(root)
        found += [(rel_folder / name).as_posix() for name in files if name.endswith(suffixes)]
    return sorted(found)


def url_of(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
