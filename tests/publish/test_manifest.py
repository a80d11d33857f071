"""manifest.json lists every file's SHA-256; verify() catches any file changed, added or removed."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from generator.publish.manifest import (
    Difference,
    ManifestError,
    build_manifest,
    verify,
    write_manifest,
)

FILES = {
    "index.html": "<p>小园社区</p>\n",
    "notices/2026/index.html": "<p>公示</p>\n",
    "search/search_index.json": '{"docs": []}\n',
    "assets/images/favicon.svg": "<svg></svg>\n",
    "photos/a.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
}


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    for name, content in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def publish(site: Path) -> dict:
    manifest = build_manifest(site, "3f2a9c1b0d4e", "e8c677c", "2026-11-23T08:00:00+08:00")
    write_manifest(site, manifest)
    return manifest


def test_the_manifest_lists_every_file_with_its_sha256(site):
    manifest = publish(site)
    assert manifest["build_id"] == "3f2a9c1b0d4e"
    assert manifest["source_commit"] == "e8c677c"
    assert manifest["built_at"] == "2026-11-23T08:00:00+08:00"
    assert list(manifest["files"]) == sorted(FILES)
    data = FILES["index.html"].encode("utf-8")
    assert manifest["files"]["index.html"] == hashlib.sha256(data).hexdigest()


def test_the_manifest_leaves_itself_out(site):
    publish(site)
    assert "manifest.json" not in build_manifest(site, "b", "c", "t")["files"]


def test_the_manifest_bytes_are_deterministic(site, tmp_path):
    path = write_manifest(site, publish(site))
    first = path.read_bytes()
    # the same content written in another order gives the same bytes
    shuffled = json.loads(first)
    shuffled = {k: shuffled[k] for k in reversed(list(shuffled))}
    shuffled["files"] = dict(reversed(list(shuffled["files"].items())))
    assert write_manifest(site, shuffled).read_bytes() == first
    assert first.endswith(b"}\n") and b'\n  "build_id": ' in first  # indent 2, final newline
    assert path == site / "manifest.json"


def test_an_untouched_site_verifies(site):
    publish(site)
    assert verify(site) == []


def test_a_one_byte_edit_is_caught(site):
    publish(site)
    page = site / "notices/2026/index.html"
    data = bytearray(page.read_bytes())
    data[4] ^= 0x01
    page.write_bytes(bytes(data))
    assert verify(site) == [Difference("changed", "notices/2026/index.html")]


def test_added_and_removed_files_are_caught(site):
    publish(site)
    (site / "photos/a.jpg").unlink()
    (site / "evil.js").write_text("alert(1)\n", encoding="utf-8")
    (site / "notices/2026/extra.html").write_text("x", encoding="utf-8")
    assert verify(site) == [
        Difference("added", "evil.js"),
        Difference("added", "notices/2026/extra.html"),
        Difference("removed", "photos/a.jpg"),
    ]


def test_an_edited_manifest_is_caught_too(site):
    publish(site)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["index.html"] = "0" * 64
    write_manifest(site, manifest)
    assert verify(site) == [Difference("changed", "index.html")]


def test_without_a_manifest_there_is_nothing_to_verify(site):
    with pytest.raises(ManifestError, match="manifest.json 不存在"):
        verify(site)


@pytest.mark.parametrize("content", [b"{not json", b'{"build_id": "x"}', b"[]", b"\xff\xfe"])
def test_a_damaged_manifest_is_refused(site, content):
    (site / "manifest.json").write_bytes(content)
    with pytest.raises(ManifestError):
        verify(site)


def test_the_manifest_names_its_community_and_audience(site):
    manifest = build_manifest(site, "3f2a9c1b0d4e", "e8c677c", "t", community="xiaoyuan", audience="members")
    assert (manifest["community"], manifest["audience"]) == ("xiaoyuan", "members")
    assert "community" not in build_manifest(site, "b", "c", "t")
