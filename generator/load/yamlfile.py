"""Strict YAML: every scalar stays the exact text the clerk typed, and every trap is refused.

YAML 1.1 turns ``no`` into False, ``1:30`` into 90 and ``010020`` into 4112; a ledger cannot
afford any of that. So nothing is resolved here: scalars are strings (``Plain`` when written
without quotes, so amounts can insist on quotes), and each node's line and column are kept so
a later problem can point at the exact place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.load import typos
from generator.problems import Problem, messages


class Plain(str):
    """A scalar written without quotes (YAML would have guessed its type)."""


Mark = tuple[int, int]


@dataclass
class Loaded:
    """A parsed file: its data and where each value and key stands (1-based line, column)."""

    file: str
    data: Any
    values: dict[tuple, Mark] = field(default_factory=dict)
    keys: dict[tuple, Mark] = field(default_factory=dict)

    def mark(self, path: tuple, prefer_key: bool = False) -> Mark:
        """The place of ``path``, or of its nearest existing parent."""
        path = tuple(path)
        while path:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for marks in table:
                if path in marks:
                    return marks[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


def _mark(node_or_mark) -> Mark:
    m = getattr(node_or_mark, "start_mark", node_or_mark)
    return (m.line + 1, m.column + 1)


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem("file-encoding", file, line, col)]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem("file-empty", file, 1, 1)]
    return text, []


# What an editor does not show, or shows differently from YAML: control characters (pasted
# from Word or a web page) and the line separators U+0085/U+2028/U+2029 that YAML counts as
# new lines. PyYAML would stop with a traceback or shift every line number after them.
INVISIBLE_RE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
# Format characters (Unicode Cf) and fillers show nothing, yet change what a reader sees: a
# bidi control (U+202E …) makes the browser show 00083100831 as 13800138000, a zero-width space
# splits a number so no check finds it. A zero-width joiner inside an emoji (👨‍👩‍👧) is fine.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
HIDDEN_RE = re.compile(
    f"[{BIDI_CONTROLS}\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180e\u200b\u200c\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
    "|\u200d(?!(?<=[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]\u200d)[\U0001f000-\U0001faff\u2600-\u27bf])")
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

messages.add({"hidden-char": (
    "这一行有看不见的{what}（{char}），多半是从网页、微信或 Word 复制来的：它能让网页上显示的文字和文件里写的"
    "不一样，把号码等内容藏起来。请删除这几个字，再用键盘重新输入。",
    "an invisible {what_en} ({char}), usually pasted from a web page: it can make the page show other "
    "text than the file holds and hide numbers; delete these characters and type them again.",
)})


def hidden_char(line: str, file: str, number: int, col_offset: int = 0) -> Problem | None:
    """The first invisible format character of a line, as a problem (also used for content/*.md)."""
    odd = HIDDEN_RE.search(line)
    if not odd:
        return None
    char = odd.group()
    what, what_en = (("文字方向控制符", "bidi control") if _BIDI_RE.match(char)
                     else ("零宽字符", "zero-width character") if char in _ZERO_WIDTH
                     else ("格式字符", "format character"))
    return Problem("hidden-char", file, number, odd.start() + 1 + col_offset,
                   params={"char": f"U+{ord(char):04X}", "what": what, "what_en": what_en})


def _invisible(text: str, file: str) -> list[Problem]:
    """Tabs and invisible characters, at most one of each per line (Windows line ends are fine)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line[:-1] if line.endswith("\r") else line
        tab = line.find("\t")
        if tab >= 0:
            found.append(Problem("yaml-tab", file, number, tab + 1))
        odd = INVISIBLE_RE.search(line)
        if odd:
            found.append(Problem("yaml-control-char", file, number, odd.start() + 1,
                                 params={"char": f"U+{ord(odd.group()):04X}"}))
        hidden = hidden_char(line, file, number)
        if hidden:
            found.append(hidden)
    return found


def _shown_tag(tag: str) -> str:
    """The tag as the clerk typed it: ``!!int`` rather than ``tag:yaml.org,2002:int``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


# PyYAML's words for the mistakes clerks make most, in Chinese (by the start of the text).
SYNTAX_ZH = {
    "mapping values are not allowed here":
        "这一行有两个“: ”：值里要写冒号时，请给整个值加引号，或改用中文冒号“：”",
    "could not find expected ':'": "少了“: ”：字段名后要写英文冒号和一个空格",
    "found unexpected end of stream": "到文件末尾还有引号没有配对",
    "expected <block end>, but found": "缩进没有对齐：同一层的字段要从同一列开始",
    "did not find expected key": "缩进没有对齐，或列表项前少了“- ”",
    "did not find expected '-' indicator": "列表项前少了“- ”，或缩进没有对齐",
    "found unknown escape character": "双引号里的反斜杠“\\”要写成两个，或改用单引号",
    "expected escape sequence": "双引号里的反斜杠“\\”要写成两个，或改用单引号",
    "expected ',' or ']'": "方括号 [ ] 没有配对",
    "expected ',' or '}'": "花括号 { } 没有配对",
    "found character": "这个字符（如 @、`、%）不能放在值的开头：请给整个值加引号",
}


def _syntax(file: str, line: int, col: int, detail: str) -> Problem:
    zh = next((words for start, words in SYNTAX_ZH.items() if detail.startswith(start)),
              f"{detail}；常见原因是缩进不齐、冒号后缺空格、引号没有配对")
    return Problem("yaml-syntax", file, line, col, params={"detail": detail, "detail_zh": zh})


# libyaml parses ten times faster; the pure-Python parser explains an error in more detail,
# so it reads only the files libyaml refused.
FAST = yaml.CSafeLoader
EXACT = yaml.SafeLoader


# Records nest a few levels (file → entries → entry → attendance); thousands of "[" would make
# the composer and every walk over the data recurse until Python gives up with a traceback.
MAX_DEPTH = 32


@dataclass
class _Open:
    """A mapping or sequence whose events are still arriving."""

    value: dict | list
    path: tuple
    mark: Mark
    noted: bool  # its places are noted (False inside a refused key or the value of one)
    key: str | None = None  # a mapping's key waiting for its value
    at_key: bool = True  # a mapping's next node is a key
    skip_value: bool = False  # ... the value of a refused key (complex or repeated): left out


class _Reader:
    """One pass over the parser's events: refuses what YAML allows but a record never needs
    (anchors, aliases, tags, several documents, nesting deeper than any record), and builds the
    dicts, lists and strings, noting every value's and key's place."""

    def __init__(self, file: str):
        self.file = file
        self.refused: list[Problem] = []
        self.problems: list[Problem] = []  # complex and repeated keys: the file is read without them
        self.loaded = Loaded(file, None)
        self.open: list[_Open] = []
        self.documents = 0

    def read(self, text: str, loader) -> tuple[Loaded | None, list[Problem]]:
        for event in yaml.parse(text, Loader=loader):
            if self._take(event, _mark(event)):
                break
        if self.refused:
            return None, self.refused
        if not self.documents:
            return None, [Problem("file-empty", self.file, 1, 1)]
        return self.loaded, self.problems

    def _take(self, event, mark: Mark) -> bool:
        """Take one event; True when reading must stop (nesting too deep)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.refused.append(Problem("yaml-documents", self.file, *mark))
        elif isinstance(event, yaml.AliasEvent):
            self.refused.append(Problem("yaml-alias", self.file, *mark, params={"name": event.anchor}))
            self._node(None, mark, None, "")
        elif isinstance(event, yaml.NodeEvent):
            self._refuse_anchor_and_tag(event, mark)
            if isinstance(event, yaml.ScalarEvent):
                plain = not event.style  # None from PyYAML, '' from libyaml: written without quotes
                self._node(None if plain and event.value in ("", "~") else Plain(event.value) if plain
                           else str(event.value), mark, None, event.value)
            elif len(self.open) >= MAX_DEPTH:
                self.refused.append(Problem("yaml-too-deep", self.file, *mark, params={"depth": MAX_DEPTH}))
                return True
            else:
                self._node(None, mark, {} if isinstance(event, yaml.MappingStartEvent) else [], "")
        elif isinstance(event, yaml.CollectionEndEvent):
            done = self.open.pop()
            self._placed(done.value, done.mark, "", collection=True)
        return False

    def _refuse_anchor_and_tag(self, event, mark: Mark) -> None:
        if event.anchor is not None:
            self.refused.append(Problem("yaml-anchor", self.file, *mark, params={"name": event.anchor}))
        tag = getattr(event, "tag", None)  # scalars and collections have one, an alias not
        if tag is not None:
            self.refused.append(Problem("yaml-tag", self.file, *mark, params={"tag": _shown_tag(tag)}))

    def _node(self, value, mark: Mark, collection: dict | list | None, raw: str) -> None:
        """A node starts: a scalar (``value``, as written: ``raw``) or a collection (opened until
        its end event)."""
        path, noted = self._where()
        if noted:
            self.loaded.values[path] = mark
        if collection is None:
            self._placed(value, mark, raw, collection=False)
        else:
            self.open.append(_Open(collection, path, mark, noted))

    def _where(self) -> tuple[tuple, bool]:
        """The path of the node that starts now, and whether its place is noted."""
        if not self.open:
            return (), True
        parent = self.open[-1]
        if isinstance(parent.value, list):
            return parent.path + (len(parent.value),), parent.noted
        if parent.at_key:
            return parent.path, False  # a key's place is noted as a key, below
        return parent.path + (parent.key,), parent.noted and not parent.skip_value

    def _placed(self, value, mark: Mark, raw: str, collection: bool) -> None:
        """A node is complete: it goes into its parent (or is the file's data)."""
        if not self.open:
            self.loaded.data = value
            return
        parent = self.open[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.at_key:
            self._key(parent, raw, mark, collection)
        else:
            if not parent.skip_value:
                parent.value[parent.key] = value
            parent.at_key, parent.skip_value = True, False

    def _key(self, parent: _Open, key: str, mark: Mark, collection: bool) -> None:
        parent.at_key = False
        if collection:
            parent.skip_value = True
            if parent.noted:
                self.problems.append(Problem("yaml-complex-key", self.file, *mark))
            return
        if key in parent.value:
            parent.skip_value = True
            if parent.noted:
                first = self.loaded.keys[parent.path + (key,)][0]
                self.problems.append(Problem("duplicate-key", self.file, *mark, path=key,
                                             params={"key": key, "first_line": first}))
            return
        parent.key = key
        if parent.noted:
            self.loaded.keys[parent.path + (key,)] = mark


def parse_text(text: str, file: str) -> tuple[Loaded | None, list[Problem]]:
    problems = _invisible(text, file)
    if problems:
        return None, problems
    try:
        return _Reader(file).read(text, FAST)
    except yaml.YAMLError:
        pass
    try:
        return _Reader(file).read(text, EXACT)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark) if mark else (1, 1)
        # The parser stops where the structure breaks, often a line or the whole file after the
        # slip: every slip is named on its own line, and the parser's words only when no slip
        # on or before that line explains them.
        slips = typos.scan(text, file)
        explained = any(slip.line <= line for slip in slips)
        return None, slips + ([] if explained else [_syntax(file, line, col, exc.problem or "")])
    except yaml.YAMLError as exc:  # unmarked errors; the reader's are caught by _invisible first
        return None, [_syntax(file, 1, 1, str(exc).splitlines()[0])]


def load_file(path: Path, file: str) -> tuple[Loaded | None, list[Problem]]:
    """Read one YAML file strictly. ``file`` is the name problems will show."""
    text, problems = _decode(path.read_bytes(), file)
    if text is None:
        return None, problems
    return parse_text(text, file)
