"""manifest.json: what a published site consists of, so anyone can check nothing was altered.

The manifest lists the SHA-256 of every file with the build id, the source commit and the
build time. ``verify`` recomputes the hashes and names every file changed, added or removed
since: a one-byte edit on the server is caught.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
CHUNK = 1 << 20


class ManifestError(Exception):
    """The manifest is missing or unreadable: the site cannot be verified at all."""


@dataclass(frozen=True)
class Difference:
    status: str  # "changed" | "added" | "removed"
    path: str

    def as_text(self) -> str:
        words = {"changed": "已改动", "added": "多出", "removed": "缺少"}
        return f"{words.get(self.status, self.status)} {self.path}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def site_files(site_dir: Path) -> list[str]:
    """Every file of the site as a relative POSIX path, sorted, the manifest itself left out."""
    site_dir = Path(site_dir)
    paths = (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    return sorted(p for p in paths if p != MANIFEST)


def file_hashes(site_dir: Path) -> dict[str, str]:
    return {relative: sha256_of(Path(site_dir) / relative) for relative in site_files(site_dir)}


def build_manifest(site_dir: Path, build_id: str, source_commit: str, built_at: str) -> dict:
    return {
        "build_id": build_id,
        "source_commit": source_commit,
        "built_at": built_at,
        "files": file_hashes(site_dir),
    }


def manifest_bytes(manifest: dict) -> bytes:
    """The same manifest always gives the same bytes (sorted keys, indent 2, final newline)."""
    return (json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_manifest(site_dir: Path, manifest: dict) -> Path:
    path = Path(site_dir) / MANIFEST
    path.write_bytes(manifest_bytes(manifest))
    return path


def read_manifest(site_dir: Path) -> dict:
    path = Path(site_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path} 不存在：这个文件夹不是 dangwu 发布的网站，或清单被删掉了。") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path} 无法读取（{exc}）：清单已损坏。") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ManifestError(f"{path} 里没有文件清单（files）：清单已损坏。")
    return manifest


def verify(site_dir: Path) -> list[Difference]:
    """Files changed, added or removed since the manifest was written, sorted by path.

    Raises ManifestError when there is no readable manifest to compare with.
    """
    expected: dict = read_manifest(site_dir)["files"]
    actual = file_hashes(site_dir)
    differences = [Difference("removed", p) for p in expected if p not in actual]
    differences += [Difference("added", p) for p in actual if p not in expected]
    differences += [Difference("changed", p) for p, digest in actual.items()
                    if p in expected and expected[p] != digest]
    return sorted(differences, key=lambda d: (d.path, d.status))
