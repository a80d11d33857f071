"""deliberations.json and deliberations-<year>.csv: the 议事 this site shows, oldest first, with
where each stands on the build date (待表决, 待反馈, 已反馈). Participants are counts per group;
the records hold no names to leave out."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link, text_cell
from generator.views.deliberations import carrier_names, decision_text, deliberation_state, year_deliberations

CSV_HEADER = ["编号", "议事日期", "议题", "议题来源", "形式", "参会人数", "决定", "落实单位", "状态",
              "反馈日期", "反馈方式", "反馈内容"]


def _votes(votes) -> dict | None:
    return None if votes is None else {"yes": votes.yes, "no": votes.no, "abstain": votes.abstain}


def deliberation_record(ctx, d, carriers: dict[str, str]) -> dict:
    state = deliberation_state(d, ctx.today)
    return {
        "id": d.id, "date": iso(d.date), "topic": d.topic, "source": d.source, "form": d.form, "place": d.place,
        "participants": [{"group": p.group, "count": p.count} for p in d.participants],
        "attendance": d.attendance,
        "options": [{"id": o.id, "text": o.text, "votes": _votes(o.votes)} for o in d.options],
        "decision": d.decision, "decision_text": decision_text(d), "decision_note": d.decision_note,
        "carried_by_id": d.carried_by if d.carried_by in carriers else None,
        "carried_by": carriers.get(d.carried_by or ""),
        "state": state.state, "status": state.status, "state_label": state.label,
        "feedback_due": iso(state.feedback_due), "days_since": state.days_since,
        "feedback": None if d.feedback is None else {
            "date": iso(d.feedback.date), "ways": list(d.feedback.ways), "content": d.feedback.content},
        "url": site_link(ctx, BY_NAME["deliberations"].link(d.id, d.date.year)),
    }


def _oldest_first(ctx, year: int) -> list:
    return list(reversed(year_deliberations(ctx.community, year, ctx.audience)))


def year_record(ctx, year: int) -> dict:
    carriers = carrier_names(ctx.community, ctx.units, ctx.audience)
    items = _oldest_first(ctx, year)
    return {"year": year, "count": len(items), "deliberations": [deliberation_record(ctx, d, carriers) for d in items]}


def document(ctx) -> dict:
    return {
        "community": community_ref(ctx), "as_of": iso(ctx.today),
        "note": "state 是截至 as_of 当天的状态：undecided 待表决、pending 待反馈、overdue 待反馈且已超过议事后5个工作日、"
                "reported 已反馈；工作日按国务院节假日安排（含调休）计算。参会人员只有各群体人数。",
        "years": [year_record(ctx, y) for y in sorted(ctx.years("deliberations"))],
    }


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    carriers = carrier_names(ctx.community, ctx.units, ctx.audience)
    rows = []
    for d in _oldest_first(ctx, year):
        r = deliberation_record(ctx, d, carriers)
        feedback = r["feedback"] or {}
        rows.append([text_cell(r["id"]), r["date"], text_cell(r["topic"]), r["source"], r["form"], str(r["attendance"]),
                     text_cell(r["decision_text"]), text_cell(r["carried_by"]), r["status"],
                     feedback.get("date") or "", "、".join(feedback.get("ways", [])), text_cell(feedback.get("content"))])
    return CSV_HEADER, rows
