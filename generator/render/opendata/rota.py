"""rota.json and rota-<year>.csv: the 值班 and 错时服务 this site shows, each duty as written (its
date, or its month and weekday) with the days it falls on, who serves (members named as the
site's roster names them) and the office phone."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.rota import days_of, who, year_duties

CSV_HEADER = ["编号", "类别", "日期或星期", "开始", "结束", "值班", "地点", "电话", "法定节假日", "说明"]


def duty_record(ctx, year: int, d) -> dict:
    return {
        "id": d.id, "kind": d.kind, "date": iso(d.date), "month": d.month, "weekday": d.weekday,
        "holidays": d.holidays if d.weekday else None, "start": d.start, "end": d.end,
        "who": list(who(ctx.community, d, ctx.audience, ctx.name)),
        "place": d.place, "phone": d.phone, "note": d.note,
        "days": [iso(day) for day in days_of(d, year)],
        "url": site_link(ctx, BY_NAME["rota"].link(d.id, year)),
    }


def year_record(ctx, year: int) -> dict:
    duties = year_duties(ctx.community, year, ctx.audience)
    return {"year": year, "count": len(duties), "duties": [duty_record(ctx, year, d) for d in duties]}


def document(ctx) -> dict:
    return {"community": community_ref(ctx),
            "note": "按星期排的班（month 和 weekday）在法定节假日不安排，除非 holidays 是“照常”；days 是由此算出的日期。",
            "years": [year_record(ctx, y) for y in sorted(ctx.years("rota"))]}


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    rows = []
    for d in year_record(ctx, year)["duties"]:
        when = d["date"] or f"{d['month']}月每{d['weekday']}"
        rows.append([text_cell(d["id"]), d["kind"], when, d["start"], d["end"], text_cell("、".join(d["who"])),
                     text_cell(d["place"]), text_cell(d["phone"]), d["holidays"] or "", text_cell(d["note"] or "")])
    return CSV_HEADER, rows
