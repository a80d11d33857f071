"""`dangwu serve --community`: editing a YAML file re-renders the page the browser shows."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_editing_yaml_updates_the_preview(tmp_path, write_community):
    data = write_community()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(data), "--community", "xiaoyuan",
         "--port", str(port), "--today", "2026-11-23"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "每月第一个周三上午" in fetch(url), 60), "preview did not start"
        community = data / "communities/xiaoyuan/community.yml"
        community.write_text(community.read_text(encoding="utf-8").replace("每月第一个周三上午", "每周二下午"),
                             encoding="utf-8")
        assert wait_for(lambda: "每周二下午" in fetch(url), 60), "the page did not follow the edit"
        # A broken edit keeps the last good preview and says what is wrong.
        community.write_text(community.read_text(encoding="utf-8").replace("short_name:", "shortname:"),
                             encoding="utf-8")
        time.sleep(2)
        assert "每周二下午" in fetch(url)
        # No rebuild loop: the generated pages stop changing once written.
        docs = tmp_path / "build" / "xiaoyuan" / "docs"
        before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
        time.sleep(2)
        assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == before
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "unknown-field" in output
    # Reading the records is no change: one edit, one re-render (no loop on file reads).
    assert output.count("已更新 xiaoyuan") == 1, output


BANNER = 'id="dangwu-preview-problems"'


def test_problems_show_in_the_browser_until_fixed_and_never_get_published(tmp_path, write_community):
    data = write_community()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(data), "--community", "xiaoyuan",
         "--port", str(port), "--today", "2026-11-23"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    community = data / "communities/xiaoyuan/community.yml"
    good = community.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: "每月第一个周三上午" in fetch(url), 60), "preview did not start"
        assert BANNER not in fetch(url)
        assert "livereload" in fetch(url)  # the banner rides on MkDocs' own live reload

        community.write_text(good.replace("short_name:", "shortname:"), encoding="utf-8")
        line = good.splitlines().index(next(t for t in good.splitlines() if t.startswith("short_name:"))) + 1
        assert wait_for(lambda: BANNER in fetch(url), 60), "no banner after a broken edit"
        page = fetch(url)
        banner = page[page.index(BANNER):]
        assert f"data/communities/xiaoyuan/community.yml:{line}" in banner
        assert "没有“shortname”这个字段" in banner
        assert "每月第一个周三上午" in page  # the last good page stays below the banner
        assert BANNER in fetch(url + "organization/")  # on every page

        community.write_text(good, encoding="utf-8")
        assert wait_for(lambda: BANNER not in fetch(url), 60), "the banner stayed after the fix"
        assert "每月第一个周三上午" in fetch(url)

        commitments = community.parent / "commitments/2026.yml"  # a warning only: the build goes ahead
        commitments.write_text(commitments.read_text(encoding="utf-8").replace(
            "    target: 全部清理，复查不超过 1 处\n", ""), encoding="utf-8")
        assert wait_for(lambda: "commitment-no-target" in fetch(url), 60), "a warning is shown too"
    finally:
        process.terminate()
        process.communicate(timeout=20)
    assert "commitment-no-target" in (tmp_path / "build/xiaoyuan/preview-problems.json").read_text(encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(data), "--out", str(tmp_path / "site"),
         "--today", "2026-11-23"], cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert pages and not any("dangwu-preview-problems" in p for p in pages)
