"""What changed in a community's records between two versions of a file.

Pure functions over parsed YAML (the strict loader's dicts of strings), so an old version that
no longer validates can still be compared. Records are matched by id; ledger entries, which
have none, by content, then voucher, then position. Values are kept as written: how a change
reads, and what of an old value may be shown, is ``history_text``'s concern.

Each change also knows what its record is *today* (its fate, see ``Fates``): the history may
only show what today's site would show. A record that is members-only today is never named on
the public site (not even by the titles it had while it was public); a record that is gone is
named by its title but described without its fields.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from generator.privacy.audience import sees_all, shows_stored, stored_fund_audiences
from generator.records.activities import Activity
from generator.records.catalog import CatalogItem
from generator.records.commitments import Commitment
from generator.records.deliberations import Deliberation
from generator.records.finances import BalanceCheck, Entry, Fund, Project
from generator.records.grids import Grid
from generator.records.kinds import BY_NAME
from generator.records.lists import Need, Resource
from generator.records.lists import Project as ListProject
from generator.records.members import Member
from generator.records.notices import Notice
from generator.records.organization import Post, Unit
from generator.records.partners import Partner
from generator.records.rota import Duty
from generator.records.service import Service

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
VERBS = {ADDED: "新增", CHANGED: "修改", REMOVED: "删除"}
SHOWN, HIDDEN, GONE = "shown", "hidden", "gone"  # a record's fate: on this site today, members-only, deleted
TO_MEMBERS = "（改为仅党内公开）"
WITHDRAWN = "（已撤回）"


@dataclass(frozen=True)
class FieldChange:
    field: str  # amount
    label: str  # 金额
    old: object = None  # the values as written (str, list, dict or None)
    new: object = None


@dataclass(frozen=True)
class Change:
    action: str  # added | changed | removed
    what: str  # 活动、公示、财务 …
    file: str  # activities/2026.yml
    ref: str = ""  # 2026-03-05 (a date as written) or 2026年第12笔; never an internal id
    title: str = ""  # as written
    person: bool = False  # the title is a person's name
    people: tuple[str, ...] = ()  # names inside the record, masked when described
    fields: tuple[FieldChange, ...] = ()
    note: str = ""
    key: tuple = ()  # what the record is: (list, id) or ("finances", year, position, entry)
    fate: str = SHOWN
    bare: bool = False  # name the changed fields only, never their values (a record gone today)


# --- what a record is today ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Present:
    """The records of today's data as this site sees them: keys (list, id) shown and hidden, and
    per ledger year each entry as (date, amount, summary, voucher, fund) with whether it is shown."""
    shown: frozenset = frozenset()
    hidden: frozenset = frozenset()
    entries: tuple[tuple[int, tuple[tuple[tuple, bool], ...]], ...] = ()


ENTRY_KEYS = ("date", "amount", "summary", "voucher", "fund")


def entry_projection(entry: dict) -> dict:
    return {k: entry.get(k) for k in ENTRY_KEYS}


@dataclass
class Fates:
    """What each record of an old version is today, filled while walking the history newest first:
    a record not in today's data takes the fate it had when it was last seen. Without today's
    data (``present`` None: two versions compared on their own) every record counts as shown."""
    present: Present | None
    audience: str
    decided: dict = field(default_factory=dict)
    ledgers: dict = field(default_factory=dict)  # path → (entries of the newer version, their fates)

    def record(self, key: tuple, latest: dict, default: str) -> str:
        if self.present is None:
            return SHOWN
        if key in self.present.shown:
            return SHOWN
        if key in self.present.hidden:
            return HIDDEN
        if key not in self.decided:
            self.decided[key] = GONE if shows_stored(latest, self.audience, default) else HIDDEN
        return self.decided[key]

    def entries(self, path: str, year: int, entries: list[dict], seen: Callable[[dict], bool]) -> list[str]:
        """Fates of a version's ledger entries: carried from the newer version when it is the same
        list, else matched against today's entries (one not there is gone, or hidden if unseen)."""
        if self.present is None:
            return [SHOWN if seen(e) else HIDDEN for e in entries]
        newer = self.ledgers.get(path)
        if newer is not None and newer[0] == entries:
            return list(newer[1])
        today = dict(self.present.entries).get(year, ())
        pairs, _, _ = match_entries([dict(zip(ENTRY_KEYS, t, strict=True)) for t, _ in today],
                                    [entry_projection(e) for e in entries])
        fates = [GONE if seen(e) else HIDDEN for e in entries]
        for i, j in pairs:
            fates[j] = SHOWN if today[i][1] else HIDDEN
        return fates

    def remember(self, path: str, entries: list[dict], fates: list[str]) -> None:
        self.ledgers[path] = (entries, fates)


def settle(change: Change, fate: str, audience: str) -> Change | None:
    """The change as this site may tell it, given its record's fate (None: not at all)."""
    if fate == HIDDEN and not sees_all(audience):
        if change.action == REMOVED and change.note == TO_MEMBERS:
            return Change(REMOVED, change.what, change.file, note=TO_MEMBERS, fate=HIDDEN)
        return None  # the record is members-only today: not one of its past titles is shown
    if fate == GONE:
        return replace(change, fate=GONE, bare=True, key=(), title="" if change.person else change.title)
    return replace(change, fate=fate)


def people_in(data) -> set[str]:
    """Every person a version of a file names: members, committee members, people of a 公示,
    who handled and approved a ledger line. Their names are masked wherever the history quotes
    free text, so a title like "慰问困难党员张建国" is not how a removed member stays public."""
    names = {m.get("name") for m in _list(data, "members")}
    names |= {p.get("name") for unit in _list(data, "units") for p in _list(unit, "committee")}
    names |= {p for n in _list(data, "notices") for p in _people(n)}
    names |= {e.get(k) for e in _list(data, "entries") for k in ("handler", "approver")}
    return {n.strip() for n in names if isinstance(n, str) and len(n.strip()) >= 2}


# --- fields ---------------------------------------------------------------------------------------------

def labels(model) -> dict[str, str]:
    """Field → its Chinese name, from the model's docstrings: "经费编号" reads as 经费."""
    found = {}
    for name, info in model.model_fields.items():
        label = (info.description or name).split("：")[0].rstrip("。")
        found[name] = label[:-2] if label.endswith("编号") and len(label) > 2 else label
    return found


def field_changes(old: dict, new: dict, names: dict[str, str]) -> tuple[FieldChange, ...]:
    changes = []
    fields: list[str] = list(names) + [k for k in {**old, **new} if k not in names]  # the loader's keys are text
    for name in fields:
        if name in ("id", "audience") or old.get(name) == new.get(name):
            continue
        changes.append(FieldChange(name, names.get(name, name), old.get(name), new.get(name)))
    return tuple(changes)


# --- records with an id ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Collection:
    key: str  # the list in the file
    what: str
    model: type
    ref: Callable[[dict], str] = lambda r: ""
    title: Callable[[dict], str] = lambda r: str(r.get("title") or r.get("name") or "")
    person: bool = False
    identity: Callable[[dict], object] = lambda r: r.get("id")


def _people(*records) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for record in records:
        people = record.get("people") if isinstance(record, dict) else None
        if isinstance(people, list):
            found.update({p: None for p in people if isinstance(p, str)})
    return tuple(found)


def _duty_title(record: dict) -> str:
    """A duty has no title: its kind and when, as the rota page heads it ("错时服务 12月每周六")."""
    when = record.get("date") or f"{record.get('month') or ''}月每{record.get('weekday') or ''}"
    return f"{record.get('kind') or '值班'} {when}"


COLLECTIONS = {
    "activities": [Collection("activities", "活动", Activity, ref=lambda r: str(r.get("date") or ""))],
    "notices": [Collection("notices", "公示", Notice)],
    "commitments": [Collection("commitments", "承诺", Commitment)],
    "members": [Collection("members", "党员", Member, person=True)],
    "partners": [Collection("partners", "共建单位", Partner)],
    "organization": [Collection("units", "组织", Unit), Collection("posts", "岗位", Post)],
    "catalog": [Collection("items", "公开目录事项", CatalogItem)],
    "grids": [Collection("grids", "网格", Grid)],
    "service": [Collection("services", "双报到服务", Service, ref=lambda r: str(r.get("date") or ""),
                           title=lambda r: str(r.get("what") or ""))],
    "deliberations": [Collection("deliberations", "议事", Deliberation, ref=lambda r: str(r.get("date") or ""),
                                 title=lambda r: str(r.get("topic") or ""))],
    # 三张清单: a project's key is the list's name, as in the file (ledger projects are numbered pj…).
    "lists": [Collection("needs", "需求", Need, ref=lambda r: str(r.get("raised") or "")),
              Collection("resources", "资源", Resource), Collection("projects", "清单项目", ListProject)],
    "rota": [Collection("duties", "值班", Duty, title=_duty_title)],
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


def diff_collection(coll: Collection, file: str, old, new, audience: str, fates: Fates,
                    default: Callable[[dict], str] = lambda r: "public") -> list[Change]:
    """Records matched by identity; for this audience, one that became visible reads as added,
    one that became members-only as withdrawn. Each change is then settled by its record's fate."""
    before = _by_identity(_list(old, coll.key), coll.identity)
    after = _by_identity(_list(new, coll.key), coll.identity)
    seen = lambda record: shows_stored(record, audience, default(record or {}))  # noqa: E731
    found = []

    def add(action: str, record: dict, key, was: dict | None = None, **extra) -> None:
        latest = after.get(key, was if was is not None else record)  # the record's last state in this version
        fate = fates.record((coll.key, key), latest, default(latest))
        change = Change(action, coll.what, file, coll.ref(record), coll.title(record), coll.person,
                        _people(record, was), key=(coll.key, key), **extra)
        settled = settle(change, fate, audience)
        if settled is not None:
            found.append(settled)

    for key, record in after.items():
        was = before.get(key)
        if seen(record) and not seen(was):
            add(ADDED, record, key, was)
        elif seen(record) and was is not None and was != record:  # seen(None) is False: added above
            add(CHANGED, record, key, was, fields=field_changes(was, record, labels(coll.model)))
        elif was is not None and seen(was) and not seen(record):
            add(REMOVED, was, key, was, note=TO_MEMBERS)
    for key, record in before.items():
        if key not in after and seen(record):
            add(REMOVED, record, key, record, note=WITHDRAWN if coll.key == "notices" else "")
    return found


# --- the ledger -------------------------------------------------------------------------------------

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


def _entry_fields(entry: dict) -> tuple[FieldChange, ...]:
    """An added or removed line is told by its date and amount."""
    names = labels(Entry)
    return tuple(FieldChange(k, names[k], None, entry.get(k)) for k in ("date", "amount") if entry.get(k))


def diff_ledger(file: str, year: int, old, new, audience: str, fates: Fates) -> list[Change]:
    funds_old, funds_new = stored_fund_audiences(old), stored_fund_audiences(new)
    seen_old = lambda e: shows_stored(e, audience, funds_old.get(str(e.get("fund")), "public"))  # noqa: E731
    seen_new = lambda e: shows_stored(e, audience, funds_new.get(str(e.get("fund")), "public"))  # noqa: E731
    before, after = _list(old, "entries"), _list(new, "entries")
    pairs, removed, added = match_entries(before, after)
    fates_new = fates.entries(file, year, after, seen_new)
    fates_old = [GONE if seen_old(e) else HIDDEN for e in before]
    for i, j in pairs:
        fates_old[i] = fates_new[j]
    fates.remember(file, before, fates_old)

    ref = lambda i: f"{year}年第{i + 1}笔"  # noqa: E731
    summary = lambda e: str(e.get("summary") or "")  # noqa: E731
    drafts: list[tuple[Change, str]] = []
    for i, j in pairs:
        if before[i] == after[j]:
            continue
        if seen_new(after[j]) and seen_old(before[i]):
            drafts.append((Change(CHANGED, "财务", file, ref(j), summary(after[j]),
                                  fields=field_changes(before[i], after[j], labels(Entry)),
                                  key=("finances", year, j + 1, after[j])), fates_new[j]))
        elif seen_new(after[j]):
            added.append(j)
        elif seen_old(before[i]):
            drafts.append((Change(REMOVED, "财务", file, ref(i), summary(before[i]), fields=_entry_fields(before[i]),
                                  note=TO_MEMBERS), fates_old[i]))
    for j in sorted(added):
        if seen_new(after[j]):
            drafts.append((Change(ADDED, "财务", file, ref(j), summary(after[j]), fields=_entry_fields(after[j]),
                                  key=("finances", year, j + 1, after[j])), fates_new[j]))
    for i in removed:
        if seen_old(before[i]):
            drafts.append((Change(REMOVED, "财务", file, ref(i), summary(before[i]), fields=_entry_fields(before[i])),
                           fates_old[i]))
    found = [s for change, fate in drafts if (s := _settle_entry(change, fate, audience)) is not None]
    return found + _ledger_rest(file, year, old, new, audience, fates, {**funds_old, **funds_new})


def _settle_entry(change: Change, fate: str, audience: str) -> Change | None:
    settled = settle(change, fate, audience)
    if settled is not None and settled.fate == GONE and change.action != CHANGED:
        settled = replace(settled, bare=False)  # a line's date and amount are all it is told by
    return settled


def _ledger_rest(file, year, old, new, audience, fates, funds) -> list[Change]:
    """Funds, opening balances, projects and declared balance checks."""
    by_fund = lambda r: funds.get(str(r.get("fund")), "public")  # noqa: E731
    found = diff_collection(Collection("funds", "经费", Fund), file, old, new, audience, fates,
                            lambda f: funds.get(str(f.get("id")), "public"))
    found += diff_collection(Collection("projects", "项目", Project), file, old, new, audience, fates, by_fund)
    names = {str(f.get("id")): str(f.get("name", "")) for f in _list(new, "funds") + _list(old, "funds")}
    checks = Collection("checks", "余额核对", BalanceCheck, ref=lambda r: str(r.get("date") or ""),
                        title=lambda r: names.get(str(r.get("fund")), ""),
                        identity=lambda r: (r.get("date"), r.get("fund")))
    found += diff_collection(checks, file, old, new, audience, fates, by_fund)
    return found + _opening(file, year, old, new, audience, funds, names)


def _opening_balances(data) -> dict:
    """Fund id -> opening balance of a parsed version ({} when it has none or not a mapping)."""
    opening = data.get("opening") if isinstance(data, dict) else None
    return opening if isinstance(opening, dict) else {}


def _opening(file, year, old, new, audience, funds, names) -> list[Change]:
    before, after = _opening_balances(old), _opening_balances(new)
    found = []
    for fund in dict.fromkeys([*after, *before]):
        was, now = before.get(fund), after.get(fund)
        # an opening balance has no audience of its own: it is shown where its fund is
        if was == now or not shows_stored({}, audience, funds.get(fund, "public")):
            continue
        action = ADDED if was is None else REMOVED if now is None else CHANGED
        found.append(Change(action, "财务", file, f"{year}年年初余额", names.get(fund, ""),
                            fields=(FieldChange("balance", "余额", was, now),)))
    return found


# --- a whole file ----------------------------------------------------------------------------------

UNREADABLE = object()  # a version that does not parse: compared as a whole, never record by record
YEAR_FILE_RE = re.compile(r"([a-z]+)/([0-9]{4})\.yml")
SINGLE_FILE_RE = re.compile(r"([a-z]+)\.yml")


def file_kind(path: str) -> tuple[str, int | None] | None:
    """(kind, year) of a record file inside a community folder, or None for anything else."""
    match = YEAR_FILE_RE.fullmatch(path)
    if match and match.group(1) in BY_NAME:
        return match.group(1), int(match.group(2))
    match = SINGLE_FILE_RE.fullmatch(path)
    if match and match.group(1) in BY_NAME:
        return match.group(1), None
    return None


def diff_file(path: str, old, new, audience: str, fates: Fates | None = None) -> list[Change]:
    """Every change visible to ``audience`` between two parsed versions (None: the file did not exist).

    ``fates`` says what the records are today; without it every record counts as shown today."""
    kind, year = file_kind(path) or (None, None)
    if kind is None or old == new:
        return []
    fates = fates if fates is not None else Fates(None, audience)
    if old is UNREADABLE or new is UNREADABLE:
        return [Change(CHANGED, "记录文件", path, note="（有一版格式有误，无法逐条比较）")]
    old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    if kind == "finances":  # a stray finances.yml outside the year folder is no ledger
        return diff_ledger(path, year, old, new, audience, fates) if year is not None else []
    if kind == "community":
        return _community(path, old, new)
    return [c for coll in COLLECTIONS[kind] for c in diff_collection(coll, path, old, new, audience, fates)]


def _community(path: str, old: dict, new: dict) -> list[Change]:
    from generator.records.community import CommunityFile

    if not old or not new:
        return [Change(ADDED if not old else REMOVED, "社区信息", path)]
    fields = field_changes(old, new, labels(CommunityFile))
    return [Change(CHANGED, "社区信息", path, fields=fields)] if fields else []
