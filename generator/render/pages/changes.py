"""更新记录: per commit of the records, what was added, changed or removed, in plain Chinese.

Removed records stay visible here (what was withdrawn, and when), so a resident never meets a
silent gap. Only what today's site may show is told: a record members-only today is not named
on the public site (a commit that touched only such records does not appear there at all), a
deleted one is named by its title without its fields, every value passes the personal-data
guard and today's name masking, and commit messages and authors are never shown.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.checks.personal_data import office_address, office_phones
from generator.load.history_git import ERROR, NONE, History, Version
from generator.privacy.audience import shows_entry, shows_fund, visible
from generator.records.kinds import BY_NAME
from generator.render.pages import render
from generator.views.activities import link as activity_link
from generator.views.history import ADDED, VERBS, Change, Present, entry_projection
from generator.views.history_text import Wording
from generator.views.organization import roster

PAGE = "changes/index.md"
MAX_LINES = 30  # per commit; the rest is summed up ("另有 新增活动 40 条")


@dataclass(frozen=True)
class Line:
    text: str
    href: str = ""
    action: str = ADDED


@dataclass(frozen=True)
class Update:
    version: Version
    lines: tuple[Line, ...]
    more: str = ""  # the summary of lines beyond MAX_LINES


def pages(ctx) -> dict[str, str]:
    history = ctx.alongside.history  # read while loading: rendering starts no git
    updates = history_updates(ctx, history)
    days: dict[date, list[Update]] = {}
    for update in updates:
        days.setdefault(update.version.day, []).append(update)
    return {PAGE: render("changes.md.j2", days=list(days.items()), notes=notes(history, updates),
                         **ctx.as_dict())}


def last_changed(ctx, kind: str, year: int | None = None) -> date | None:
    """The day of the latest commit that changed a record of ``kind`` (in ``year``'s file) that
    this site shows; None when the history has none (no git, or older than what is read)."""
    path = f"{kind}/{year}.yml" if year is not None else f"{kind}.yml"
    history = ctx.alongside.history
    if not history.versions:
        return None
    return history.latest_days(ctx.audience, present(ctx)).get(path)


def notes(history: History, updates: list[Update]) -> list[str]:
    """What a resident should know about how complete the list is."""
    if history.state in (NONE, ERROR):
        return [f"暂时无法列出更新记录：{history.reason}。"]
    found = []
    if history.shallow:
        found.append("这里只保存了最近的一部分更新历史，更早的更新没有列出。")
    if history.truncated:
        found.append(f"只列出最近 {history.limit} 次更新。")
    if not updates:
        found.append("还没有更新记录。")
    return found


def history_updates(ctx, history: History) -> list[Update]:
    links, wording, now = Links(ctx), wording_for(ctx, history.people()), present(ctx)
    updates = []
    for version in history.versions:
        if version.boundary:
            updates.append(Update(version, (Line("更早的历史没有保存在这里，这次更新无法与之前的版本比较。", action="note"),)))
            continue
        changes = history.changes(version, ctx.audience, now)
        if not changes:
            continue  # nothing this site shows (members-only records, or formatting only)
        lines = tuple(Line(wording.line(c), links.href(c), c.action) for c in changes[:MAX_LINES])
        updates.append(Update(version, lines, more_text(changes[MAX_LINES:])))
    return updates


def wording_for(ctx, people: frozenset[str] = frozenset()) -> Wording:
    """Today's rules for this site: its namer, the names it gives units, partners, posts and funds,
    and everyone the history names (masked in quoted text as today's namer says)."""
    c = ctx.community
    refs: dict[str, dict] = {"units": ctx.units}
    org, partners, members = c.organization, c.partners, c.members
    refs["posts"] = {p.id: p.name for p in visible(org.posts, ctx.audience)} if org else {}
    refs["partners"] = {p.id: p.name for p in visible(partners.partners, ctx.audience)} if partners else {}
    owners = {m.id: ctx.name(m.name) for m in roster(c, ctx.audience)} if members else {}
    refs["owners"] = {**owners, **{k: v for k, v in ctx.units.items()}}
    refs["funds"], refs["projects"] = {}, {}
    for ledger in c.finances.values():
        funds = {f.id: f for f in ledger.funds if shows_fund(f, ctx.audience)}
        refs["funds"].update({i: f.name for i, f in funds.items()})
        refs["projects"].update({p.id: p.name for p in ledger.projects if p.fund in funds})
    return Wording(ctx.name, refs, office_phones(c), office_address(c), frozenset(people))


# present() reads every record; each record page asks for it (its 最后更新 line), so it is worked
# out once per community's records and site. Keyed by the identity of the record files, which are
# frozen and held here with the answer (their ids are not reused while it is kept).
_PRESENT: dict[tuple, tuple] = {}


def present(ctx) -> Present:
    """Today's records as this site sees them: what the history may still name."""
    files = tuple((kind, year, model) for kind, held in ctx.community.files.items()
                  for year, model in (held.items() if isinstance(held, dict) else ((None, held),)))
    key = (ctx.audience, tuple((kind, year, id(model)) for kind, year, model in files))
    kept = _PRESENT.get(key)
    if kept is not None and all(a[2] is b[2] for a, b in zip(kept[0], files, strict=True)):
        return kept[1]
    found = _present(ctx)
    if len(_PRESENT) >= 8:  # a live preview makes new records at every edit
        _PRESENT.clear()
    _PRESENT[key] = (files, found)
    return found


def _present(ctx) -> Present:
    c, audience = ctx.community, ctx.audience
    shown: set[tuple] = set()
    hidden: set[tuple] = set()

    def sort(kind: str, records, key=lambda r: r.id, seen=None) -> None:
        records = list(records)
        shown_now = {id(r) for r in (visible(records, audience) if seen is None else filter(seen, records))}
        for r in records:
            (shown if id(r) in shown_now else hidden).add((kind, key(r)))

    for kind in ("activities", "notices", "commitments", "deliberations"):
        for f in getattr(c, kind).values():
            sort(kind, getattr(f, kind))
    for f in c.lists.values():  # 三张清单: three lists in one file
        for name in BY_NAME["lists"].items:
            sort(name, getattr(f, name))
    for f in c.rota.values():  # 值班: the file's list is "duties"
        sort("duties", f.duties)
    if c.members:  # the roster leaves out more than members-only records
        listed = {id(m) for m in roster(c, audience)}
        sort("members", c.members.members, seen=lambda m: id(m) in listed)
    for single_kind in (BY_NAME[name] for name in ("partners", "organization", "catalog")):
        single = c.of(single_kind)
        for name in single_kind.items if single else ():
            sort(name, getattr(single, name))
    entries = []
    for year, ledger in c.finances.items():
        funds = {f.id: f for f in ledger.funds}
        fund_seen = lambda fid, funds=funds: fid in funds and shows_fund(funds[fid], audience)  # noqa: E731
        sort("funds", ledger.funds, seen=lambda f: shows_fund(f, audience))
        sort("projects", ledger.projects, seen=lambda p, fund_seen=fund_seen: fund_seen(p.fund))
        sort("checks", ledger.checks, key=lambda k: (k.date.isoformat(), k.fund),
             seen=lambda k, fund_seen=fund_seen: fund_seen(k.fund))
        entries.append((year, tuple(
            (tuple(entry_projection(_written(e)).values()),
             fund_seen(e.fund) and shows_entry(e, funds[e.fund], audience)) for e in ledger.entries)))
    return Present(frozenset(shown), frozenset(hidden), tuple(entries))


def _written(entry) -> dict:
    """A ledger line as its YAML has it (the history compares versions as written)."""
    return {"date": entry.date.isoformat(), "amount": f"{entry.amount}", "summary": entry.summary,
            "voucher": entry.voucher, "fund": entry.fund}


def more_text(rest: list[Change]) -> str:
    if not rest:
        return ""
    counts = Counter(f"{VERBS[c.action]}{c.what}" for c in rest)
    return f"另有 {len(rest)} 处：" + "、".join(f"{what} {n} 条" for what, n in counts.items())


class Links:
    """Where a changed record stands now, when this site shows it (no link to what is gone)."""

    def __init__(self, ctx):
        self.ctx = ctx
        c = ctx.community
        self.places = {}
        for f in c.activities.values():
            self.places.update({("activities", a.id): f"../{activity_link(c, a)}" for a in self._shown(f.activities)})
        for f in c.notices.values():
            self.places.update({("notices", n.id): f"../notices/{n.start.year}/#{n.id}" for n in self._shown(f.notices)})
        for year, f in c.commitments.items():
            self.places.update({("commitments", x.id): f"../commitments/{year}/#{x.id}" for x in self._shown(f.commitments)})
        for year, f in c.deliberations.items():
            self.places.update({("deliberations", d.id): f"../deliberations/{year}/#{d.id}"
                                for d in self._shown(f.deliberations)})
        for year, f in c.rota.items():
            self.places.update({("duties", d.id): f"../rota/{year}/#{d.id}" for d in self._shown(f.duties)})

    def _shown(self, records):
        return visible(records, self.ctx.audience)

    def href(self, change: Change) -> str:
        if change.action == "removed" or not change.key:
            return ""
        if change.key[0] == "finances":
            return self._entry(*change.key[1:])
        return self.places.get(change.key, "")

    def _entry(self, year: int, index: int, written: dict) -> str:
        ledger = self.ctx.community.finances.get(year)
        if ledger is None or index > len(ledger.entries):
            return ""
        entry = ledger.entries[index - 1]
        same = (entry.date.isoformat(), f"{entry.amount}", entry.voucher) == tuple(
            written.get(k) for k in ("date", "amount", "voucher"))
        fund = next((f for f in ledger.funds if f.id == entry.fund), None)
        if not same or fund is None or not (shows_fund(fund, self.ctx.audience)
                                            and shows_entry(entry, fund, self.ctx.audience)):
            return ""
        return f"../finances/{year}/#f{year}-{index}"


def freshness(ctx, kind: str, year: int | None = None, also: tuple[str, ...] = ()) -> dict:
    """What a record page's "最后更新" line needs: the latest change of its files, and the way
    to the 更新记录 page (year pages sit one folder deeper)."""
    days = [last_changed(ctx, k, year) for k in (kind, *also)]
    return {"updated": max(filter(None, days), default=None),
            "changes_link": "../../changes/" if year is not None else "../changes/"}
