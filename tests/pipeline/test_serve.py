"""`dangwu serve --community`: editing a YAML file re-renders the page the browser shows."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def start_preview(tmp_path, data):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(data), "--community", "xiaoyuan",
         "--port", str(port), "--today", "2026-11-23"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return process, f"http://127.0.0.1:{port}/"


def test_editing_yaml_updates_the_preview(tmp_path, write_community):
    data = write_community()
    process, url = start_preview(tmp_path, data)
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
    process, url = start_preview(tmp_path, data)
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


def search_pages(url: str) -> set[str]:
    """The pages the preview's search index holds an entry for."""
    import json

    text = fetch(url + "search/search_index.json")
    return {d["location"].split("#")[0] for d in json.loads(text)["docs"]} if text else set()


def test_an_activity_edit_reaches_its_page_and_a_broken_file_keeps_it_under_the_banner(tmp_path, write_community):
    data = write_community()
    activities = data / "communities/xiaoyuan/activities/2026.yml"
    good = activities.read_text(encoding="utf-8")
    process, url = start_preview(tmp_path, data)
    page = url + "activities/2026/"
    try:
        assert wait_for(lambda: "学雷锋义诊" in fetch(page), 60), "preview did not start"
        indexed = search_pages(url)
        assert {"", "activities/2026/", "organization/"} <= indexed

        edited = good.replace("title: 学雷锋义诊", "title: 学雷锋义诊和理发")
        activities.write_text(edited, encoding="utf-8")
        assert wait_for(lambda: "学雷锋义诊和理发" in fetch(page), 60), "the page did not follow the edit"
        assert BANNER not in fetch(page)
        assert "每月第一个周三上午" in fetch(url)  # the other pages are still served
        # Only the changed pages were rebuilt, yet search still knows every page, and the new title.
        assert search_pages(url) == indexed
        assert "学雷锋义诊和理发" in fetch(url + "search/search_index.json").replace("\u200b", "")

        activities.write_text(edited.replace("    kind: 志愿服务\n", "    kind: 志愿\n"), encoding="utf-8")
        assert wait_for(lambda: BANNER in fetch(page), 60), "no banner after a broken edit"
        shown = fetch(page)
        assert "data/communities/xiaoyuan/activities/2026.yml:" in shown[shown.index(BANNER):]
        assert "学雷锋义诊和理发" in shown  # the last good page stays below the banner
        assert BANNER in fetch(url + "organization/")  # every page, not only the edited one

        activities.write_text(edited.replace("title: 学雷锋义诊和理发", "title: 学雷锋义诊（已改正）"),
                              encoding="utf-8")
        assert wait_for(lambda: "学雷锋义诊（已改正）" in fetch(page), 60), "the fix did not reach the page"
        assert BANNER not in fetch(page)
        assert BANNER not in fetch(url + "organization/")
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "activities/2026.yml" in output  # the clerk's terminal names the broken file too


NEW_YEAR = """activities:
  - id: a2025-1206
    date: 2025-12-06
    kind: 志愿服务
    unit: zb
    title: 冬季扫雪志愿服务
    location: 党群服务中心
    attendance: {present: 4, expected: 4}
"""


def test_a_new_year_file_adds_its_page_and_every_page_keeps_the_navigation(tmp_path, write_community):
    data = write_community()
    new_year = data / "communities/xiaoyuan/activities/2025.yml"
    process, url = start_preview(tmp_path, data)
    try:
        assert wait_for(lambda: "学雷锋义诊" in fetch(url + "activities/2026/"), 60), "preview did not start"
        assert "冬季扫雪志愿服务" not in fetch(url + "activities/2025/")

        new_year.write_text(NEW_YEAR, encoding="utf-8")
        assert wait_for(lambda: "冬季扫雪志愿服务" in fetch(url + "activities/2025/"), 60), "no page for the new year"
        assert 'href="2025/"' in fetch(url + "activities/")  # the year list links to it
        for address in ("activities/2025/", "activities/2026/", "", "finances/"):
            shown = fetch(url + address)
            assert "公开目录" in shown and "organization/" in shown, f"navigation missing on /{address}"
        assert "学雷锋义诊" in fetch(url + "activities/2026/")
        assert "activities/2025/" in search_pages(url)

        new_year.unlink()  # and gone again: no page left behind, no link, no search entry
        assert wait_for(lambda: "冬季扫雪志愿服务" not in fetch(url + "activities/2025/"), 60)
        assert 'href="2025/"' not in fetch(url + "activities/")
        assert "activities/2025/" not in search_pages(url)
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_the_preview_parses_again_only_the_files_a_save_changed(write_community):
    from generator.load.dataset import load_community, reusing

    root = write_community() / "communities" / "xiaoyuan"
    cache: dict = {}
    with reusing(cache):
        before, _ = load_community(root)
    activities = root / "activities/2026.yml"
    activities.write_text(activities.read_text(encoding="utf-8").replace("学雷锋义诊", "学雷锋理发"), encoding="utf-8")
    with reusing(cache):
        after, problems = load_community(root)
    assert not [p for p in problems if p.severity == "error"]
    assert after.organization is before.organization  # unchanged: not parsed again
    assert [a.title for a in after.activities[2026].activities if a.id == "a2026-0305"] == ["学雷锋理发"]
    assert set(after.sources) == set(before.sources)  # every file's places are still known to the checks
    fresh, _ = load_community(root)  # outside the block nothing is reused
    assert fresh.organization is not after.organization
