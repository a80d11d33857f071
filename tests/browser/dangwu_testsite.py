"""Names what the browser tests and tests/publish/test_offline.py look for in the site they share:
the tiny fixture community built once per session by ``tiny_site`` (tests/conftest.py), a portal
at <out>/index.html and the community at <out>/xiaoyuan/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"
SLUG = "xiaoyuan"

# Names the search must find: a person and a branch of the tiny fixture community.
PERSON = "周玉兰"
BRANCH = "小园社区党支部"
# The tiny community's phones (community.yml), shown in every footer and on 反映意见.
OFFICE_PHONE = "010-62001234"
SUPERVISION_PHONE = "010-62001235"

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
