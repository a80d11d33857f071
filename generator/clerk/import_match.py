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


# Imports that add to one list of a file holding several (三张清单), or to a file named otherwise.
HELD_IN = {"need": ("lists", "needs"), "resource": ("lists", "resources"), "project": ("lists", "projects"),
           "duty": ("rota", "duties"), "deliberation": ("deliberations", "deliberations"), "grid": ("grids", "grids")}

# What makes a row the same as a recorded item, for the kinds that are neither money nor people.
SAME_BY = {"activities": ("date", "title"), "service": ("member", "date", "what"), "need": ("raised", "title"),
           "resource": ("offered_by", "title"), "project": ("need", "title"),
           "duty": ("date", "month", "weekday", "start", "place"), "deliberation": ("date", "topic")}


def record_year(record: dict) -> int:
    """The year whose file the record goes into: its date, a project's first stage, else the sheet's year."""
    for name in ("date", "raised", "offered"):
        if record.get(name):
            return int(record[name][:4])
    if record.get("stages"):
        return int(record["stages"][0]["date"][:4])
    return int(record["_year"])


def held_in(kind: str):
    """(the kind of file, the list in it) an import adds to."""
    file, key = HELD_IN.get(kind, (kind, ""))
    return BY_NAME[file], key or BY_NAME[file].items[0]


def _is_recorded(kind: str, old: dict, record: dict) -> bool:
    if kind == "finances":
        return _same_entry(old, record)
    if kind == "grid":  # a grid is the same grid by its id or by its name
        return (record.get("id") is not None and str(old.get("id")) == record["id"]) or str(old.get("name")) == record["name"]
    if kind in SAME_BY:
        return all(str(old.get(k)) == str(record.get(k)) for k in SAME_BY[kind])
    return (str(old.get("name")), str(old.get("unit"))) == (record["name"], record.get("unit"))


def already_recorded(kind: str, root: Path, good) -> tuple[list, dict[str, list[int]]]:
    """Rows the records already hold, set aside: a sheet kept all year imports again and again.

    Each recorded item accounts for one row only, so two real entries alike stay two.
    """
    file, key = held_in(kind)
    left: list[tuple[int, dict]] = []
    present: dict[str, list[int]] = {}  # file -> rows it already holds
    pools: dict[Path, list[dict]] = {}
    for number, record in good:
        path = file.path(root, record_year(record) if file.per_year else None)
        pool = pools.setdefault(path, items(raw(path), key))
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
               "activities": (("date", "title"), "日期和标题", "date and title"),
               "service": (("member", "date", "what"), "党员、日期和服务内容", "member, date and service"),
               "need": (("raised", "title"), "提出日期和需求内容", "date and need"),
               "resource": (("offered_by", "title"), "提供方和资源内容", "partner and resource"),
               "project": (("need", "title"), "对应需求和项目名称", "need and project"),
               "duty": (("date", "month", "weekday", "start", "place"), "日期（或月份、星期）、开始时间和地点",
                        "date (or month and weekday), start and place"),
               "deliberation": (("date", "topic"), "日期和议题", "date and topic")}


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
