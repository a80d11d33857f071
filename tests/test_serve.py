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
