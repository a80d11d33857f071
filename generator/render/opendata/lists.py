"""lists.json and lists-<year>.csv: the 需求、资源、项目 this site shows, and where each need stands.

Claimers are named as on the page (a member by the community's masking rule, “党员” when the
site does not show them); days are working days from raised to done, both days counted."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.lists import claimer_label, lists_view, provider_label

CSV_HEADER = ["编号", "类别", "需求内容", "地点", "提出日期", "提出方", "状态", "认领方", "认领日期", "完成日期",
              "用时（工作日）"]


def _link(ctx, record_id: str, year: int) -> str:
    return site_link(ctx, BY_NAME["lists"].link(record_id, year))


def need_record(ctx, year: int, n, s) -> dict:
    return {
        "id": n.id, "kind": n.kind, "title": n.title, "place": n.place, "raised": iso(n.raised),
        "raised_by": n.raised_by, "state": s.state, "state_label": s.label,
        "claimer": claimer_label(ctx.community, n.claimer, ctx.name, ctx.audience) or None,
        "claimed": iso(s.claimed), "done": iso(s.done), "workdays_to_done": s.workdays,
        "result": n.result, "url": _link(ctx, n.id, year),
    }


def resource_record(ctx, year: int, r) -> dict:
    return {"id": r.id, "title": r.title, "offered_by": provider_label(ctx.community, r.offered_by, ctx.units, ctx.audience),
            "capacity": r.capacity, "offered": iso(r.offered), "url": _link(ctx, r.id, year)}


def project_record(ctx, year: int, p) -> dict:
    return {
        "id": p.id, "title": p.title, "need_id": p.need, "resource_id": p.resource,
        "owner": provider_label(ctx.community, p.owner, ctx.units, ctx.audience),
        "stages": [{"stage": s.stage, "date": iso(s.date), "note": s.note} for s in p.stages],
        "result": p.result, "url": _link(ctx, p.id, year),
    }


def year_record(ctx, year: int) -> dict:
    view = lists_view(ctx.community, ctx.audience, year)
    return {"year": year,
            "needs": [need_record(ctx, year, n, s) for n, s in view.needs],
            "resources": [resource_record(ctx, year, r) for r in view.resources],
            "projects": [project_record(ctx, year, p) for p in view.projects]}


def document(ctx) -> dict:
    return {
        "community": community_ref(ctx), "as_of": iso(ctx.today),
        "note": "state 是截至 as_of 的状态：open 待认领、claimed 已认领、done 已完成；"
                "workdays_to_done 是从提出到完成的工作日数（按国务院节假日安排，含调休，首尾两天都算）。",
        "years": [year_record(ctx, y) for y in sorted(ctx.years("lists"))],
    }


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    rows = []
    for need in year_record(ctx, year)["needs"]:
        rows.append([text_cell(need[k]) for k in ("id", "kind", "title", "place", "raised", "raised_by",
                                                    "state_label", "claimer", "claimed", "done", "workdays_to_done")])
    return CSV_HEADER, rows
