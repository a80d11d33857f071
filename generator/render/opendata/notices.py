"""notices.json: each 公示 this site shows, with where it stands on the build date in working days.

A 公示 that is not running names its people as the site's roster does (masked), as on its page;
``body`` is the Markdown the page renders, so a masked name stands there as 周\\*明."""
from __future__ import annotations

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import community_ref, iso, site_link
from generator.views.board import shown_notices
from generator.views.notices import notice_state


def notice_record(ctx, n) -> dict:
    state = notice_state(n, ctx.today)
    return {
        "id": n.id, "kind": n.kind, "title": n.title, "start": iso(n.start), "end": iso(n.end),
        "state": state.state, "state_label": state.label,
        "workdays_total": state.total_workdays, "workdays_left": state.workdays_left,
        "calendar_known": state.calendar_known,
        "body": n.body.strip(), "contact": n.contact,
        # The notices page anchors a notice under the year it starts in.
        "url": site_link(ctx, BY_NAME["notices"].link(n.id, n.start.year)),
    }


def year_record(ctx, year: int) -> dict:
    items = sorted(shown_notices(ctx.community.notices[year].notices, ctx.today, ctx.audience, ctx.name), key=lambda n: (n.start, n.id))
    return {"year": year, "count": len(items), "notices": [notice_record(ctx, n) for n in items]}


def document(ctx) -> dict:
    return {
        "community": community_ref(ctx), "as_of": iso(ctx.today),
        "note": "state 是截至 as_of 当天的状态：upcoming 未开始、open 公示中、closed 已结束；工作日按国务院节假日安排（含调休）计算。",
        "years": [year_record(ctx, y) for y in sorted(ctx.years("notices"))],
    }
