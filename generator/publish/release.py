"""Atomic publish: each build is a release folder; the published name is a symlink swapped by rename.

`out/<slug>` -> `out/.releases/<slug>/<build-id>`. A new release is complete and verified
before `os.replace` moves the link, so a reader (or a killed build) never sees half a site,
and `rollback` points the link back at the previous release.

Beside each release folder, not inside it, `<build-id>.manifest.json` keeps the manifest as
published (what `dangwu verify` trusts), and `history.json` the releases in order. The history
is written (atomically) before a link moves, so a kill at any moment leaves a release to roll
back to.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from generator.problems import Problem, messages

KEEP = 5  # releases kept per community for rollback
MANIFEST = "manifest.json"


messages.add({
    "publish-not-a-link": (
        "{link} 不是 dangwu 的发布链接，而是一个普通文件或文件夹：拒绝覆盖（请移走它后重试）。",
        "{link} is not a dangwu publishing link but a plain file or folder: not overwritten (move it away and retry).",
    ),
})


class PublishError(Exception):
    """Publishing cannot go on; ``problem`` says why (in Chinese) and nothing was changed. Its
    text is the problem printed like every other."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.as_text())


@contextmanager
def locked(out: Path, shard: str | None = None):
    """One build at a time per output folder (a cron run and a clerk's preview, say): the
    second waits, so neither removes or overwrites what the other is staging. Shards of one
    street (``shard`` "2/3") build disjoint communities and write no street files, so they
    share the folder with each other (one run per shard), while a full build, `dangwu portal`
    and a rollback wait for all of them."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH if shard else fcntl.LOCK_EX)
        try:
            if shard:
                with open(out / f".lock-shard-{shard.replace('/', '-of-')}", "w") as own:
                    fcntl.flock(own, fcntl.LOCK_EX)
                    yield
            else:
                yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def releases_dir(out: Path, slug: str) -> Path:
    return out / ".releases" / slug


def staging_dir(out: Path, slug: str, token: str) -> Path:
    path = out / ".staging" / f"{slug}-{token}"
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def current(out: Path, slug: str) -> str | None:
    link = out / slug
    return os.readlink(link).rsplit("/", 1)[-1] if link.is_symlink() else None


def live_folder(out: Path, slug: str) -> Path:
    """The folder of the community's live release (it may not exist: nothing published yet),
    resolved now, so a swap while it is read changes nothing."""
    return (out / slug).resolve()


def _refuse_foreign(out: Path, slug: str) -> None:
    link = out / slug
    if link.exists() and not link.is_symlink():
        raise PublishError(Problem("publish-not-a-link", "", params={"link": str(link)}))


refuse_foreign = _refuse_foreign  # a build checks this before building the community at all


def _point(out: Path, slug: str, build_id: str) -> None:
    link = out / slug
    _refuse_foreign(out, slug)
    tmp = out / f".{slug}.link-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path(".releases") / slug / build_id)
    os.replace(tmp, link)  # atomic on POSIX: readers see the old release or the new, never neither


def kept_manifest(out: Path, slug: str, build_id: str) -> Path:
    """The copy of a release's manifest kept beside, not inside, the release: it is not served
    (nginx denies dot paths) and not part of the folder a forger would replace."""
    return releases_dir(out, slug) / f"{build_id}.manifest.json"


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or leave the old one: a full disk or a kill never leaves half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def store(out: Path, slug: str, staged: Path, build_id: str) -> Path:
    """Move a verified staging folder to its release folder and keep its manifest outside it.
    Nothing a reader sees changes. A release folder of the same id (the same files) that is
    intact is kept as it is, with the manifest of the build that first made it."""
    target = releases_dir(out, slug) / build_id
    kept = kept_manifest(out, slug, build_id)
    if target.is_dir() and _intact(target, kept, staged):
        shutil.rmtree(staged)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # altered on the server, or from before manifests named their site
        old = out / ".staging" / f"{slug}-{build_id}-replaced-{os.getpid()}"
        os.replace(target, old)
        os.replace(staged, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staged, target)
    write_atomically(kept, (target / MANIFEST).read_bytes())
    return target


def _intact(release: Path, kept: Path, staged: Path) -> bool:
    """An existing release is the staged one: its manifest is the kept copy and names the same
    site, and every file is the staged file."""
    from generator.publish.manifest import ManifestError, compare, read_manifest

    try:
        if not kept.is_file() or kept.read_bytes() != (release / MANIFEST).read_bytes():
            return False
        old, new = read_manifest(release), read_manifest(staged)
    except (OSError, ManifestError):
        return False
    same_site = all(old.get(key) == new.get(key) for key in ("build_id", "community", "audience"))
    return same_site and not compare(release, new["files"])


def go_live(out: Path, releases: dict[str, str]) -> None:
    """Point each community at its stored release. The history of releases is written first
    (each file atomically), so a kill at any moment leaves a release to roll back to; a failure
    while writing it puts every history back and moves no link."""
    for slug in releases:
        _refuse_foreign(out, slug)
    before = {slug: _history(out, slug) for slug in releases}
    try:
        for slug, build_id in releases.items():
            history = before[slug]
            live = current(out, slug)
            if live and live not in history:  # an earlier run was killed between history and swap
                history = history + [live]
            _record(out, slug, [b for b in history if b != build_id] + [build_id])
    except OSError:
        for slug, history in before.items():
            try:
                _record(out, slug, history)
            except OSError:
                pass
        raise
    for slug, build_id in releases.items():
        _point(out, slug, build_id)
    for slug in releases:
        _prune(out, slug)


def _history_file(out: Path, slug: str) -> Path:
    return releases_dir(out, slug) / "history.json"


def _history(out: Path, slug: str) -> list[str]:
    path = _history_file(out, slug)
    try:
        history = json.loads(path.read_text()) if path.exists() else []
    except (OSError, ValueError):
        return []
    return [b for b in history if isinstance(b, str)] if isinstance(history, list) else []


def _record(out: Path, slug: str, history: list[str]) -> None:
    path = _history_file(out, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(history[-KEEP:]) + "\n").encode())


def _prune(out: Path, slug: str) -> None:
    keep = set(_history(out, slug)) | {current(out, slug)}
    for path in releases_dir(out, slug).iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path)
        elif path.name.endswith(".manifest.json") and path.name[: -len(".manifest.json")] not in keep:
            path.unlink()


def rollback_target(out: Path, slug: str) -> tuple[str | None, list[str]]:
    """The release before the live one, and the history that makes it the last; (None, _) when
    there is none. A live release missing from the history (a run killed between writing the
    history and the swap) is rolled back to the last release the history knows."""
    history = _history(out, slug)
    live = current(out, slug)
    earlier = history[: history.index(live)] if live in history else history
    earlier = [b for b in earlier if b != live and (releases_dir(out, slug) / b).is_dir()]
    return (earlier[-1], earlier) if earlier else (None, history)


def rollback(out: Path, slug: str) -> str | None:
    """Point the site back at the release before the current one; returns its id. The history
    is shortened first, so a kill between the two steps leaves a rollback that can be repeated."""
    previous, history = rollback_target(out, slug)
    if previous is None:
        return None
    _refuse_foreign(out, slug)
    _record(out, slug, history)
    _point(out, slug, previous)
    return previous


def clear_staging(out: Path, slugs=None) -> None:
    """Remove what killed earlier runs left staged: everything, or (a shard) only the staging
    of its own communities, since other shards may be staging theirs in the same folder."""
    if slugs is None:
        shutil.rmtree(out / ".staging", ignore_errors=True)
        return
    staging = out / ".staging"
    for slug in slugs:
        for path in staging.glob(f"{slug}-*") if staging.is_dir() else []:
            if path.name.split("-")[len(slug.split("-"))].isdigit():  # "<slug>-<pid>…", not "<slug>x-…"
                shutil.rmtree(path, ignore_errors=True)


def live_inputs(out: Path, slug: str) -> dict:
    """What the live release was made from (``inputs`` of its kept manifest: key, today); {}
    when nothing is live, or the release is missing or was made by an older dangwu."""
    build_id = current(out, slug)
    if not build_id or not (releases_dir(out, slug) / build_id).is_dir():
        return {}
    try:
        inputs = json.loads(kept_manifest(out, slug, build_id).read_bytes()).get("inputs")
    except (OSError, ValueError, AttributeError):
        return {}
    return inputs if isinstance(inputs, dict) else {}


# Why a community's live site is not the one its records ask for: kept beside its releases
# (not served), shown on the portal as 未更新 until a build of the community passes.
NOT_UPDATED = "not-updated.json"


def note_not_updated(out: Path, slug: str, note: dict) -> None:
    folder = releases_dir(out, slug)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / NOT_UPDATED, (json.dumps(note, ensure_ascii=False, sort_keys=True) + "\n").encode())


def clear_not_updated(out: Path, slug: str) -> bool:
    """Forget the note; True when there was one (the portal must be made again)."""
    try:
        (releases_dir(out, slug) / NOT_UPDATED).unlink()
        return True
    except FileNotFoundError:
        return False


def not_updated(out: Path, slug: str) -> dict | None:
    try:
        note = json.loads((releases_dir(out, slug) / NOT_UPDATED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) else None
