"""Rendering is pure: the git history and the hand-written pages are read once while loading
(``load.alongside``); rendering a site from them starts no process and reads no git (issue 14)."""
from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.load.alongside import load_alongside
from generator.load.dataset import load_community
from generator.pipeline.community import portal_figures, render_docs
from generator.render.kiosk import write_kiosk
from generator.render.opendata import write_downloads
from generator.render.printing.render import render_sheet
from generator.render.printing.sheets import sheets
from tests.conftest import TODAY
from tests.views.test_history import commit, edit, git, git_env  # noqa: F401  (git_env is a fixture)

SLUG = "xiaoyuan"
OWN_PAGE = "# 小园社区说明\n\n居民议事会每月第一个周六召开。\n"


@pytest.fixture
def history_repo(write_community, git_env):  # noqa: F811
    """The tiny community with a page of its own, in a repository of three commits."""
    data = write_community({"content/notes.md": OWN_PAGE})
    root = data / "communities" / SLUG
    git(data, "init", "-q")
    commit(data, "建立小园社区记录", "2026-03-01T09:00:00+08:00")
    edit(root / "finances" / "2026.yml", 'amount: "-350.50"', 'amount: "-530.50"')
    commit(data, "改正一笔支出", "2026-03-06T18:00:00+08:00")
    (root / "notices" / "2026.yml").write_text("notices: []\n", encoding="utf-8")
    commit(data, "撤回公示", "2026-03-09T10:00:00+08:00")
    return root


class ProcessStarted(AssertionError):
    """Rendering tried to start a process."""


@contextmanager
def no_processes(monkeypatch):
    """Every way this code could start a process (git included) raises while inside."""
    def refuse(*args, **kwargs):
        raise ProcessStarted(f"rendering started a process: {args[:1]}")

    with monkeypatch.context() as patch:
        patch.setattr(subprocess, "run", refuse)
        patch.setattr(subprocess, "Popen", refuse)
        for name in ("fork", "system", "posix_spawn", "posix_spawnp", "execv", "execve", "execvp"):
            if hasattr(os, name):
                patch.setattr(os, name, refuse)
        yield


def render_everything(community, alongside, folder: Path) -> dict[str, object]:
    """The Markdown pages, the kiosk, the open data, the portal figures and the sheets' HTML."""
    ctx, pages, root = render_docs(community, TODAY, "public", folder / "build", alongside)
    write_kiosk(folder / "site", ctx)
    write_downloads(folder / "site", ctx)
    written = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return {"pages": pages, "files": written, "portal": portal_figures(ctx),
            "sheets": {sheet.name: render_sheet(ctx, sheet) for sheet in sheets(ctx)}}


def test_rendering_starts_no_process_and_shows_the_history(history_repo, tmp_path, monkeypatch):
    community, problems = load_community(history_repo)
    assert not [p for p in problems if p.severity == "error"]
    alongside = load_alongside(history_repo)  # the load stage: git is read here, once
    with no_processes(monkeypatch):
        pure = render_everything(community, alongside, tmp_path / "pure")
    reading = render_everything(community, None, tmp_path / "reading")  # loads its own, unpatched
    assert pure["pages"] == reading["pages"]
    assert pure["files"].keys() == reading["files"].keys()
    assert pure == reading
    changes = pure["pages"]["changes/index.md"]
    assert all(f"## 2026年3月{day}日" in changes for day in (1, 6, 9))
    assert "修改财务 2026年第2笔“学雷锋志愿服务物资”：金额 -¥350.50 → -¥530.50" in changes
    assert "notes.md" in pure["pages"] and "居民议事会每月第一个周六召开" in pure["pages"]["notes.md"]
    assert "guide/reading.md" in pure["pages"]


def test_hand_written_pages_are_read_while_loading(history_repo, tmp_path):
    community, _ = load_community(history_repo)
    alongside = load_alongside(history_repo)
    (history_repo / "content" / "notes.md").write_text("# 改过了\n", encoding="utf-8")
    _, pages, _ = render_docs(community, TODAY, "public", tmp_path, alongside)
    assert "居民议事会每月第一个周六召开" in pages["notes.md"]  # what was loaded, not read again
