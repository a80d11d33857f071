"""Links and special files under data/: found by their own entry, before anything is opened.

Git stores symlinks, so a link in a community folder (``photos/logo.jpg -> /etc/passwd``) would
publish whatever it points at; a FIFO makes every read wait forever. So the folder is walked
with ``lstat`` (never following a link, never opening a file), and every entry that is not a
plain file or folder is a problem, wherever it points (even inside data/).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.problems import Problem, display_path, messages

messages.add({
    "file-symlink": (
        "这是一个链接（快捷方式），指向 {target}：为防止把别处的文件发布出去，数据文件夹里不允许任何链接。"
        "请删除这个链接，需要的话把真正的文件复制到这里。",
        "this is a symbolic link (to {target}): links are not allowed under the data folder, "
        "so nothing outside it can be published; delete the link and copy the real file here if needed.",
    ),
    "file-special": (
        "这不是普通文件，而是{kind_zh}：数据文件夹里只能有普通文件和文件夹，读取它会卡住或出错。请删除它。",
        "this is not a regular file but a {kind}: only regular files and folders are allowed here; delete it.",
    ),
})

SPECIAL_KINDS = [  # (test, English, Chinese)
    (stat.S_ISFIFO, "FIFO (named pipe)", "命名管道（FIFO）"),
    (stat.S_ISSOCK, "socket", "套接字（socket）"),
    (stat.S_ISCHR, "character device", "字符设备"),
    (stat.S_ISBLK, "block device", "块设备"),
]
SKIPPED = {".git"}  # a data folder kept as its own repository: git's own files are not records


def shown(path: Path) -> str:
    """The entry's own name as a clerk sees it (``display_path`` would follow the link)."""
    return str(Path(display_path(path.parent)) / path.name)


def entry_problem(path: Path, mode: int) -> Problem | None:
    """The problem with one entry, judged by its ``lstat`` mode; None for a file or folder."""
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return Problem("file-symlink", shown(path), 0, 0, params={"target": target})
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind, kind_zh = next(((en, zh) for test, en, zh in SPECIAL_KINDS if test(mode)), ("special file", "特殊文件"))
    return Problem("file-special", shown(path), 0, 0, params={"kind": kind, "kind_zh": kind_zh})


def unsafe_entries(root: Path, skip=lambda path: False) -> list[Problem]:
    """Every link and special file at or under ``root``; folders for which ``skip`` is true are
    not entered (another walk covers them)."""
    root = Path(root)
    try:
        first = entry_problem(root, os.lstat(root).st_mode)
    except OSError:
        return []
    if first or not root.is_dir():
        return [first] if first else []
    found, folders = [], [root]
    while folders:  # a list, not recursion: a deeply nested folder cannot overflow the stack
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            problem = entry_problem(path, entry.stat(follow_symlinks=False).st_mode)
            if problem:
                found.append(problem)
            elif entry.is_dir(follow_symlinks=False) and entry.name not in SKIPPED and not skip(path):
                folders.append(path)
    return sorted(found, key=Problem.sort_key)


def unsafe_outside_communities(data_dir: Path) -> list[Problem]:
    """Links and special files in data/ itself (each community folder is walked on its own)."""
    communities = Path(data_dir) / "communities"
    return unsafe_entries(data_dir, skip=lambda path: path.parent == communities)
