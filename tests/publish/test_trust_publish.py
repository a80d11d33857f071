"""Publishing under attack and accident (issue 10): forged releases, rollback, kills, a full disk.

One build of two communities is made per module; each test works on its own copy of the output
folder (links are copied as links), so a forged or rolled-back site never leaks into another test.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.manifest import file_hashes, write_manifest
from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000", "PYTHONPATH": str(ROOT)}
WITHDRAWN = "撤回的活动标题"  # a record of the second release, which rollback withdraws
NEW_ACTIVITY = f"""  - id: a2026-1120
    date: 2026-11-20
    kind: 志愿服务
    unit: zb
    title: {WITHDRAWN}
"""


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def what_is_published(out: Path) -> dict[str, str]:
    """What readers and rollback see: the portal files, each community's link and the files of
    the release it shows, and the history of releases (new releases not yet live are left out)."""
    seen = {}
    for entry in sorted(out.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            seen[entry.name] = "-> " + os.readlink(entry)
            seen |= {f"{entry.name}/{rel}": d for rel, d in digest(entry.resolve()).items()}
        elif entry.is_dir():
            seen |= {f"{entry.name}/{rel}": d for rel, d in digest(entry).items()}
        else:
            seen[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    for history in sorted(out.glob(".releases/*/history.json")):
        seen[history.relative_to(out).as_posix()] = history.read_text()
    return seen


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(data, out): the tiny community as xiaoyuan and as dongyuan, built once."""
    work = tmp_path_factory.mktemp("publish")
    data = work / "data"
    shutil.copytree(TINY, data)
    shutil.copytree(data / "communities" / "xiaoyuan", data / "communities" / "dongyuan")
    out = work / "site"
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data), "--out", str(out),
                             "--today", "2026-11-23"], cwd=work, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return data, out


@pytest.fixture
def site(published, tmp_path) -> Path:
    """A private copy of the published output folder."""
    copy = tmp_path / "site"
    shutil.copytree(published[1], copy, symlinks=True)
    return copy


@pytest.fixture
def data(published, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(published[0], copy)
    return copy


def verify(site_dir: Path, capsys) -> tuple[int, str]:
    status = main(["verify", str(site_dir)])
    return status, capsys.readouterr().out


def release_of(out: Path, slug: str) -> Path:
    return out / os.readlink(out / slug)


# --- verify -----------------------------------------------------------------------------------

def test_an_untouched_release_verifies(site, capsys):
    assert verify(site / "xiaoyuan", capsys) == (0, "核对通过：所有文件与发布时留存的清单一致\n")
    manifest = json.loads((site / "xiaoyuan" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["community"] == "xiaoyuan" and manifest["audience"] == "public"
    assert manifest["source_commit"]


def copy_other_communitys_release_in(site: Path) -> None:
    """The files of dongyuan's release, manifest and all, put where xiaoyuan's release is."""
    target = release_of(site, "xiaoyuan")
    shutil.rmtree(target)
    shutil.copytree(release_of(site, "dongyuan"), target)


def link_other_communitys_release(site: Path) -> None:
    (site / "xiaoyuan").unlink()
    (site / "xiaoyuan").symlink_to(os.readlink(site / "dongyuan"))


def forge_manifest(folder: Path, **fields) -> None:
    """What an attacker does after changing files: a manifest of the files as they are now."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    write_manifest(folder, {**manifest, **fields, "files": file_hashes(folder)})


def relabel_other_communitys_release(site: Path) -> None:
    """dongyuan's release with a manifest regenerated to name xiaoyuan and its live id."""
    copy_other_communitys_release_in(site)
    target = release_of(site, "xiaoyuan")
    forge_manifest(target, build_id=target.name, community="xiaoyuan")


def regenerate_manifest_after_an_edit(site: Path) -> None:
    target = release_of(site, "xiaoyuan")
    page = target / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("小园社区", "伪造社区"), encoding="utf-8")
    forge_manifest(target)


def replace_release_with_a_plain_folder(site: Path) -> None:
    """The link swapped for a folder holding a doctored copy with its own, consistent manifest."""
    source = release_of(site, "xiaoyuan")
    (site / "xiaoyuan").unlink()
    shutil.copytree(source, site / "xiaoyuan")
    page = site / "xiaoyuan" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<script>alert(1)</script>", encoding="utf-8")
    forge_manifest(site / "xiaoyuan")


def change_a_file(site: Path) -> None:
    page = release_of(site, "xiaoyuan") / "organization" / "index.html"
    page.write_bytes(page.read_bytes().replace("小园".encode(), "大园".encode(), 1))


def add_a_file(site: Path) -> None:
    (release_of(site, "xiaoyuan") / "evil.js").write_text("alert(1)\n", encoding="utf-8")


def remove_the_kept_manifest(site: Path) -> None:
    """A release dangwu never published here (its kept manifest is not there)."""
    live = release_of(site, "xiaoyuan")
    (live.parent / f"{live.name}.manifest.json").unlink()


FORGERIES = [
    (copy_other_communitys_release_in, "不是“xiaoyuan”"),
    (link_other_communitys_release, "不是“xiaoyuan”"),
    (relabel_other_communitys_release, "清单被改动或重新生成过"),
    (regenerate_manifest_after_an_edit, "清单被改动或重新生成过"),
    (replace_release_with_a_plain_folder, "清单被改动或重新生成过"),
    (change_a_file, "被修改：organization/index.html"),
    (add_a_file, "多出：evil.js"),
    (remove_the_kept_manifest, "找不到发布时留存的清单"),
]


@pytest.mark.parametrize("forge,said", FORGERIES, ids=[f.__name__ for f, _ in FORGERIES])
def test_a_forged_release_does_not_verify(site, capsys, forge, said):
    forge(site)
    status, out = verify(site / "xiaoyuan", capsys)
    assert status == 1, out
    assert said in out and "核对未通过" in out


def test_verify_of_a_folder_without_manifest_fails_in_chinese(tmp_path, capsys):
    (tmp_path / "xiaoyuan").mkdir()
    status, out = verify(tmp_path / "xiaoyuan", capsys)
    assert status == 1 and "manifest.json 不存在" in out


# --- rollback ---------------------------------------------------------------------------------

def add_withdrawn_activity(data: Path) -> None:
    path = data / "communities" / "xiaoyuan" / "activities" / "2026.yml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_ACTIVITY, encoding="utf-8")


KILL_AFTER_SWAP = """
import os, sys
from generator.publish import release
real = release._point
def point_then_die(*args):
    real(*args)
    os._exit(137)  # killed right after the link moved
release._point = point_then_die
from generator.cli import main
main(sys.argv[1:])
"""


def test_a_build_killed_after_the_swap_can_still_be_rolled_back_and_the_street_follows(site, data, monkeypatch,
                                                                                          capsys):
    monkeypatch.chdir(site.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    first = os.readlink(site / "xiaoyuan")
    add_withdrawn_activity(data)
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_SWAP, "build", str(data), "--out", str(site),
                             "--today", "2026-11-23", "--community", "xiaoyuan"],
                            cwd=site.parent, env=ENV, capture_output=True, text=True)
    assert killed.returncode == 137, killed.stdout + killed.stderr
    assert os.readlink(site / "xiaoyuan") != first  # the new release went live before the kill
    # the street files of a finished build of the new release (the kill came before them)
    assert main(["build", str(data), "--out", str(site), "--today", "2026-11-23", "--community", "xiaoyuan"]) == 0
    assert WITHDRAWN in (site / "feed.xml").read_text(encoding="utf-8")
    assert "2026年11月20日" in (site / "index.html").read_text(encoding="utf-8")
    capsys.readouterr()

    assert main(["rollback", "--out", str(site), "--community", "xiaoyuan"]) == 0
    assert "已恢复到之前的版本" in capsys.readouterr().out
    assert os.readlink(site / "xiaoyuan") == first
    assert WITHDRAWN not in (site / "feed.xml").read_text(encoding="utf-8")
    assert "2026年11月20日" not in (site / "index.html").read_text(encoding="utf-8")  # 信息更新 of the withdrawn
    assert verify(site / "xiaoyuan", capsys)[0] == 0

    assert main(["rollback", "--out", str(site), "--community", "xiaoyuan"]) == 1
    assert "xiaoyuan：没有更早的版本可以恢复" in capsys.readouterr().out
    assert os.readlink(site / "xiaoyuan") == first


def test_rollback_with_nothing_published_fails_in_chinese(tmp_path, capsys):
    assert main(["rollback", "--out", str(tmp_path / "nothing")]) == 1
    assert "没有已发布的社区" in capsys.readouterr().out
    (tmp_path / "empty").mkdir()
    assert main(["rollback", "--out", str(tmp_path / "empty")]) == 1
    assert "没有可以恢复的版本" in capsys.readouterr().out


# --- a full disk ------------------------------------------------------------------------------

def disk_full_when(monkeypatch, predicate) -> None:
    """Writing a file whose path matches ``predicate`` fails as on a full disk (ENOSPC)."""
    for method in ("write_text", "write_bytes"):
        real = getattr(pathlib.Path, method)

        def failing(self, *args, _real=real, **kwargs):
            if predicate(self):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
            return _real(self, *args, **kwargs)
        monkeypatch.setattr(pathlib.Path, method, failing)


FULL_DISK_AT = {
    "portal": lambda path: path.name.startswith(".index.html"),
    "street feed": lambda path: path.name.startswith(".feed.xml"),
    "release history": lambda path: "history.json" in path.name,
    "kept manifest": lambda path: path.name.endswith(".manifest.json") or ".manifest.json." in path.name,
}


@pytest.mark.parametrize("where", list(FULL_DISK_AT))
def test_a_full_disk_while_publishing_leaves_the_site_untouched(site, data, monkeypatch, capsys, where):
    add_withdrawn_activity(data)
    before = what_is_published(site)
    monkeypatch.chdir(site.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    disk_full_when(monkeypatch, FULL_DISK_AT[where])
    status = main(["build", str(data), "--out", str(site), "--today", "2026-11-23", "--community", "xiaoyuan"])
    out = capsys.readouterr().out
    assert status == 1
    assert "磁盘空间已满" in out and "已发布的网站保持不变" in out
    assert what_is_published(site) == before
    assert WITHDRAWN not in (site / "feed.xml").read_text(encoding="utf-8")


def test_a_full_disk_while_rolling_back_changes_nothing(site, data, monkeypatch, capsys):
    add_withdrawn_activity(data)
    monkeypatch.chdir(site.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    assert main(["build", str(data), "--out", str(site), "--today", "2026-11-23", "--community", "xiaoyuan"]) == 0
    before = what_is_published(site)
    capsys.readouterr()
    disk_full_when(monkeypatch, FULL_DISK_AT["portal"])
    status = main(["rollback", "--out", str(site), "--community", "xiaoyuan"])
    out = capsys.readouterr().out
    assert status == 1
    assert "磁盘空间已满" in out and "没有恢复任何版本" in out
    assert what_is_published(site) == before


def test_a_plain_folder_where_the_release_link_should_be_is_refused_in_chinese(site, data, monkeypatch, capsys):
    """Someone copied a site over the link: the build says so and overwrites nothing."""
    release = site / os.readlink(site / "xiaoyuan")
    (site / "xiaoyuan").unlink()
    shutil.copytree(release, site / "xiaoyuan")
    add_withdrawn_activity(data)
    before = what_is_published(site)
    monkeypatch.chdir(site.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    status = main(["build", str(data), "--out", str(site), "--today", "2026-11-23", "--community", "xiaoyuan"])
    out = capsys.readouterr().out
    assert status == 1
    assert "不是 dangwu 的发布链接" in out and "已发布的网站保持不变" in out
    assert what_is_published(site) == before
