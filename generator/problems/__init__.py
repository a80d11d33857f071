"""Problems are data: a stable code, where it is, and the facts a message is made from.

Tests compare ``(code, line)``; clerks read ``message()``, in Chinese unless asked otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.problems.messages import render

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    file: str
    line: int = 0
    col: int = 0
    path: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)
    severity: str = ERROR

    def message(self, lang: str = "zh") -> str:
        return render(self.code, lang, {"field": self.field_words(lang), **self.params})

    def field_words(self, lang: str = "zh") -> str:
        """Where in the record, as the message says it: 第 221 条活动的“类别” (the dotted
        ``path`` stays for tools, and for English)."""
        if lang == "en" or not self.path:
            return self.path
        from generator.records.places import spoken  # records import this module

        return spoken(self.file, self.path)

    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def as_text(self, lang: str = "zh") -> str:
        level = "" if self.severity == ERROR else ("警告 " if lang == "zh" else "warning ")
        # A build that failed as a whole (MkDocs, a full disk) is in no file: no ":0:0" then.
        where = f"{self.where()}: " if self.file else ""
        return f"{where}{self.code} {level}{self.message(lang)}"

    def as_json(self, lang: str = "zh") -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "message": self.message(lang),
        }

    def sort_key(self):
        return (self.file, self.line, self.col, self.code)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a clerk would type it: relative to the working directory when possible."""
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def errors(problems) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def warnings(problems) -> list[Problem]:
    return [p for p in problems if p.severity == WARNING]
