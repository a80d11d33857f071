"""Hostile files under data/ (issue 10): links, FIFOs, devices, sockets, folders where a record
should be; photos of members-only activities; two builds from one working folder.

Each case is what a clerk (or whoever can push to the repository) could plant: git stores
symlinks, so a link in photos/ once published /etc/passwd, and a FIFO hung ``dangwu check``.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000"}
COMMUNITY = Path("communities") / "xiaoyuan"


def copy_tiny(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    return data


def dangwu(*args, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI in its own process, so a FIFO that blocks a read fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**ENV, "PYTHONPATH": str(ROOT)}, timeout=timeout)


def check(data: Path, *extra) -> subprocess.CompletedProcess:
    return dangwu("check", data, "--today", "2026-11-23", *extra, cwd=data.parent)


def make_socket(path: Path) -> None:
    here = os.getcwd()
    os.chdir(path.parent)  # a relative name: a socket's path is limited to 108 bytes
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(path.name)
        sock.close()
    finally:
        os.chdir(here)


def link(target: str):
    return lambda path: path.symlink_to(target)


# (name, the entry's path inside data/, how to make it, the code expected). Each is reported by
# `dangwu check` with the entry's own path and a Chinese message, and nothing behind it is read.
HOSTILE_ENTRIES = [
    ("photo linked to a server file", COMMUNITY / "photos/logo.jpg", link("/etc/passwd"), "file-symlink"),
    ("page linked to a server file", COMMUNITY / "content/guide/feedback.md", link("/etc/passwd"), "file-symlink"),
    ("record file linked elsewhere", COMMUNITY / "partners.yml", link("/etc/hostname"), "file-symlink"),
    ("year file linked inside data/", COMMUNITY / "notices/2025.yml", link("2026.yml"), "file-symlink"),
    ("content folder linked to /etc", COMMUNITY / "content", link("/etc"), "file-symlink"),
    ("photos folder linked inside data/", COMMUNITY / "photos", link("../activities"), "file-symlink"),
    ("dangling link", COMMUNITY / "photos/gone.jpg", link("/nonexistent/file"), "file-symlink"),
    ("community folder linked to /etc", Path("communities/etc"), link("/etc"), "file-symlink"),
    ("community folder linked to another", Path("communities/copy"), link("xiaoyuan"), "file-symlink"),
    ("link at the top of data/", Path("passwd.yml"), link("/etc/passwd"), "file-symlink"),
    ("FIFO as a page", COMMUNITY / "content/guide/feedback.md", os.mkfifo, "file-special"),
    ("FIFO as a record file", COMMUNITY / "activities/2025.yml", os.mkfifo, "file-special"),
    ("FIFO as a photo", COMMUNITY / "photos/a.jpg", os.mkfifo, "file-special"),
    ("FIFO at the top of data/", Path("pipe"), os.mkfifo, "file-special"),
    ("socket in photos/", COMMUNITY / "photos/s.jpg", make_socket, "file-special"),
    ("character device in content/", COMMUNITY / "content/null.md",
     lambda path: os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3)), "file-special"),
]


@pytest.mark.parametrize("name,where,make,code", HOSTILE_ENTRIES, ids=[c[0] for c in HOSTILE_ENTRIES])
def test_links_and_special_files_are_refused_by_check(tmp_path, name, where, make, code):
    data = copy_tiny(tmp_path)
    path = data / where
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    result = check(data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"data/{where.as_posix()}:0:0: {code} " in result.stdout, result.stdout
    assert "root:" not in result.stdout and "Traceback" not in result.stderr  # /etc/passwd not read
    expected = "这是一个链接" if code == "file-symlink" else "这不是普通文件"
    assert expected in result.stdout


def test_a_linked_photo_stops_the_build_and_publishes_nothing(tmp_path):
    data = copy_tiny(tmp_path)
    root = data / COMMUNITY
    (root / "photos").mkdir()
    (root / "photos" / "passwd.jpg").symlink_to("/etc/passwd")
    activities = root / "activities" / "2026.yml"
    text = activities.read_text(encoding="utf-8")
    activities.write_text(text.replace("    location: 党群服务中心\n", "    location: 党群服务中心\n    photos: [passwd.jpg]\n", 1),
                          encoding="utf-8")
    result = dangwu("build", data, "--out", tmp_path / "site", "--today", "2026-11-23", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/communities/xiaoyuan/photos/passwd.jpg:0:0: file-symlink" in result.stdout
    assert "没有构建" in result.stdout
    assert not (tmp_path / "site" / "xiaoyuan").exists()


@pytest.mark.parametrize("where", ["activities/2026.yml", "partners.yml", "community.yml", "finances/2025.yml"])
def test_a_record_path_that_is_a_folder_is_a_problem_not_a_traceback(tmp_path, capsys, where):
    data = copy_tiny(tmp_path)
    path = data / COMMUNITY / where
    if path.exists():
        path.unlink()
    (path / "inside.yml").parent.mkdir(parents=True)
    (path / "inside.yml").write_text("x: 1\n", encoding="utf-8")
    status = main(["check", str(data), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"communities/xiaoyuan/{where}:0:0: file-is-folder 这里应是一个记录文件，却是一个文件夹" in out


# --- photos: only those a shown record uses are published ------------------------------------

PHOTO_EDITS = {  # a public activity with a photo, a members-only one with another
    "    location: 党群服务中心\n": "    location: 党群服务中心\n    photos: [public.jpg]\n",
    "title: 一月支委会, audience: members": "title: 一月支委会, audience: members, photos: [members-only.jpg]",
}


@pytest.fixture(scope="module")
def photo_sites(tmp_path_factory):
    """The tiny community with three photos, built for the public and for members (one data copy)."""
    work = tmp_path_factory.mktemp("photos")
    data = copy_tiny(work)
    root = data / COMMUNITY
    (root / "photos").mkdir()
    for name in ("public.jpg", "members-only.jpg", "stray.jpg"):
        (root / "photos" / name).write_bytes(b"\xff\xd8\xff\xe0" + name.encode())
    activities = root / "activities" / "2026.yml"
    text = activities.read_text(encoding="utf-8")
    for old, new in PHOTO_EDITS.items():
        assert old in text
        text = text.replace(old, new, 1)
    activities.write_text(text, encoding="utf-8")
    sites = {}
    for audience in ("public", "members"):
        out = work / f"site-{audience}"
        result = dangwu("build", data, "--out", out, "--today", "2026-11-23", "--audience", audience, cwd=work)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[audience] = out / "xiaoyuan"
    return data, sites


def published_photos(site: Path) -> tuple[set[str], set[str]]:
    on_disk = {p.name for p in (site / "photos").iterdir()} if (site / "photos").is_dir() else set()
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    listed = {Path(rel).name for rel in manifest["files"] if rel.startswith("photos/")}
    return on_disk, listed


def test_the_public_site_publishes_only_photos_of_public_records(photo_sites):
    _, sites = photo_sites
    assert published_photos(sites["public"]) == ({"public.jpg"}, {"public.jpg"})
    html = (sites["public"] / "activities" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "photos/public.jpg" in html and "members-only.jpg" not in html


def test_the_members_site_publishes_the_photos_of_every_record_but_no_stray_one(photo_sites):
    _, sites = photo_sites
    both = {"public.jpg", "members-only.jpg"}
    assert published_photos(sites["members"]) == (both, both)


def test_check_warns_of_a_photo_no_record_uses(photo_sites, capsys):
    data, _ = photo_sites
    status = main(["check", str(data), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert status == 0  # a warning: the clerk is told, nothing is refused
    assert "photos/stray.jpg:0:0: photo-unreferenced 警告 没有哪条记录用到这张照片，它不会被发布" in out
    assert "members-only.jpg:0:0" not in out and "public.jpg:0:0" not in out


# --- two builds from one working folder ------------------------------------------------------

def two_datas(tmp_path: Path) -> dict[str, Path]:
    """Two copies of the tiny community that differ in the office hours on every page."""
    datas = {}
    for word in ("甲甲甲", "乙乙乙"):
        data = tmp_path / f"data-{word}"
        shutil.copytree(TINY, data)
        path = data / COMMUNITY / "community.yml"
        text = path.read_text(encoding="utf-8")
        assert "每月第一个周三上午" in text
        path.write_text(text.replace("每月第一个周三上午", f"每月第一个周三上午{word}"), encoding="utf-8")
        datas[word] = data
    return datas


def site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*.html")))


def test_a_preview_rendered_during_a_build_does_not_leak_into_it(tmp_path, monkeypatch, capsys):
    """`dangwu serve --community` re-renders its pages while a build of the same working folder
    runs: the build must publish its own records only."""
    from generator.load.dataset import load_community
    from generator.pipeline import community as build

    datas = two_datas(tmp_path)
    other, _ = load_community(datas["乙乙乙"] / COMMUNITY)
    real_build = build.engine.build

    def build_while_previewing(config_path):
        preview = build.build_dir_for(tmp_path / "build", "xiaoyuan", "public")  # the default --work
        build.render_docs(other, build.date(2026, 11, 23), "public", preview)  # what the preview writes
        return real_build(config_path)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    monkeypatch.setattr(build.engine, "build", build_while_previewing)
    out = tmp_path / "site"
    assert main(["build", str(datas["甲甲甲"]), "--out", str(out), "--today", "2026-11-23"]) == 0, capsys.readouterr()
    text = site_text(out / "xiaoyuan")
    assert "甲甲甲" in text and "乙乙乙" not in text
    assert not any((tmp_path / "build" / ".runs").iterdir())  # each build's folder is removed


def test_two_builds_at_once_from_one_folder_publish_exactly_their_own_sites(tmp_path):
    datas = two_datas(tmp_path)
    runs = {word: subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(data), "--out", str(tmp_path / f"site-{word}"),
         "--today", "2026-11-23"], cwd=tmp_path, env={**ENV, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for word, data in datas.items()}
    outputs = {word: run.communicate(timeout=600)[0] for word, run in runs.items()}
    assert all(run.returncode == 0 for run in runs.values()), outputs
    for word, other in (("甲甲甲", "乙乙乙"), ("乙乙乙", "甲甲甲")):
        text = site_text(tmp_path / f"site-{word}" / "xiaoyuan")
        assert word in text and other not in text
