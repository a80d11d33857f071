"""Template text left in a record ("（请填写…）" from `dangwu new`) would be published as is: warn."""
from __future__ import annotations

from generator import messages
from generator.checks.personal_data import string_scalars
from generator.dataset import Community
from generator.problems import WARNING, Problem
from generator.records.errors import _dotted

MARK = "（请填写"

messages.add({
    "placeholder-left": (
        "“{field}”还是模板里的占位文字“{value}”：请换成实际内容，否则会原样发布。",
        "'{field}' still holds the template text '{value}': replace it before publishing.",
    ),
})


def check(community: Community, today=None) -> list[Problem]:
    found = []
    for file, loaded in community.sources.items():
        for path, text in string_scalars(loaded.data):
            if MARK in text:
                line, col = loaded.mark(path)
                found.append(Problem("placeholder-left", file, line, col, path=_dotted(path),
                                     severity=WARNING, params={"value": text.strip()[:30]}))
    return found
