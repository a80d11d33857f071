"""commitments.json and commitments-<year>.csv: each commitment, its status on the build date, reviews.

Owners are named as the commitments page names them (a unit, or a member's masked name); the
owner's id is given only when that unit or member is itself on this site.
"""
from __future__ import annotations

import weakref
from dataclasses import asdict

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.commitments import commitment_state, rollup, year_commitments
from generator.views.organization import owner_name, roster, unit_of_owner

CSV_HEADER = ["编号", "承诺人", "所属组织", "类别", "承诺事项", "现状", "目标", "承诺日期", "完成时限",
              "状态", "完成进度（%）", "最近检查日期", "最近检查说明"]


class _Owners:
    """Each owner's shown id, name and unit, looked up once for a site's downloads (JSON and
    CSV both): every lookup walks the member list, and owners repeat across commitments."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.shown = set(ctx.units) | {m.id for m in roster(ctx.community, ctx.audience)}
        self.known: dict[str, tuple[str | None, str, str]] = {}

    def __call__(self, owner: str) -> tuple[str | None, str, str]:
        if owner not in self.known:
            ctx = self.ctx
            self.known[owner] = (owner if owner in self.shown else None,
                                 owner_name(ctx.community, owner, ctx.name, ctx.audience),
                                 unit_of_owner(ctx.community, owner, ctx.audience))
        return self.known[owner]


_last_owners: tuple = (lambda: None, None)  # (weak reference to a PageContext, its _Owners)


def _owners(ctx) -> _Owners:
    """The lookups of this build's context (the downloads are made one after another from one)."""
    global _last_owners
    if _last_owners[0]() is not ctx:
        _last_owners = (weakref.ref(ctx), _Owners(ctx))
    return _last_owners[1]


def review_record(review) -> dict:
    return {"date": iso(review.date), "stage": review.stage, "status": review.status,
            "progress": review.progress, "note": review.note}


def commitment_record(ctx, year: int, c) -> dict:
    state = commitment_state(c, ctx.today)
    owner_id, owner, unit = _owners(ctx)(c.owner)
    return {
        "id": c.id, "owner_id": owner_id, "owner": owner,
        "unit_id": unit if unit in ctx.units else None, "unit": ctx.units.get(unit),
        "title": c.title, "category": c.category, "made": iso(c.made), "due": iso(c.due),
        "baseline": c.baseline, "target": c.target,
        "status": state.status, "progress": state.progress,
        "last_review": iso(state.last_review.date) if state.last_review else None,
        "reviews": [review_record(r) for r in c.reviews],
        "url": site_link(ctx, BY_NAME["commitments"].link(c.id, year)),
    }


def year_record(ctx, year: int) -> dict:
    items = year_commitments(ctx.community, year, ctx.audience)
    return {"year": year, "totals": asdict(rollup(items, ctx.today)),
            "commitments": [commitment_record(ctx, year, c) for c in items]}


def document(ctx) -> dict:
    return {
        "community": community_ref(ctx), "as_of": iso(ctx.today),
        "note": "status 是截至 as_of 当天的状态：未开始、进行中、已完成、已逾期；totals 是这些状态的条数。",
        "years": [year_record(ctx, y) for y in sorted(ctx.years("commitments"))],
    }


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    rows = []
    for c in year_commitments(ctx.community, year, ctx.audience):
        r = commitment_record(ctx, year, c)
        last = commitment_state(c, ctx.today).last_review
        rows.append([text_cell(r["id"]), text_cell(r["owner"]), text_cell(r["unit"]), text_cell(r["category"]),
                     text_cell(r["title"]), text_cell(r["baseline"]), text_cell(r["target"]), r["made"], r["due"],
                     r["status"], str(r["progress"]), r["last_review"] or "", text_cell(last.note if last else "")])
    return CSV_HEADER, rows
