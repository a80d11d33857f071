"""activities.json and activities-<year>.csv: the activities this site shows, oldest first."""
from __future__ import annotations

from generator.privacy.audience import visible
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.activities import link as activity_link
from generator.views.activities import year_activities

CSV_HEADER = ["编号", "日期", "类别", "组织", "标题", "地点", "实到人数", "应到人数", "共建单位", "内容摘要"]


def partner_names(ctx) -> dict[str, str]:
    """Co-building units this site shows (a members-only partner is not named, nor its id given)."""
    partners = ctx.community.partners
    return {p.id: p.name for p in visible(partners.partners, ctx.audience)} if partners else {}


def activity_record(ctx, year: int, a, partners: dict[str, str]) -> dict:
    return {
        "id": a.id, "date": iso(a.date), "kind": a.kind,
        "unit_id": a.unit if a.unit in ctx.units else None, "unit": ctx.units.get(a.unit),
        "title": a.title, "location": a.location,
        "attendance": {"present": a.attendance.present, "expected": a.attendance.expected} if a.attendance else None,
        "partners": [{"id": p, "name": partners[p]} for p in a.partners if p in partners],
        "summary": (a.summary or "").strip() or None,
        "url": site_link(ctx, activity_link(ctx.community, a)),
    }


def year_record(ctx, year: int) -> dict:
    partners = partner_names(ctx)
    items = year_activities(ctx.community, year, ctx.audience)
    return {"year": year, "count": len(items),
            "activities": [activity_record(ctx, year, a, partners) for a in items]}


def document(ctx) -> dict:
    return {"community": community_ref(ctx),
            "years": [year_record(ctx, y) for y in sorted(ctx.years("activities"))]}


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    partners = partner_names(ctx)
    rows = []
    for a in year_activities(ctx.community, year, ctx.audience):
        r = activity_record(ctx, year, a, partners)
        att = r["attendance"] or {}
        rows.append([text_cell(r["id"]), r["date"], r["kind"], text_cell(r["unit"]), text_cell(r["title"]),
                     text_cell(r["location"]), str(att.get("present", "")), str(att.get("expected", "")),
                     text_cell("、".join(p["name"] for p in r["partners"])), text_cell(r["summary"])])
    return CSV_HEADER, rows
