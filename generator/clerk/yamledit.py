"""Append items to a list in a clerk's YAML file without touching anything else.

Round-tripping through a YAML dumper would drop the clerk's comments, reorder keys and
requote values. So the file is only composed (to find where the list's last item ends) and
the new lines are spliced into the original text: every other byte stays as it was.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.load.yamlfile import parse_text

DEFAULT_DASH = 2  # "  - id: …", the layout of every sample file


class CannotAppend(Exception):
    """The file is not in a shape we can add to safely; the message says what to do."""


@dataclass(frozen=True)
class Appended:
    text: str  # the whole new file
    line: int  # 1-based line of the first added line
    count: int  # lines added


def item_lines(fields: list[str], dash: int) -> list[str]:
    """One list item: the first field after "- ", the others lined up under it."""
    pad = " " * dash
    return [f"{pad}- {fields[0]}"] + [f"{pad}  {field}" for field in fields[1:]]


def append_items(text: str, key: str, items: list[list[str]], comments: tuple[str, ...] = ()) -> Appended:
    """Add ``items`` (each a list of "field: value" lines) at the end of the top-level list ``key``,
    after ``comments`` (lines written as YAML comments just above the first new item)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    lines = text.splitlines(keepends=True)
    root = _compose(text)
    value = _value_of(root, key)
    if value is None:
        return _append_new_key(lines, key, items, newline, comments)
    if isinstance(value, yaml.ScalarNode):
        if value.value not in ("", "~") or value.style is not None:
            raise CannotAppend(f"“{key}:”后面应是列表，现在是一段文字：请先改正（可运行 dangwu check 查看）。")
        return _append_to_empty(lines, _key_line(root, key), value, items, newline, comments)
    if not isinstance(value, yaml.SequenceNode):
        raise CannotAppend(f"“{key}:”后面应是列表（每项以“- ”开头）：请先改正（可运行 dangwu check 查看）。")
    if value.flow_style:
        return _append_to_flow(lines, value, key, items, newline, comments)
    dash = value.start_mark.column
    return _insert(lines, _after_last_item(value, lines), items, dash, newline, comments)


def _compose(text: str):
    loaded, problems = parse_text(text, "")
    if loaded is None or problems or not isinstance(loaded.data, dict):
        raise CannotAppend("这个文件现在有错误：请先运行 dangwu check 改正后再添加。")
    return yaml.compose(text, Loader=yaml.BaseLoader)


def _value_of(root, key: str):
    for key_node, value_node in root.value:
        if key_node.value == key:
            return value_node
    return None


def _key_line(root, key: str) -> int:
    for key_node, _ in root.value:
        if key_node.value == key:
            return key_node.start_mark.line
    raise KeyError(key)


def _deepest_last(node):
    """The node written last inside ``node``: where its text really ends."""
    while True:
        if isinstance(node, yaml.MappingNode) and node.value:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            return node


def _after_last_item(sequence, lines: list[str]) -> int:
    """0-based line right after the last item's own text (before any comment that follows it).

    A block sequence ends where the next key begins, after any comments in between; its last
    scalar ends where the scalar does. A block scalar (``|``) swallows the blank lines after
    it, so we step back over those, unless it keeps them (``|+``).
    """
    last = _deepest_last(sequence.value[-1])
    end = last.end_mark
    if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
        line = end.line if end.column == 0 else end.line + 1
        indicator = lines[last.start_mark.line][last.start_mark.column:].split("#")[0]
        if "+" not in indicator:
            while line - 1 > last.start_mark.line and not lines[line - 1].strip():
                line -= 1
        return line
    return end.line + 1 if end.column > 0 else end.line


def _insert(lines: list[str], at: int, items, dash: int, newline: str, comments=()) -> Appended:
    added = [f"{' ' * dash}# {comment}{newline}" for comment in comments]
    added += [line + newline for item in items for line in item_lines(item, dash)]
    new = lines[:at] + added + lines[at:]
    return Appended("".join(new), at + 1, len(added))


def _append_new_key(lines: list[str], key: str, items, newline: str, comments) -> Appended:
    head = [f"{key}:{newline}"]
    if lines and lines[-1].strip():
        head = [newline] + head  # a blank line between the last block and the new one
    return _insert(lines + head, len(lines) + len(head), items, DEFAULT_DASH, newline, comments)


def _append_to_empty(lines: list[str], key_line: int, value, items, newline: str, comments) -> Appended:
    """``key:`` with nothing (or ``~``) after it: the items go on the lines below."""
    if value.value == "~":
        line = lines[key_line]
        col = value.start_mark.column
        lines = lines[:key_line] + [line[:col].rstrip() + line[col + 1:]] + lines[key_line + 1:]
    return _insert(lines, key_line + 1, items, DEFAULT_DASH, newline, comments)


def _append_to_flow(lines: list[str], value, key: str, items, newline: str, comments) -> Appended:
    if value.value or value.start_mark.line != value.end_mark.line:
        raise CannotAppend(f"“{key}”写成了方括号列表 [...]：请改成每项一行、以“- ”开头的写法后再添加。")
    number = value.start_mark.line
    line = lines[number]
    ending = line[len(line.rstrip("\r\n")):]
    rest = line[value.end_mark.column:].rstrip("\r\n")
    kept = line[: value.start_mark.column].rstrip() + (" " + rest.strip() if rest.strip() else "")
    lines = lines[:number] + [kept + ending] + lines[number + 1:]
    return _insert(lines, number + 1, items, DEFAULT_DASH, newline, comments)


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's): safe for any text."""
    return json.dumps(str(text), ensure_ascii=False)


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig") if path.is_file() else ""


def write_text(path: Path, text: str) -> None:
    """Replace a file in one step, so an interrupted write never leaves half a ledger."""
    path.parent.mkdir(parents=True, exist_ok=True)
    bom = b"\xef\xbb\xbf" if path.is_file() and path.read_bytes().startswith(b"\xef\xbb\xbf") else b""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(bom + text.encode("utf-8"))
    os.replace(tmp, path)
