"""Golden pages: the tiny community rendered to Markdown equals tests/golden/xiaoyuan/.

After an intended change, regenerate with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_golden.py`
and read the diff before committing it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.checks import load_and_check
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from tests.conftest import TINY, TODAY

GOLDEN = Path(__file__).parents[1] / "golden" / "xiaoyuan"


@pytest.fixture(scope="module")
def tiny_outside_git(tmp_path_factory) -> Path:
    """The fixture copied out of our repository, so the 更新记录 page and "last changed"
    dates do not follow this project's own commits."""
    data = tmp_path_factory.mktemp("golden") / "tiny"
    shutil.copytree(TINY, data)
    return data


def rendered(data: Path) -> dict[str, str]:
    communities, problems = load_and_check(data, None, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    pages = render_site(PageContext(communities[0], TODAY, "public"))
    return {k: v for k, v in pages.items() if not k.startswith("guide/")}


def test_golden_pages(tiny_outside_git):
    pages = rendered(tiny_outside_git)
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for rel in pages:
        assert pages[rel] == expected[rel], f"{rel} differs from its golden copy"


@pytest.mark.parametrize("page", ["index.md", "finances/2026.md", "activities/2026.md"])
def test_front_matter_is_quoted(page, tiny_outside_git):
    text = rendered(tiny_outside_git)[page]
    assert text.startswith('---\n') and '\n"title": "' in text.split('---')[1]
