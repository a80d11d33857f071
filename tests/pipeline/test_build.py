"""`dangwu build` end to end on the tiny community: the HTML a resident gets, and publishing safety."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILD_ENV, TINY, TODAY, build_site, replace_in, tree_digest

ROOT = Path(__file__).resolve().parents[2]
ENV = BUILD_ENV
build = build_site  # the tests of other stages import it from here


def dangwu(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=ENV)


@pytest.fixture(scope="module")
def built(tiny_site) -> Path:
    """The public site of the unchanged tiny community, shared with the whole session: read only."""
    return tiny_site().out


@pytest.fixture(scope="module")
def members_site(tiny_site) -> Path:
    """The members' site of the unchanged tiny community, shared with the whole session: read only."""
    return tiny_site("members").out


def page(site: Path, rel: str) -> str:
    return (site / "xiaoyuan" / rel).read_text(encoding="utf-8")


def all_text(site: Path) -> str:
    text_files = {".html", ".json", ".xml", ".js", ".csv", ".txt", ".svg"}
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in text_files)


def test_build_publishes_every_page_and_the_portal(built):
    assert (built / "xiaoyuan").is_symlink()
    for rel in ["index.html", "organization/index.html", "commitments/2026/index.html",
                "finances/2026/index.html", "activities/2026/index.html", "notices/index.html",
                "notices/2026/index.html", "partners/index.html", "catalog/index.html",
                "guide/reading/index.html", "guide/feedback/index.html", "manifest.json"]:
        assert (built / "xiaoyuan" / rel).is_file(), rel
    portal = (built / "index.html").read_text(encoding="utf-8")
    assert "小园社区" in portal and 'href="xiaoyuan/' in portal


def test_board_shows_money_in_chinese_format(built):
    html = page(built, "index.html")
    assert "¥10,000.00" in html and "¥13,849.50" in html


def test_records_have_stable_anchors(built):
    assert 'id="a2026-0110"' in page(built, "activities/2026/index.html")
    assert 'id="n2026-01"' in page(built, "notices/2026/index.html")
    assert 'id="c2026-01"' in page(built, "commitments/2026/index.html")
    assert 'id="f2026-1"' in page(built, "finances/2026/index.html")


def test_dates_are_chinese(built):
    assert "2026年1月10日" in page(built, "activities/2026/index.html")


def test_members_only_dues_stay_off_the_public_site(built, members_site):
    assert "一季度党费" not in all_text(built)
    assert "一季度党费" in page(members_site, "finances/2026/index.html")


def test_ordinary_members_are_masked_on_the_public_site(built, members_site):
    roster = page(built, "organization/index.html")
    assert "王*涛" in roster            # 在职报到, no post: masked
    assert "李秀英" in roster            # post holder: public by role
    assert "王海涛" not in all_text(built)
    assert "王海涛" in page(members_site, "organization/index.html")


def test_markdown_from_clerks_is_rendered_and_sanitised(tmp_path, write_community):
    activities = (TINY / "communities/xiaoyuan/activities/2026.yml").read_text(encoding="utf-8")
    hostile = activities.replace(
        "title: 学雷锋义诊", 'title: "\\"><script>alert(1)</script>学雷锋义诊"').replace(
        "清理 **3 个楼门** 的堆物。",
        "清理 **3 个楼门** 的堆物。<script>alert(2)</script> [点我](javascript:alert(3)) <b onclick=\"alert(4)\">粗</b>")
    data = write_community({"activities/2026.yml": hostile})
    out = tmp_path / "site"
    result = build(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    html = page(out, "activities/2026/index.html")
    assert "<strong>3 个楼门</strong>" in html
    assert "<script>alert" not in html and "javascript:" not in html and "onclick" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;学雷锋义诊" in html


def community_site(out: Path, slug: str = "xiaoyuan") -> tuple[str, dict[str, str]]:
    """What a resident of one community sees: the release its link points at, and its files."""
    return os.readlink(out / slug), tree_digest((out / slug).resolve())


def test_bad_records_build_nothing_and_keep_the_published_site(tmp_path, write_community):
    data = write_community()
    out = tmp_path / "site"
    assert build(data, out).returncode == 0
    before = community_site(out)
    replace_in(data / "communities/xiaoyuan/finances/2026.yml", '"-350.50"', "-350.5")
    result = build(data, out)
    assert result.returncode == 1
    assert "money-unquoted" in result.stdout and "没有构建" in result.stdout
    assert community_site(out) == before
    assert "未更新" in (out / "index.html").read_text(encoding="utf-8")  # the street office sees it


def test_two_builds_are_byte_identical(tmp_path, built):
    again = tmp_path / "site"
    assert build(TINY, again).returncode == 0
    assert tree_digest(built / "xiaoyuan") == tree_digest(again / "xiaoyuan")
    assert (built / "index.html").read_bytes() == (again / "index.html").read_bytes()


def test_verify_catches_a_one_byte_edit(tmp_path, tiny_site):
    out = tiny_site().copy_to(tmp_path / "site")  # the edit below must not reach the shared site
    site = out / "xiaoyuan"
    assert dangwu("verify", site).returncode == 0
    target = (site / "organization/index.html").resolve()
    data = bytearray(target.read_bytes())
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")
    target.write_bytes(bytes(data))
    result = dangwu("verify", site)
    assert result.returncode == 1 and "organization/index.html" in result.stdout


def test_rollback_restores_the_previous_release(tmp_path, write_community):
    data = write_community()
    out = tmp_path / "site"
    assert build(data, out).returncode == 0
    first = os.readlink(out / "xiaoyuan")
    replace_in(data / "communities/xiaoyuan/community.yml", "每月第一个周三上午", "每周三上午")
    assert build(data, out).returncode == 0
    assert os.readlink(out / "xiaoyuan") != first
    assert "每周三上午" in page(out, "index.html")
    result = dangwu("rollback", "--out", out, "--community", "xiaoyuan")
    assert result.returncode == 0
    assert os.readlink(out / "xiaoyuan") == first
    assert "每月第一个周三上午" in page(out, "index.html")


def test_a_killed_build_leaves_the_site_unchanged(tmp_path, write_community):
    data = write_community()
    out = tmp_path / "site"
    assert build(data, out).returncode == 0
    before = tree_digest(out)
    replace_in(data / "communities/xiaoyuan/community.yml", "小园路8号", "小园路9号")
    # Kill the build as soon as MkDocs has started writing its pages: it builds into the build
    # folder (./build/.runs/<run>/.staging/<slug>), and only a verified site reaches the output.
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                                "--today", "2026-11-23"], cwd=tmp_path, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    runs = tmp_path / "build" / ".runs"
    for _ in range(2000):
        if any(runs.glob("*/.staging/xiaoyuan/**/*.html")) or process.poll() is not None:
            break
        subprocess.run(["sleep", "0.005"])
    assert process.poll() is None, "the build ended before MkDocs wrote a page: nothing was killed"
    os.killpg(process.pid, 9)
    process.wait()
    after = tree_digest(out)
    assert {k: v for k, v in after.items() if not k.startswith((".staging/", ".cache/"))} == \
        {k: v for k, v in before.items() if not k.startswith(".cache/")}


def test_build_prints_a_line_per_community(tiny_site):
    assert "[1/1] xiaoyuan 小园社区：完成" in tiny_site().printed


def test_unknown_community_is_refused(tmp_path):
    result = build(TINY, tmp_path / "site", "--community", "nosuch")
    assert result.returncode == 1 and "nosuch" in result.stdout
    assert not (tmp_path / "site" / "index.html").exists()


def test_preview_pages_are_written_only_when_changed(tmp_path, monkeypatch):
    """The preview (dangwu serve --community) re-renders into build/<slug>/docs on every edit;
    an unchanged page keeps its time, so MkDocs' watcher reloads only on real changes."""
    from generator.load.dataset import load_community
    from generator.pipeline.community import build_dir_for, render_docs

    monkeypatch.chdir(tmp_path)
    community, _ = load_community(TINY / "communities" / "xiaoyuan")
    root = build_dir_for(tmp_path / "build", "xiaoyuan", "public")
    render_docs(community, TODAY, "public", root)
    docs = tmp_path / "build" / "xiaoyuan" / "docs"
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    assert len(times) > 10
    render_docs(community, TODAY, "public", root)
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == times


def test_manifest_lists_every_file(built):
    site = built / "xiaoyuan"
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(manifest["files"]) == files
    assert manifest["build_id"] == os.readlink(built / "xiaoyuan").rsplit("/", 1)[-1]


def test_a_communitys_own_page_is_sanitised(tmp_path, write_community):
    data = write_community({"content/guide/feedback.md":
                            "# 我们的意见箱\n\n欢迎**来信**。<script>alert(1)</script>\n\n<b onmouseover=alert(2)>提示</b>\n"})
    out = tmp_path / "site"
    result = build(data, out)
    assert result.returncode == 0, result.stdout
    html = page(out, "guide/feedback/index.html")
    assert "我们的意见箱" in html and "<strong>来信</strong>" in html
    assert "alert(" not in html


def test_personal_data_in_a_page_stops_the_build_and_names_the_file(tmp_path, write_community):
    data = write_community()
    out = tmp_path / "site"
    assert build(data, out).returncode == 0
    before = community_site(out)
    (data / "communities/xiaoyuan/content/guide").mkdir(parents=True)
    (data / "communities/xiaoyuan/content/guide/feedback.md").write_text(
        "# 反映意见\n\n有事请找王书记：139 1234 5678\n", encoding="utf-8")
    result = build(data, out)
    assert result.returncode == 1
    assert "content/guide/feedback.md:3:" in result.stdout and "personal-mobile" in result.stdout
    assert "139 1234 5678" not in result.stdout
    assert community_site(out) == before
    assert "139 1234 5678" not in (out / "index.html").read_text(encoding="utf-8")


def test_two_builds_at_once_both_publish_a_whole_site(tmp_path):
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", str(TINY), "--out", str(out), "--today", "2026-11-23"]
    runs = [subprocess.Popen(command, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert dangwu("verify", out / "xiaoyuan").returncode == 0


def test_a_community_with_only_the_required_files_builds_for_both_audiences(tmp_path, write_community):
    data = write_community({name: None for name in ["members.yml", "partners.yml", "activities",
                                                     "commitments", "finances", "notices"]})
    for out, extra in ((tmp_path / "site", ()), (tmp_path / "site-members", ("--audience", "members"))):
        result = build(data, out, *extra)
        assert result.returncode == 0, result.stdout
        assert (out / "xiaoyuan" / "organization" / "index.html").is_file()
