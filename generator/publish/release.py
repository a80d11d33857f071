"""Atomic publish: each build is a release folder; the published name is a symlink swapped by rename.

`out/<slug>` -> `out/.releases/<slug>/<build-id>`. A new release is complete and verified
before `os.replace` moves the link, so a reader (or a killed build) never sees half a site,
and `rollback` points the link back at the previous release.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

KEEP = 5  # releases kept per community for rollback


@contextmanager
def locked(out: Path):
    """One build at a time per output folder (a cron run and a clerk's preview, say): the
    second waits, so neither removes or overwrites what the other is staging."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
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


def _point(out: Path, slug: str, build_id: str) -> None:
    link = out / slug
    if link.exists() and not link.is_symlink():
        raise RuntimeError(f"{link} 不是发布链接，拒绝覆盖（请移走它后重试）")
    tmp = out / f".{slug}.link-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path(".releases") / slug / build_id)
    os.replace(tmp, link)  # atomic on POSIX: readers see the old release or the new, never neither


def publish(out: Path, slug: str, staged: Path, build_id: str) -> bool:
    """Move a verified staging folder into place; False when that release was already live."""
    target = releases_dir(out, slug) / build_id
    history = _history(out, slug)
    if target.exists():
        shutil.rmtree(staged)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    changed = current(out, slug) != build_id
    _point(out, slug, build_id)
    if changed:
        _record(out, slug, [b for b in history if b != build_id] + [build_id])
    _prune(out, slug)
    return changed


def _history_file(out: Path, slug: str) -> Path:
    return releases_dir(out, slug) / "history.json"


def _history(out: Path, slug: str) -> list[str]:
    path = _history_file(out, slug)
    return json.loads(path.read_text()) if path.exists() else []


def _record(out: Path, slug: str, history: list[str]) -> None:
    path = _history_file(out, slug)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(history[-KEEP:]) + "\n")
    os.replace(tmp, path)


def _prune(out: Path, slug: str) -> None:
    keep = set(_history(out, slug)) | {current(out, slug)}
    for path in releases_dir(out, slug).iterdir():
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path)


def rollback(out: Path, slug: str) -> str | None:
    """Point the site back at the release before the current one; returns its id."""
    history = _history(out, slug)
    live = current(out, slug)
    if live not in history or history.index(live) == 0:
        return None
    previous = history[history.index(live) - 1]
    _point(out, slug, previous)
    _record(out, slug, history[: history.index(live)])
    return previous


def clear_staging(out: Path) -> None:
    shutil.rmtree(out / ".staging", ignore_errors=True)
