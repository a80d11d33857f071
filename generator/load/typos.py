"""The typing slips clerks make most, found on the line where they were typed.

PyYAML notices a full-width colon, a missing space or an unclosed quote only where the
structure stops making sense: on the next line, or at the end of the file. Read on the raw
lines, each of these is plain to see. ``scan`` runs when a file did not parse and reports
every slip in it, so a clerk fixes them all in one pass.
"""
from __future__ import annotations

import re

from generator.problems import Problem

IDEOGRAPHIC_SPACE = "\u3000"
# A key line: indentation (maybe with list dashes), a field name, a colon of either width, the
# gap after it and the value. Field names are ASCII, so text in Chinese never looks like a key.
KEY_LINE_RE = re.compile(
    r"(?P<lead>[ \u3000]*(?:-[ \u3000]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \u3000]*"
    r"(?P<colon>[:：])(?P<gap>[ \u3000]*)(?P<value>.*)"
)
ITEM_LINE_RE = re.compile(r"(?P<lead>[ \u3000]*(?:-[ \u3000]+)+)(?P<value>[\"'].*)")
BLOCK_SCALAR_RE = re.compile(r"[|>][-+0-9]*[ \t]*(#.*)?")


def scan(text: str, file: str) -> list[Problem]:
    """Every slip in a file that did not parse, skipping the text of block scalars."""
    found: list[Problem] = []
    block_indent = None  # inside ``summary: |`` text: lines indented deeper than its key
    open_quote: Problem | None = None  # a quote not closed on its line, until a later line shows
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if line.lstrip(" " + IDEOGRAPHIC_SPACE).startswith("#"):
            continue
        match = KEY_LINE_RE.fullmatch(line) or ITEM_LINE_RE.fullmatch(line)
        if open_quote and not match:
            if open_quote.params["quote"] in line:
                open_quote = None  # a value quoted over several lines, closed here: no slip
            continue
        if open_quote:  # the next field began and the quote is still open: that was the slip
            found.append(open_quote)
            open_quote = None
        if not match:
            continue
        slips = (_key_line(match, file, number) if "key" in match.groupdict()
                 else _lead(match, file, number) + _quote(match, file, number, ""))
        found += [p for p in slips if p.code != "yaml-unclosed-quote"]
        open_quote = next((p for p in slips if p.code == "yaml-unclosed-quote"), None)
        if "key" in match.groupdict() and match["colon"] == ":" and BLOCK_SCALAR_RE.fullmatch(match["value"]):
            block_indent = indent
    return found + ([open_quote] if open_quote else [])


def _key_line(match: re.Match, file: str, number: int) -> list[Problem]:
    key, found = match["key"], _lead(match, file, number)
    colon_col = match.start("colon") + 1
    if match["colon"] == "：":
        found.append(Problem("yaml-fullwidth-colon", file, number, colon_col, path=key, params={"key": key}))
    elif not match["gap"] and match["value"]:
        found.append(Problem("yaml-colon-space", file, number, colon_col, path=key,
                             params={"key": key, "value": match["value"][:20]}))
    gap = match["gap"].find(IDEOGRAPHIC_SPACE)
    if gap >= 0:
        found.append(Problem("yaml-fullwidth-space", file, number, match.start("gap") + gap + 1, path=key,
                             params={"place_zh": f"“{key}:”后面", "place_en": f"after '{key}:'"}))
    return found + _quote(match, file, number, key)


def _lead(match: re.Match, file: str, number: int) -> list[Problem]:
    at = match["lead"].find(IDEOGRAPHIC_SPACE)
    if at < 0:
        return []
    return [Problem("yaml-fullwidth-space", file, number, at + 1,
                    params={"place_zh": "这一行的缩进里", "place_en": "in the indentation"})]


def _quote(match: re.Match, file: str, number: int, key: str) -> list[Problem]:
    value = match["value"]
    if not value or value[0] not in "\"'" or _closed(value):
        return []
    return [Problem("yaml-unclosed-quote", file, number, match.start("value") + 1, path=key,
                    params={"quote": value[0], "where_zh": f"“{key}”的值" if key else "这一项"})]


def _closed(value: str) -> bool:
    """Whether a quoted value ends on its own line: "…" (\\" escapes) or '…' ('' escapes)."""
    quote, rest = value[0], value[1:]
    if quote == '"':
        return re.match(r'(?:[^"\\]|\\.)*"', rest) is not None
    return re.match(r"(?:[^']|'')*'", rest) is not None
