"""What changed in a community's records between two versions of a file, in plain Chinese.

Pure functions over parsed YAML (the strict loader's dicts of strings), so an old version that
no longer validates can still be compared. Records are matched by id; ledger entries, which
have none, by content, then voucher, then position. Each change knows which site may show it:
a members-only record never appears in the public history, and a record moved to members-only
shows there as withdrawn. Values are shown only for figures (amounts, dates, counts, choices);
for text fields only the field's name, so an old version's text is never republished.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from generator.records import FILE_KINDS
from generator.records.activities import Activity
from generator.records.catalog import CatalogItem
from generator.records.commitments import Commitment
from generator.records.finances import BalanceCheck, Entry, Fund, Project
from generator.records.members import Member
from generator.records.notices import Notice
from generator.records.organization import Post, Unit
from generator.records.partners import Partner
from generator.views.format import money

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
VERBS = {ADDED: "新增", CHANGED: "修改", REMOVED: "删除"}
MONEY_FIELDS = {"amount", "balance", "budget"}
SHOWN_FIELDS = MONEY_FIELDS | {"date", "start", "end", "made", "due", "decided", "signed", "until", "kind",
                               "stage", "status", "category", "progress", "attendance", "rhythm", "period"}
MONEY_RE = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]{2}")


@dataclass(frozen=True)
class FieldChange:
    label: str  # 金额
    old: str | None = None  # "¥120.00"; None on both sides when the value is not shown
    new: str | None = None

    @property
    def shown(self) -> bool:
        return self.old is not None or self.new is not None


@dataclass(frozen=True)
class Change:
    action: str  # added | changed | removed
    what: str  # 活动、公示、财务 …
    file: str  # activities/2026.yml
    ref: str = ""  # 2026-03-05, n2026-03, 2026年第12笔
    title: str = ""  # as written; masked when described
    person: bool = False  # the title is a person's name
    people: tuple[str, ...] = ()  # names inside the title, masked when described
    fields: tuple[FieldChange, ...] = ()
    note: str = ""
    key: tuple = ()  # what the record is now: (kind, id) or ("finances", year, position, entry)


# --- describing ---------------------------------------------------------------------------------

def describe(change: Change, name: Callable[[str], str] = lambda n: n) -> str:
    """新增活动 2026-03-05 主题党日 / 修改财务 2026年第12笔 慰问：金额 ¥120.00 → ¥210.00"""
    title = name(change.title) if change.person else _mask_people(change.title, change.people, name)
    text = " ".join(part for part in (VERBS[change.action] + change.what, change.ref, title) if part)
    if change.fields:
        text += "：" + _fields_text(change.fields)
    return text + change.note


def _mask_people(title: str, people, name) -> str:
    for person in sorted(people, key=len, reverse=True):
        title = title.replace(person, name(person))
    return title


def _fields_text(fields) -> str:
    shown = [f"{f.label} {f.old or '（空）'} → {f.new or '（空）'}".strip() for f in fields if f.shown]
    named = "、".join(f.label for f in fields if not f.shown)
    return "；".join(shown + ([named] if named else []))


# --- values as the change list shows them ----------------------------------------------------------

def _labels(model) -> dict[str, str]:
    return {name: (info.description or name).split("：")[0].rstrip("。") for name, info in model.model_fields.items()}


def shown_value(field: str, value) -> str | None:
    if value is None:
        return None
    if field in MONEY_FIELDS and isinstance(value, str) and MONEY_RE.fullmatch(value):
        return money(Decimal(value))
    if field == "attendance" and isinstance(value, dict):
        return f"{value.get('present', '?')}/{value.get('expected', '?')} 人"
    if field == "progress" and isinstance(value, str):
        return f"{value}%"
    return str(value) if isinstance(value, str) else None


def field_changes(old: dict, new: dict, labels: dict[str, str]) -> tuple[FieldChange, ...]:
    changes = []
    for field in list(labels) + [k for k in {**old, **new} if k not in labels]:
        if field in ("id", "audience") or old.get(field) == new.get(field):
            continue
        label = labels.get(field, field)
        if field in SHOWN_FIELDS:
            before, after = shown_value(field, old.get(field)), shown_value(field, new.get(field))
            changes.append(FieldChange(label, before or "（空）", after or "（空）"))
        else:
            changes.append(FieldChange(label))
    return tuple(changes)


# --- records with an id ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Collection:
    key: str  # the list in the file
    what: str
    model: type
    ref: Callable[[dict], str] = lambda r: str(r.get("id", ""))
    title: Callable[[dict], str] = lambda r: str(r.get("title") or r.get("name") or "")
    person: bool = False
    identity: Callable[[dict], object] = lambda r: r.get("id")


def _people(record: dict) -> tuple[str, ...]:
    people = record.get("people")
    return tuple(p for p in people if isinstance(p, str)) if isinstance(people, list) else ()


COLLECTIONS = {
    "activities": [Collection("activities", "活动", Activity, ref=lambda r: str(r.get("date", "")))],
    "notices": [Collection("notices", "公示", Notice)],
    "commitments": [Collection("commitments", "承诺", Commitment)],
    "members": [Collection("members", "党员", Member, ref=lambda r: "", person=True)],
    "partners": [Collection("partners", "共建单位", Partner, ref=lambda r: "")],
    "organization": [Collection("units", "组织", Unit, ref=lambda r: ""), Collection("posts", "岗位", Post, ref=lambda r: "")],
    "catalog": [Collection("items", "公开目录事项", CatalogItem, ref=lambda r: "")],
}


def _list(data, key: str) -> list[dict]:
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _by_identity(items: list[dict], identity) -> dict:
    found: dict = {}
    for item in items:
        key = identity(item)
        if isinstance(key, (str, tuple)) and key not in found:
            found[key] = item
    return found


def visible(record: dict, audience: str, default: str = "public") -> bool:
    return audience == "members" or (record.get("audience") or default) != "members"


def _change(coll: Collection, file: str, action: str, record: dict, key: tuple = (), **extra) -> Change:
    return Change(action, coll.what, file, coll.ref(record), coll.title(record), coll.person, _people(record),
                  key=key, **extra)


def diff_collection(coll: Collection, file: str, kind: str, old, new, audience: str,
                    default: Callable[[dict], str] = lambda r: "public") -> list[Change]:
    """Records matched by identity; for this audience, one that became visible reads as added,
    one that became members-only as withdrawn."""
    before = _by_identity(_list(old, coll.key), coll.identity)
    after = _by_identity(_list(new, coll.key), coll.identity)
    seen = lambda record: record is not None and visible(record, audience, default(record))  # noqa: E731
    found = []
    for key, record in after.items():
        was = before.get(key)
        if seen(record) and not seen(was):
            found.append(_change(coll, file, ADDED, record, (kind, key)))
        elif seen(record) and was != record:
            fields = field_changes(was, record, _labels(coll.model))
            found.append(_change(coll, file, CHANGED, record, (kind, key), fields=fields))
        elif seen(was) and not seen(record):
            found.append(_change(coll, file, REMOVED, was, note="（改为仅党内公开）"))
    for key, record in before.items():
        if key not in after and seen(record):
            found.append(_change(coll, file, REMOVED, record, note="（已撤回）" if coll.key == "notices" else ""))
    return found


# --- the ledger -------------------------------------------------------------------------------------

def fund_audiences(data) -> dict[str, str]:
    """Fund id → who sees it: its audience, else members for 党费 and public for the rest."""
    return {str(f.get("id")): (f.get("audience") or ("members" if "党费" in str(f.get("name", "")) else "public"))
            for f in _list(data, "funds")}


def match_entries(old: list[dict], new: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair ledger lines across versions: identical lines, then the same voucher, then the same place.

    Returns (pairs of old and new index, old indexes removed, new indexes added), 0-based.
    """
    pairs: list[tuple[int, int]] = []
    free_old, free_new = list(range(len(old))), list(range(len(new)))

    def pair(i: int, j: int) -> None:
        pairs.append((i, j))
        free_old.remove(i)
        free_new.remove(j)

    for j in list(free_new):
        same = [i for i in free_old if old[i] == new[j]]
        if same:
            pair(j if j in same else same[0], j)
    vouchers_old = [old[i].get("voucher") for i in free_old]
    vouchers_new = [new[j].get("voucher") for j in free_new]
    for j in list(free_new):
        v = new[j].get("voucher")
        if v and vouchers_new.count(v) == 1 and vouchers_old.count(v) == 1:
            pair(next(i for i in free_old if old[i].get("voucher") == v), j)
    for j in list(free_new):
        if j in free_old and any(old[j].get(k) == new[j].get(k) for k in ("date", "amount", "summary")):
            pair(j, j)
    return sorted(pairs, key=lambda p: p[1]), free_old, free_new


def _entry_title(entry: dict) -> str:
    amount = entry.get("amount")
    shown = shown_value("amount", amount)
    if shown and isinstance(amount, str):
        shown = ("支出 " + shown.replace("-", "", 1)) if amount.startswith("-") else "收入 " + shown
    return " ".join(str(p) for p in (entry.get("date"), entry.get("summary"), shown) if p)


def diff_ledger(file: str, year: int, old, new, audience: str) -> list[Change]:
    funds_old, funds_new = fund_audiences(old), fund_audiences(new)
    fund_default = lambda funds: lambda r: funds.get(str(r.get("fund")), "public")  # noqa: E731
    seen_old = lambda e: visible(e, audience, fund_default(funds_old)(e))  # noqa: E731
    seen_new = lambda e: visible(e, audience, fund_default(funds_new)(e))  # noqa: E731
    before, after = _list(old, "entries"), _list(new, "entries")
    pairs, removed, added = match_entries(before, after)
    labels = _labels(Entry)
    ref = lambda i: f"{year}年第{i + 1}笔"  # noqa: E731
    found = []
    for i, j in pairs:
        if before[i] == after[j]:
            continue
        if seen_new(after[j]) and seen_old(before[i]):
            found.append(Change(CHANGED, "财务", file, ref(j), str(after[j].get("summary", "")),
                                fields=field_changes(before[i], after[j], labels),
                                key=("finances", year, j + 1, after[j])))
        elif seen_new(after[j]):
            added.append(j)
        elif seen_old(before[i]):
            found.append(Change(REMOVED, "财务", file, ref(i), _entry_title(before[i]), note="（改为仅党内公开）"))
    for j in sorted(added):
        if seen_new(after[j]):
            found.append(Change(ADDED, "财务", file, ref(j), _entry_title(after[j]), key=("finances", year, j + 1, after[j])))
    for i in removed:
        if seen_old(before[i]):
            found.append(Change(REMOVED, "财务", file, ref(i), _entry_title(before[i])))
    return found + _ledger_rest(file, year, old, new, audience, funds_old, funds_new)


def _ledger_rest(file, year, old, new, audience, funds_old, funds_new) -> list[Change]:
    """Funds, opening balances, projects and declared balance checks."""
    by_fund = lambda funds: lambda r: funds.get(str(r.get("fund")), "public")  # noqa: E731
    fund_vis = lambda funds: lambda f: funds.get(str(f.get("id")), "public")  # noqa: E731
    found = diff_collection(Collection("funds", "经费", Fund, ref=lambda r: ""), file, "funds", old, new,
                            audience, fund_vis({**funds_old, **funds_new}))
    found += diff_collection(Collection("projects", "项目", Project), file, "projects", old, new, audience,
                             by_fund({**funds_old, **funds_new}))
    names = {str(f.get("id")): str(f.get("name", "")) for f in _list(new, "funds") + _list(old, "funds")}
    checks = Collection("checks", "余额核对", BalanceCheck, ref=lambda r: str(r.get("date", "")),
                        title=lambda r: names.get(str(r.get("fund")), str(r.get("fund", ""))),
                        identity=lambda r: (r.get("date"), r.get("fund")))
    found += diff_collection(checks, file, "checks", old, new, audience, by_fund({**funds_old, **funds_new}))
    return found + _opening(file, year, old, new, audience, {**funds_old, **funds_new})


def _opening(file, year, old, new, audience, funds) -> list[Change]:
    before = old.get("opening") if isinstance(old, dict) and isinstance(old.get("opening"), dict) else {}
    after = new.get("opening") if isinstance(new, dict) and isinstance(new.get("opening"), dict) else {}
    names = {str(f.get("id")): str(f.get("name", "")) for f in _list(new, "funds") + _list(old, "funds")}
    found = []
    for fund in dict.fromkeys([*after, *before]):
        was, now = before.get(fund), after.get(fund)
        if was == now or (audience != "members" and funds.get(fund, "public") == "members"):
            continue
        ref, name = f"{year}年年初余额", names.get(fund, fund)
        if was is None or now is None:
            action, value = (ADDED, now) if was is None else (REMOVED, was)
            found.append(Change(action, "财务", file, ref, f"{name} {shown_value('balance', value) or ''}".strip()))
        else:
            found.append(Change(CHANGED, "财务", file, ref, name, fields=(
                FieldChange("", shown_value("balance", was) or "（空）", shown_value("balance", now) or "（空）"),)))
    return found


# --- a whole file ----------------------------------------------------------------------------------

UNREADABLE = object()  # a version that does not parse: compared as a whole, never record by record
YEAR_FILE_RE = re.compile(r"([a-z]+)/([0-9]{4})\.yml")
SINGLE_FILE_RE = re.compile(r"([a-z]+)\.yml")


def file_kind(path: str) -> tuple[str, int | None] | None:
    """(kind, year) of a record file inside a community folder, or None for anything else."""
    match = YEAR_FILE_RE.fullmatch(path)
    if match and match.group(1) in FILE_KINDS:
        return match.group(1), int(match.group(2))
    match = SINGLE_FILE_RE.fullmatch(path)
    if match and match.group(1) in FILE_KINDS:
        return match.group(1), None
    return None


def diff_file(path: str, old, new, audience: str) -> list[Change]:
    """Every change visible to ``audience`` between two parsed versions (None: the file did not exist)."""
    kind, year = file_kind(path) or (None, None)
    if kind is None or old == new:
        return []
    if old is UNREADABLE or new is UNREADABLE:
        return [Change(CHANGED, "记录文件", path, path, note="（有一版格式有误，无法逐条比较）")]
    old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    if kind == "finances":
        return diff_ledger(path, year, old, new, audience)
    if kind == "community":
        return _community(path, old, new)
    return [c for coll in COLLECTIONS[kind] for c in diff_collection(coll, path, kind, old, new, audience)]


def _community(path: str, old: dict, new: dict) -> list[Change]:
    from generator.records.community import CommunityFile

    if not old or not new:
        return [Change(ADDED if not old else REMOVED, "社区信息", path)]
    fields = tuple(FieldChange(f.label) for f in field_changes(old, new, _labels(CommunityFile)))
    return [Change(CHANGED, "社区信息", path, fields=fields)] if fields else []
