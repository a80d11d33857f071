"""Issue 11, street scale: each community is published on its own, unchanged ones are skipped,
shards plus `dangwu portal` make exactly the sites of one full build.

One street of three copies of the tiny community is built once per module (in full, and in
three shards); each test that builds again works on its own copy of the output folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TINY, replace_in

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000", "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
SLUGS = ("beiyuan", "dongyuan", "xiaoyuan")  # one in each of three shards


def dangwu(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env=ENV)


def build(data: Path, out: Path, *extra) -> subprocess.CompletedProcess:
    return dangwu("build", data, "--out", out, "--today", "2026-11-23", *extra, cwd=out.parent)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def live(out: Path) -> dict[str, str]:
    """What readers and `dangwu verify` see: each community's link, the files of its live release
    and its kept manifest, and the street's own files (portal, its assets, the street feed)."""
    seen = {}
    for entry in sorted(out.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            seen[entry.name] = os.readlink(entry)
            seen |= {f"{entry.name}/{rel}": d for rel, d in digest(entry.resolve()).items()}
            kept = out / ".releases" / entry.name / f"{entry.resolve().name}.manifest.json"
            seen[kept.relative_to(out).as_posix()] = hashlib.sha256(kept.read_bytes()).hexdigest()
        elif entry.is_dir():
            seen |= {f"{entry.name}/{rel}": d for rel, d in digest(entry).items()}
        else:
            seen[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return seen


def card(out: Path, slug: str) -> str:
    """The portal's card of one community (from its link to the next card)."""
    html = (out / "index.html").read_text(encoding="utf-8")
    start = html.index(f'href="{slug}/"')
    end = html.find("</li>", start)
    return html[start:end]


@pytest.fixture(scope="module")
def street(tmp_path_factory):
    """(data, full, shards, outputs): three communities built in one run and in three shards."""
    work = tmp_path_factory.mktemp("street")
    data = work / "data"
    shutil.copytree(TINY, data)
    for slug in SLUGS:
        if slug != "xiaoyuan":
            shutil.copytree(data / "communities" / "xiaoyuan", data / "communities" / slug)
    full = work / "full"
    outputs = {"full": build(data, full, "--jobs", "2")}
    assert outputs["full"].returncode == 0, outputs["full"].stdout + outputs["full"].stderr
    shards = work / "shards"
    for index in (1, 2, 3):
        result = build(data, shards, "--shard", f"{index}/3", "--jobs", "1")
        assert result.returncode == 0, result.stdout + result.stderr
        outputs[f"shard {index}"] = result
    outputs["portal"] = dangwu("portal", data, "--out", shards, "--today", "2026-11-23", cwd=work)
    return data, full, shards, outputs


@pytest.fixture
def site(street, tmp_path) -> tuple[Path, Path]:
    """(data, out): private copies of the records and of the fully built output folder."""
    data, full, _, _ = street
    shutil.copytree(data, tmp_path / "data")
    shutil.copytree(full, tmp_path / "site", symlinks=True)
    return tmp_path / "data", tmp_path / "site"


def test_three_shards_and_the_portal_make_exactly_the_sites_of_one_full_build(street):
    data, full, shards, outputs = street
    assert outputs["portal"].returncode == 0, outputs["portal"].stdout
    assert "门户已生成" in outputs["portal"].stdout
    for slug in SLUGS:  # each community was built by exactly one shard
        assert sum(f"] {slug} 小园社区：完成" in outputs[f"shard {i}"].stdout for i in (1, 2, 3)) == 1
    assert "门户和街道订阅没有更新" in outputs["shard 1"].stdout
    assert live(shards) == live(full)
    assert {"index.html", "feed.xml", "assets/dangwu.css"} <= set(live(full))
    for slug in SLUGS:
        assert dangwu("verify", shards / slug, cwd=shards.parent).returncode == 0


def test_source_maps_are_not_shipped(street):
    _, full, _, _ = street
    release = (full / "xiaoyuan").resolve()
    assert not list(release.rglob("*.map"))
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    assert not [name for name in manifest["files"] if name.endswith(".map")]
    assert any(name.startswith("assets/javascripts/") for name in manifest["files"])  # the code itself ships


def test_a_rebuild_without_changes_skips_every_community(site):
    data, out = site
    before = live(out)
    result = build(data, out)
    assert result.returncode == 0, result.stdout + result.stderr
    for slug in SLUGS:
        assert f"{slug}：未变化，跳过" in result.stdout
    assert "完成" not in result.stdout.replace("完成：", "")  # no community was built
    assert live(out) == before


def test_a_one_record_change_rebuilds_and_publishes_only_that_community(site):
    data, out = site
    before = {slug: os.readlink(out / slug) for slug in SLUGS}
    replace_in(data / "communities/beiyuan/community.yml", "每月第一个周三上午", "每周三上午")
    result = build(data, out, "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[1/1] beiyuan 小园社区：完成" in result.stdout
    assert "dongyuan：未变化，跳过" in result.stdout and "xiaoyuan：未变化，跳过" in result.stdout
    assert os.readlink(out / "beiyuan") != before["beiyuan"]
    assert "每周三上午" in (out / "beiyuan" / "index.html").read_text(encoding="utf-8")
    assert {slug: os.readlink(out / slug) for slug in ("dongyuan", "xiaoyuan")} == \
        {slug: before[slug] for slug in ("dongyuan", "xiaoyuan")}


def test_a_failing_community_keeps_its_site_and_shows_as_not_updated_while_others_publish(site):
    data, out = site
    failing = digest((out / "dongyuan").resolve()), os.readlink(out / "dongyuan")
    replace_in(data / "communities/dongyuan/finances/2026.yml", '"-350.50"', "-350.5")
    replace_in(data / "communities/beiyuan/community.yml", "每月第一个周三上午", "每周三上午")
    result = build(data, out)
    assert result.returncode == 1
    assert "money-unquoted" in result.stdout
    assert "[dongyuan] 有 1 个问题必须先改正：没有构建，已发布的网站保持不变" in result.stdout
    assert "1 个未通过（dongyuan，保持原来的网站）" in result.stdout
    assert (digest((out / "dongyuan").resolve()), os.readlink(out / "dongyuan")) == failing
    assert "每周三上午" in (out / "beiyuan" / "index.html").read_text(encoding="utf-8")  # not held back
    assert "未更新（网站仍是2026年11月23日生成的版本；原因：记录检查未通过，有 1 个问题待社区改正）" in card(out, "dongyuan")
    assert "未更新：最近一次生成没有通过" in card(out, "dongyuan")  # the badge the street office scans for
    assert "未更新" not in card(out, "beiyuan") and "未更新" not in card(out, "xiaoyuan")
    assert "-350.5" not in (out / "index.html").read_text(encoding="utf-8")  # no record text in the reason

    replace_in(data / "communities/dongyuan/finances/2026.yml", "-350.5", '"-350.50"')  # the clerk fixes it
    fixed = build(data, out)
    assert fixed.returncode == 0, fixed.stdout
    assert "dongyuan：未变化，跳过" in fixed.stdout  # the live site is already what the records say
    assert "未更新" not in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, said", [(("--jobs", "0"), "应是 1 或更大的整数"),
                                        (("--shard", "4/3"), "应写成 第几份/共几份")])
def test_bad_jobs_or_shard_is_a_usage_error_in_chinese(tmp_path, args, said):
    result = build(TINY, tmp_path / "site", *args)
    assert result.returncode == 2 and said in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_portal_of_an_empty_output_folder_is_refused(tmp_path):
    result = dangwu("portal", TINY, "--out", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 1 and "还没有已发布的社区" in result.stdout


def test_shards_are_stable_and_cover_every_community_once():
    from generator.pipeline.street import in_shard

    slugs = [f"c{n:03d}" for n in range(200)]
    parts = [[s for s in slugs if in_shard(s, (i, 4))] for i in (1, 2, 3, 4)]
    assert sorted(s for part in parts for s in part) == slugs
    assert all(20 < len(part) < 80 for part in parts)
    # adding a community moves no other
    assert [s for s in slugs + ["new"] if in_shard(s, (2, 4))][: len(parts[1])] == parts[1]


def test_the_key_changes_with_the_records_the_tool_inputs_and_the_date(tmp_path):
    from generator.publish.inputs import History, community_key

    folder = tmp_path / "c"
    shutil.copytree(TINY / "communities" / "xiaoyuan", folder)
    history = History("", "1763856000")
    key = community_key(folder, "street", history, date(2026, 11, 23), "public")
    assert key == community_key(folder, "street", history, date(2026, 11, 23), "public")
    assert key != community_key(folder, "street", history, date(2026, 11, 24), "public")
    assert key != community_key(folder, "street", history, date(2026, 11, 23), "members")
    assert key != community_key(folder, "street2", history, date(2026, 11, 23), "public")
    assert key != community_key(folder, "street", History("abc", "1763856000"), date(2026, 11, 23), "public")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "new.jpg").write_bytes(b"\xff\xd8")
    assert key != community_key(folder, "street", history, date(2026, 11, 23), "public")


def test_every_feed_is_plain_atom_after_a_build_that_printed_sheets(street):
    """WeasyPrint (imported for the printed sheets) resets ElementTree's prefixes: the street's
    and each community's feed must still read <feed xmlns="…Atom">, never <ns0:feed>."""
    _, full, shards, _ = street
    feeds = [full / "feed.xml", shards / "feed.xml"] + [full / slug / "data" / "feed.xml" for slug in SLUGS]
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert '<feed xmlns="http://www.w3.org/2005/Atom"' in text and "ns0:" not in text, feed
