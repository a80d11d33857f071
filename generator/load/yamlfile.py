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
FAST = (yaml.CSafeLoader, yaml.CBaseLoader)
EXACT = (yaml.SafeLoader, yaml.BaseLoader)


# Records nest a few levels (file → entries → entry → attendance); thousands of "[" would make
# the composer and every walk over the data recurse until Python gives up with a traceback.
MAX_DEPTH = 32


def _events(text: str, file: str, loader=yaml.SafeLoader) -> list[Problem]:
    """Refuse what YAML allows but a record never needs: anchors, aliases, tags, several documents,
    nesting deeper than any record."""
    found: list[Problem] = []
    documents, depth = 0, 0
    for event in yaml.parse(text, Loader=loader):
        line, col = _mark(event)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return found + [Problem("yaml-too-deep", file, line, col, params={"depth": MAX_DEPTH})]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                found.append(Problem("yaml-documents", file, line, col))
        elif isinstance(event, yaml.AliasEvent):
            found.append(Problem("yaml-alias", file, line, col, params={"name": event.anchor}))
        elif isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                found.append(Problem("yaml-anchor", file, line, col, params={"name": event.anchor}))
            tag = getattr(event, "tag", None)  # scalars and collections have one, an alias not
            if tag is not None:
                found.append(Problem("yaml-tag", file, line, col, params={"tag": _shown_tag(tag)}))
    return found


class _Builder:
    """Turns a composed node tree into dicts, lists and strings, noting every place."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.loaded = Loaded(file, None)

    def build(self, node, path: tuple = ()):
        self.loaded.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if not node.style:  # None from PyYAML, '' from libyaml: written without quotes
            return None if node.value in ("", "~") else Plain(node.value)
        return str(node.value)

    def _mapping(self, node, path: tuple) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem("yaml-complex-key", self.file, *_mark(key_node)))
                continue
            key = str(key_node.value)
            if key in result:
                first = self.loaded.keys[path + (key,)][0]
                self.problems.append(Problem(
                    "duplicate-key", self.file, *_mark(key_node), path=key,
                    params={"key": key, "first_line": first},
                ))
                continue
            self.loaded.keys[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def _parse(text: str, file: str, loaders) -> tuple[Loaded | None, list[Problem]]:
    events_loader, compose_loader = loaders
    problems = _events(text, file, events_loader)
    if problems:
        return None, problems
    node = yaml.compose(text, Loader=compose_loader)
    if node is None:
        return None, [Problem("file-empty", file, 1, 1)]
    builder = _Builder(file)
    builder.loaded.data = builder.build(node)
    return builder.loaded, builder.problems


def parse_text(text: str, file: str) -> tuple[Loaded | None, list[Problem]]:
    problems = _invisible(text, file)
    if problems:
        return None, problems
    try:
        return _parse(text, file, FAST)
    except yaml.YAMLError:
        pass
    try:
        return _parse(text, file, EXACT)
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
