"""manifest.json: what a published site consists of, so anyone can check nothing was altered.

The manifest lists the SHA-256 of every file with the build id, the source commit and the
build time. ``verify`` recomputes the hashes and names every file changed, added or removed
since: a one-byte edit on the server is caught.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, messages

MANIFEST = "manifest.json"
CHUNK = 1 << 20
BUILD_ID_RE = re.compile(r"[0-9a-f]{6,64}")


class ManifestError(Exception):
    """The manifest is missing or unreadable: the site cannot be verified at all."""


messages.add({
    "verify-other-community": ("清单写的社区是“{named}”，不是“{slug}”：这是别的社区的网站，或清单是伪造的。",
                               "the manifest names the community '{named}', not '{slug}': another community's "
                               "site, or a forged manifest."),
    "verify-other-release": ("网站指向的版本 {live} 与清单里的版本 {build_id} 不一致：清单是伪造的。",
                             "the site points at release {live} but the manifest says {build_id}: a forged manifest."),
    "verify-no-kept-manifest": ("找不到发布时留存的清单 {kept}：这个版本不是 dangwu 在这里发布的（可能是从别处复制来的）。",
                                "no manifest {kept} was kept when this was published: dangwu did not publish this "
                                "release here (it may be copied from elsewhere)."),
    "verify-manifest-rewritten": ("网站里的 {manifest} 与发布时留存的清单 {kept} 不一致：清单被改动或重新生成过。",
                                  "the site's {manifest} differs from the copy {kept} kept when it was published: "
                                  "the manifest was edited or made again."),
    "verify-file-changed": ("被修改：{path}", "changed: {path}"),
    "verify-file-added": ("多出：{path}", "added: {path}"),
    "verify-file-removed": ("缺少：{path}", "missing: {path}"),
})


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


def build_manifest(site_dir: Path, build_id: str, source_commit: str, built_at: str,
                   community: str | None = None, audience: str | None = None,
                   inputs: dict | None = None, files: dict[str, str] | None = None) -> dict:
    """The manifest names whose site it is (community, audience) and the commit it was built from,
    so a release copied from another community or another audience does not verify. ``inputs``
    (the key of what the site was made from, and the date it was made for) lets the next build
    skip an unchanged community; ``files`` are the hashes when the caller has them already."""
    manifest = {
        "build_id": build_id,
        "source_commit": source_commit,
        "built_at": built_at,
        "files": files if files is not None else file_hashes(site_dir),
    }
    manifest |= {k: v for k, v in (("community", community), ("audience", audience), ("inputs", inputs))
                 if v is not None}
    return manifest


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
    return compare(site_dir, read_manifest(site_dir)["files"])


def compare(site_dir: Path, expected: dict) -> list[Difference]:
    """Files changed, added or removed against ``expected`` (path -> SHA-256), sorted by path."""
    actual = file_hashes(site_dir)
    differences = [Difference("removed", p) for p in expected if p not in actual]
    differences += [Difference("added", p) for p in actual if p not in expected]
    differences += [Difference("changed", p) for p, digest in actual.items()
                    if p in expected and expected[p] != digest]
    return sorted(differences, key=lambda d: (d.path, d.status))


def verify_release(site_dir: Path, kept: Path | None = None) -> list[Problem]:
    """Everything wrong with a published community site, as problems for its keeper (a file's
    at that file, the others in no file); [] when it is exactly the release dangwu published there.

    The manifest beside the files proves nothing by itself (whoever replaced the files can
    regenerate it), so it must be byte for byte the copy kept outside the web root when the
    release was published (``kept``; by default ``<out>/.releases/<slug>/<build id>.manifest.json``),
    name this community, and every file must match it.
    """
    from generator.publish.release import current, kept_manifest

    site_dir = Path(site_dir)
    slug = site_dir.name
    manifest = read_manifest(site_dir)
    build_id = str(manifest.get("build_id", ""))
    failures = []
    if manifest.get("community") != slug:
        failures.append(Problem("verify-other-community", "", params={
            "named": manifest.get("community", "（未写）"), "slug": slug}))
    live = current(site_dir.parent, slug)
    if live is not None and live != build_id:
        failures.append(Problem("verify-other-release", "", params={"live": live, "build_id": build_id}))
    release_id = live or build_id  # the link is the publisher's word; the manifest may be the forger's
    if kept is None and not BUILD_ID_RE.fullmatch(release_id):
        release_id = "（无效的版本号）"
    kept = kept or kept_manifest(site_dir.parent, slug, release_id)
    try:
        kept_bytes = Path(kept).read_bytes()
    except OSError:
        failures.append(Problem("verify-no-kept-manifest", "", params={"kept": str(kept)}))
        kept_bytes = None
    if kept_bytes is not None and kept_bytes != (site_dir / MANIFEST).read_bytes():
        failures.append(Problem("verify-manifest-rewritten", "", params={"manifest": MANIFEST, "kept": str(kept)}))
    failures += [Problem(f"verify-file-{d.status}", str(site_dir / d.path), params={"path": d.path})
                 for d in _differences(site_dir, kept_bytes, manifest)]
    return failures


def _differences(site_dir: Path, kept_bytes: bytes | None, manifest: dict) -> list[Difference]:
    """Files against the kept manifest when it is readable, else against the one beside them."""
    expected = manifest["files"]
    if kept_bytes is not None:
        try:
            kept = json.loads(kept_bytes.decode("utf-8"))
            expected = kept["files"] if isinstance(kept, dict) and isinstance(kept.get("files"), dict) else expected
        except (UnicodeDecodeError, json.JSONDecodeError):
            pass
    return compare(site_dir, expected)
