"""What a community's site is made from, as one key: equal keys mean byte-identical sites, so an
unchanged community is skipped before anything is loaded.

The key covers
- every entry of the community's folder (names and bytes; a link by its target, so the check
  that refuses it still runs) and the files directly in the data folder (the street's own);
- the tool: every file of the generator package, theme/, content/ and mkdocs.yml (wherever
  ``generator.resources`` finds them: the repository, or the wheel's copy), and the
  versions of the libraries that render (MkDocs, Material, Markdown, jieba, ...);
- the history: the last commit that touched the folder (the 更新记录 page and the time stamped
  into sitemap.xml come from it) and the SOURCE_DATE_EPOCH the build will use (the command
  line reads it from the environment once and passes it down);
- the date the build is made for (``--today``): a 公示's remaining working days and what is
  overdue change with it, so a site made on another day is rebuilt. This is the simple correct
  choice; a daily rebuild of every community is the price;
- the audience (public or members).
"""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator import resources

# Hashed by their own relative paths: a checkout gives the key it always gave. In a wheel the
# package holds _share/ too, so its theme is hashed twice, which changes nothing that matters.
TOOL_TREES = (resources.PACKAGE, resources.THEME, resources.CONTENT)
TOOL_FILES = {"mkdocs.yml": resources.MKDOCS_YML}
LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jieba", "jinja2",
             "pydantic", "pyyaml", "chinese-calendar", "openpyxl")
SKIPPED_NAMES = {"__pycache__", ".git"}


def _walk(root: Path):
    """Every entry under ``root`` as (relative path, lstat mode), sorted, links never followed."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_NAMES)
        for name in sorted(files) + dirs:
            path = Path(folder) / name
            yield path.relative_to(root).as_posix(), path


def tree_digest(root: Path, digest) -> None:
    """Add every entry of ``root`` to ``digest``: a file by its bytes, a link by its target."""
    if not root.is_dir():
        digest.update(b"absent\0")
        return
    for rel, path in _walk(root):
        mode = path.lstat().st_mode
        digest.update(rel.encode() + b"\0")
        if stat.S_ISREG(mode):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        elif stat.S_ISLNK(mode):
            digest.update(b"link:" + os.readlink(path).encode())
        elif not stat.S_ISDIR(mode):
            digest.update(b"special")


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The generator, its theme, the shared pages and the rendering libraries, as one hash."""
    digest = hashlib.sha256(sys.version.encode())
    for tree in TOOL_TREES:
        tree_digest(tree, digest)
    for name, path in TOOL_FILES.items():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent\0".encode())
    return digest.hexdigest()


def street_digest(data_dir: Path) -> str:
    """The files directly in the data folder (not the communities): every community depends on them."""
    digest = hashlib.sha256()
    if data_dir.is_dir():
        for path in sorted(data_dir.iterdir()):
            if path.is_file() and not path.is_symlink():
                digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class History:
    commit: str  # the last commit touching the community folder ("" outside git)
    epoch: str  # SOURCE_DATE_EPOCH for this community's build


def history_of(folder: Path, source_date_epoch: str | None) -> History:
    """The last commit that touched ``folder`` and the epoch its build stamps: ``source_date_epoch``
    when the caller fixed one, else that commit's time (so a commit elsewhere changes nothing here)."""
    try:
        line = subprocess.run(["git", "-C", str(folder), "log", "-1", "--format=%H %ct", "--", "."],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        line = ""
    commit, _, seconds = line.partition(" ")
    return History(commit, source_date_epoch or seconds or "0")


def community_key(folder: Path, street: str, history: History, today: date, audience: str) -> str:
    digest = hashlib.sha256()
    for part in (tool_version(), folder.name, street, history.commit, history.epoch, today.isoformat(), audience):
        digest.update(part.encode() + b"\0")
    tree_digest(folder, digest)
    return digest.hexdigest()
