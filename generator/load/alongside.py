"""What a community's site is made from besides its records, read once while loading: the git
history of its record files and the hand-written pages (content/ shared by every community, and
the community's own content/).

Rendering gets them as data (``PageContext.alongside``) and never starts a process or reads
them again: the 13 ``git rev-parse`` a build used to start, one per "最后更新" line, are gone,
and a page cannot meet a commit made while the site was being rendered.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import resources
from generator.load.history_git import History, community_history


@dataclass(frozen=True)
class Alongside:
    history: History  # the records' commits (or why there are none: no git, not a repository…)
    shared_pages: dict[str, str]  # content/*.md: path under docs/ → the Markdown as written
    own_pages: dict[str, str]  # the community's own content/*.md, as its clerk wrote them


def load_alongside(community_root: Path) -> Alongside:
    """Everything besides the records that ``community_root``'s site shows, read now."""
    root = Path(community_root)
    return Alongside(community_history(root), markdown_files(resources.CONTENT), markdown_files(root / "content"))


def markdown_files(folder: Path) -> dict[str, str]:
    """Every .md under ``folder`` (none when it does not exist), by its path inside it, in order."""
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.md"))}
