"""Template text left in a record by `dangwu new` ("（请填写…）", an entry of "0.00"): check warns,
build refuses (the codes block publishing), because the site would show it to residents as is.
The scaffold's office phone 010-00000000 is a placeholder too."""
from __future__ import annotations

import re

from generator.checks.personal_data import string_scalars
from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages
from generator.problems.blocking import blocks_publish
from generator.records.errors import _dotted

MARK = "（请填写"
ZERO_PHONE = re.compile(r"0\d{2,3}-0{7,8}")  # the scaffold's "010-00000000": no office answers it

messages.add({
    "placeholder-left": (
        "“{field}”还是模板里的占位文字“{value}”：请换成实际内容。不改好网站不会生成（dangwu build 会拒绝）。",
        "'{field}' still holds the template text '{value}': replace it (dangwu build refuses to publish it).",
    ),
    "amount-zero": (
        "这笔收支的金额是 0.00（dangwu new 留下的模板值）：请写实际金额，收入为正、支出前加负号，"
        "如 \"-350.50\"；这笔没有发生就删除这一项。不改好网站不会生成（dangwu build 会拒绝）。",
        "this entry's amount is 0.00 (the template value from dangwu new): write the real amount "
        "(spending with a minus sign) or remove the entry; dangwu build refuses to publish it.",
    ),
})
blocks_publish("placeholder-left", "amount-zero")


def check(community: Community, today=None) -> list[Problem]:
    return _placeholders(community) + _zero_amounts(community)


def _placeholders(community: Community) -> list[Problem]:
    found = []
    for file, loaded in community.sources.items():
        for path, text in string_scalars(loaded.data):
            if MARK in text or ZERO_PHONE.fullmatch(text.strip()):
                line, col = loaded.mark(path)
                found.append(Problem("placeholder-left", file, line, col, path=_dotted(path),
                                     severity=WARNING, params={"value": text.strip()[:30]}))
    return found


def _zero_amounts(community: Community) -> list[Problem]:
    """A ledger entry of 0.00 records nothing: it is the template value nobody replaced."""
    found = []
    for ledger in community.finances.values():
        for index, entry in enumerate(ledger.entries):
            if entry.amount == 0:
                file = entry.src[0]
                path = ("entries", index, "amount")
                line, col = community.sources[file].mark(path)
                found.append(Problem("amount-zero", file, line, col, path=_dotted(path), severity=WARNING))
    return found
