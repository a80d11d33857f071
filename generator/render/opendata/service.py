"""service.json and service-<year>.csv: 在职党员双报到服务 this site shows, with each member's tally
in roster order (not a ranking) and the year's totals. Hours are written exactly: "2.5"."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.service import YearService, service_years, year_service

CSV_HEADER = ["编号", "日期", "党员", "单位", "时长（小时）", "服务内容", "服务的项目或需求"]


def year_record(ctx, y: YearService) -> dict:
    workplaces = {t.member.id: t.workplace for t in y.tallies}
    names = {t.member.id: ctx.name(t.member.name) for t in y.tallies}
    return {
        "year": y.year, "people": y.people, "times": y.times, "hours": str(y.hours),
        "tallies": [{"member_id": t.member.id, "name": names[t.member.id], "workplace": t.workplace,
                     "times": t.times, "hours": str(t.hours)} for t in y.tallies],
        "services": [{"id": s.id, "date": iso(s.date), "member_id": s.member, "name": names[s.member],
                      "workplace": s.workplace or workplaces[s.member], "hours": str(s.hours), "what": s.what,
                      "need": s.need, "url": site_link(ctx, BY_NAME["service"].link(s.id))} for s in y.entries],
    }


def document(ctx) -> dict:
    return {"community": community_ref(ctx),
            "note": "tallies 按党员名册顺序排列，不是排名；hours 是小时数，一位小数。",
            "years": [year_record(ctx, y) for y in reversed(service_years(ctx.community, ctx.audience))]}


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    record = year_record(ctx, year_service(ctx.community, year, ctx.audience))
    return CSV_HEADER, [[text_cell(s["id"]), s["date"], text_cell(s["name"]), text_cell(s["workplace"]),
                         s["hours"], text_cell(s["what"]), text_cell(s["need"])] for s in record["services"]]
