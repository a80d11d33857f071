"""Rows already recorded, and rows a sheet holds twice.

A clerk keeps one sheet all year and imports it again after adding a few lines: rows the records
already hold are recognised (same date and amount, and the same voucher or summary) and skipped.
A new row the sheet holds twice is most likely pasted twice: it is shown, and written only when
the clerk confirms it with --keep-duplicates.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.clerk.new import items, raw
from generator.problems import WARNING, Problem, messages
from generator.records.kinds import BY_NAME

messages.add({
    "import-repeated-row": (
        "和第 {first} 行的{what}完全一样：多半是粘贴时重复了。请删去一行；如确是两笔，请改正凭证号或摘要，"
        "或加上 --keep-duplicates 再导入。",
        "the same {what_en} as row {first}: probably pasted twice. Delete one, or add --keep-duplicates.",
    ),
    "import-duplicate-member": ("名册里已有“{name}”（{id}）：同一个人不要导入两次；如是同名的另一人，请在表里为他写一个编号。",
                                "the roster already has '{name}' ({id})."),
})


def _same_entry(entry: dict, record: dict) -> bool:
    """The row is this entry: same fund, date and amount, and the same voucher or the same summary."""
    try:
        amount = Decimal(str(entry.get("amount"))) == Decimal(record["amount"])
    except InvalidOperation:
        return False
    same = str(entry.get("fund")) == record["fund"] and str(entry.get("date")) == record["date"] and amount
    return same and (str(entry.get("voucher")) == record["voucher"] or str(entry.get("summary")) == record["summary"])


def _is_recorded(kind: str, old: dict, record: dict) -> bool:
    if kind == "finances":
        return _same_entry(old, record)
    if kind == "activities":
        return (str(old.get("date")), str(old.get("title"))) == (record["date"], record["title"])
    return (str(old.get("name")), str(old.get("unit"))) == (record["name"], record.get("unit"))


def already_recorded(kind: str, root: Path, good) -> tuple[list, dict[str, list[int]]]:
    """Rows the records already hold, set aside: a sheet kept all year imports again and again.

    Each recorded item accounts for one row only, so two real entries alike stay two.
    """
    held_in = BY_NAME[kind]  # an import's kind is the kind of file it adds to
    left: list[tuple[int, dict]] = []
    present: dict[str, list[int]] = {}  # file -> rows it already holds
    pools: dict[Path, list[dict]] = {}
    for number, record in good:
        path = held_in.path(root, int(record["date"][:4]) if held_in.per_year else None)
        pool = pools.setdefault(path, items(raw(path), held_in.items[0]))
        match = next((old for old in pool if _is_recorded(kind, old, record)), None)
        if match is None:
            left.append((number, record))
        else:
            pool.remove(match)
            present.setdefault(path.relative_to(root).as_posix(), []).append(number)
    return left, present


def namesakes(kind: str, root: Path, sheet: str, good) -> list[Problem]:
    """A member of the same name in another organisation: the same person, or a namesake to tell apart."""
    if kind != "members":
        return []
    found = []
    existing = {str(m.get("name")): str(m.get("id", "")) for m in items(raw(root / "members.yml"), "members")}
    for number, record in good:
        if record["name"] in existing:
            found.append(Problem("import-duplicate-member", sheet, number, 1,
                                 params={"name": record["name"], "id": existing[record["name"]]}))
        existing.setdefault(record["name"], f"第 {number} 行")
    return found


REPEAT_KEYS = {"finances": (("date", "amount", "voucher", "summary"), "日期、金额、凭证号和摘要",
                            "date, amount, voucher and summary"),
               "activities": (("date", "title"), "日期和标题", "date and title")}


def repeats(kind: str, sheet: str, good) -> list[Problem]:
    """New rows the sheet holds twice, which a clerk most likely pasted twice (warned, written only when confirmed)."""
    if kind not in REPEAT_KEYS:
        return []
    keys, what, what_en = REPEAT_KEYS[kind]
    first: dict[tuple, int] = {}
    found = []
    for number, record in good:
        key = tuple(record.get(k) for k in keys)
        if key in first:
            found.append(Problem("import-repeated-row", sheet, number, 1, severity=WARNING,
                                 params={"first": first[key], "what": what, "what_en": what_en}))
        first.setdefault(key, number)
    return found
