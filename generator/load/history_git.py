"""The thin git layer under the history: one ``git log`` and one ``git cat-file`` per community.

``git log --raw`` names, per commit, each record file's old and new blob; the blobs are read in
one batch and parsed once each (a file unchanged across a hundred commits is one blob). Without
git, outside a repository, or on a shallow clone the history says so instead of failing.
Commit messages and authors are not even read: they are never published.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from generator.views.history import UNREADABLE, Change, Fates, Present, diff_file, file_kind, people_in

LIMIT = 200  # commits read per community: enough for years of a community's edits
NO_BLOB = "0" * 40
OK, NONE, ERROR = "ok", "none", "error"


@dataclass(frozen=True)
class Version:
    sha: str
    day: date
    files: tuple[tuple[str, str | None, str | None], ...]  # (path in the community, old blob, new blob)
    boundary: bool = False  # a shallow clone's oldest commit: its parent is not here to compare with


@dataclass
class History:
    state: str  # ok | none (no git history for these files) | error
    versions: list[Version] = field(default_factory=list)  # newest first
    shallow: bool = False
    truncated: bool = False  # more commits exist than were read
    limit: int = LIMIT
    reason: str = ""
    blobs: dict = field(default_factory=dict)  # sha → parsed data or UNREADABLE
    _changes: dict = field(default_factory=dict)
    _people: frozenset | None = None
    # The walk last asked for, found by identity: hashing a ``present`` reads all of today's ledger
    # lines, and a page asks once per commit (issue 11).
    _last: tuple | None = field(default=None, repr=False, compare=False)
    _days: dict = field(default_factory=dict, repr=False, compare=False)

    def changes(self, version: Version, audience: str, present: Present | None = None) -> list[Change]:
        """The changes of one commit that ``audience`` may see (none for a shallow boundary), told
        by what their records are in ``present`` (today's data)."""
        return self._found(audience, present).get(version.sha, [])

    def latest_days(self, audience: str, present: Present | None = None) -> dict[str, date]:
        """Record file (activities/2026.yml) -> the day of the newest commit with a change to it
        that ``audience`` may see, as a search of ``changes`` newest first finds it."""
        found = self._found(audience, present)
        key = (audience, present)
        if key not in self._days:
            days: dict[str, date] = {}
            for version in self.versions:
                for change in found.get(version.sha, []):
                    days.setdefault(change.file, version.day)
            self._days[key] = days
        return self._days[key]

    def _found(self, audience: str, present: Present | None) -> dict[str, list[Change]]:
        if self._last is not None and self._last[0] == audience and self._last[1] is present:
            return self._last[2]
        key = (audience, present)
        if key not in self._changes:
            if len(self._changes) > 8:  # a live preview makes a new ``present`` at every edit
                self._changes.clear()
                self._days.clear()
            self._changes[key] = self._walk(audience, present)
        self._last = (audience, present, self._changes[key])
        return self._last[2]

    def people(self) -> frozenset[str]:
        """Everyone named in any version read (see ``people_in``)."""
        if self._people is None:
            self._people = frozenset(n for data in self.blobs.values() for n in people_in(data))
        return self._people

    def _walk(self, audience: str, present: Present | None) -> dict[str, list[Change]]:
        """Newest first, so each record not in today's data meets its last state first."""
        fates, found = Fates(present, audience), {}
        for version in self.versions:
            found[version.sha] = [] if version.boundary else [
                change for path, old, new in version.files
                for change in diff_file(path, self.blobs.get(old), self.blobs.get(new), audience, fates)]
        return found


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    result = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args], input=data,
                            capture_output=True, check=True, env=env)
    return result.stdout


def head(root: Path) -> str:
    try:
        return git(root, "rev-parse", "HEAD").decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def community_history(root: Path, limit: int = LIMIT) -> History:
    """The history of one community folder, read once per HEAD (every page asks for it)."""
    sha = head(root)
    return _cached(str(Path(root).resolve()), sha, limit) if sha else read_history(Path(root), limit)


@lru_cache(maxsize=16)
def _cached(root: str, head_sha: str, limit: int) -> History:
    return read_history(Path(root), limit)


def read_history(root: Path, limit: int = LIMIT) -> History:
    try:
        inside = git(root, "rev-parse", "--is-inside-work-tree").decode().strip() == "true"
    except OSError:
        return History(NONE, reason="这台电脑上没有安装 git")
    except subprocess.CalledProcessError as exc:
        if b"safe.directory" in (exc.stderr or b""):  # a checkout owned by another user (CI, containers)
            return History(ERROR, reason="git 不信任这个文件夹（需要设置 safe.directory）")
        return History(NONE, reason="数据文件夹不在 git 仓库里")
    if not inside:
        return History(NONE, reason="数据文件夹不在 git 仓库里")
    if not head(root):
        return History(OK, limit=limit)  # a repository without commits yet
    try:
        shallow = git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
        versions = _log(root, limit + 1, _shallow_commits(root) if shallow else set())
        history = History(OK, versions[:limit], shallow, len(versions) > limit, limit)
        history.blobs = _parsed_blobs(root, history.versions)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return History(ERROR, reason="读取 git 记录时出错")
    return history


def _shallow_commits(root: Path) -> set[str]:
    path = Path(git(root, "rev-parse", "--git-path", "shallow").decode().strip())
    path = path if path.is_absolute() else root / path
    return set(path.read_text().split()) if path.is_file() else set()


def _log(root: Path, count: int, boundaries: set[str]) -> list[Version]:
    out = git(root, "log", f"-n{count}", "--no-merges", "--format=%x1e%H%x1f%cI", "--raw", "--no-abbrev",
              "--no-renames", "--relative", "--", ".").decode("utf-8", errors="replace")
    versions = []
    for chunk in out.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\n")
        sha, when = header.split("\x1f", 1)
        files = tuple(f for line in rest.splitlines() if line.startswith(":") and (f := _raw_line(line)))
        versions.append(Version(sha, date.fromisoformat(when[:10]), files, sha in boundaries))
    return versions


def _raw_line(line: str):
    """``:100644 100644 <old> <new> M<TAB>path`` → (path, old, new) for record files only."""
    meta, _, path = line.partition("\t")
    parts = meta.split()
    if len(parts) < 5 or file_kind(path) is None:
        return None
    old, new = parts[2], parts[3]
    return path, None if old == NO_BLOB else old, None if new == NO_BLOB else new


_PARSED: dict[str, object] = {}  # blob sha → parsed data, shared by every community and build


def _parsed_blobs(root: Path, versions: list[Version]) -> dict:
    wanted = {sha for v in versions for _, old, new in v.files for sha in (old, new) if sha}
    missing = sorted(wanted - _PARSED.keys())
    if missing:
        for sha, raw in _cat(root, missing).items():
            _PARSED[sha] = _parse(raw)
    return {sha: _PARSED.get(sha, UNREADABLE) for sha in wanted}


def _cat(root: Path, shas: list[str]) -> dict[str, bytes | None]:
    out = git(root, "cat-file", "--batch", data=("\n".join(shas) + "\n").encode())
    found: dict[str, bytes | None] = {}
    at = 0
    for sha in shas:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3 or header[1] != b"blob":  # "<sha> missing": not in this clone
            found[sha], at = None, end + 1
            continue
        size = int(header[2])
        found[sha] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found


# Old versions are only compared, never published or checked, so they are read straight from
# libyaml's events (when PyYAML has it): ten times faster than the strict loader, and like it,
# every scalar stays the text written and an empty plain value is None.
FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _parse(raw: bytes | None):
    if raw is None:
        return UNREADABLE
    try:
        return _from_events(yaml.parse(raw.decode("utf-8-sig"), Loader=FAST_LOADER))
    except (UnicodeDecodeError, yaml.YAMLError, ValueError):
        return UNREADABLE


def _from_events(events):
    """Dicts, lists and strings from parser events; aliases and odd keys make the version unreadable."""
    root = None
    stack: list[dict | list] = []  # the open mappings and sequences, innermost last
    keys: list[str | None] = []  # per open mapping: the key read, waiting for its value

    def add(value):
        nonlocal root
        if not stack:
            root = value
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        elif keys[-1] is None:
            if not isinstance(value, str):
                raise ValueError("complex key")
            keys[-1] = value
        else:
            stack[-1].setdefault(keys[-1], value)  # the first of duplicate keys wins, as when checked
            keys[-1] = None

    for event in events:
        if isinstance(event, yaml.ScalarEvent):
            plain = event.style in (None, "")
            add(None if plain and event.value in ("", "~") else event.value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            stack.append({} if isinstance(event, yaml.MappingStartEvent) else [])
            keys.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            keys.pop()
            add(stack.pop())
        elif isinstance(event, yaml.AliasEvent):
            raise ValueError("alias")
    return root
