"""公示 last long enough, counted in working days by the State Council schedule (调休 included)."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages
from generator.views.workdays import calendar_covers, nth_workday, workdays_between

MIN_WORKDAYS = {"发展党员公示": 5}

messages.add({
    "notice-too-short": (
        "{kind}“{title}”从 {start} 到 {end} 只有 {days} 个工作日（按国务院节假日安排，含调休）："
        "至少要 {needed} 个工作日，请把结束日期（end）改到 {suggest} 或以后。",
        "{kind} '{title}' runs {days} working days from {start} to {end}: it needs at least {needed}; "
        "set end to {suggest} or later.",
    ),
    "notice-calendar-unknown": (
        "公示“{title}”在 {years} 年，这一年的节假日安排还没有收录：工作日暂按周一至周五计算，"
        "节假日和调休没有算进去；国务院公布安排后请升级 chinese-calendar 并重新检查。",
        "notice '{title}' falls in {years}, whose holiday schedule is not known yet: working days were "
        "counted Monday to Friday; update chinese-calendar once the schedule is published.",
    ),
})


def check(community: Community, today: date | None = None) -> list[Problem]:
    found = []
    for yearfile in community.notices.values():
        for index, notice in enumerate(yearfile.notices):
            found += _length(community, notice, index) + _calendar(notice)
    return found


def _length(community: Community, notice, index: int) -> list[Problem]:
    needed = MIN_WORKDAYS.get(notice.kind)
    days = workdays_between(notice.start, notice.end)
    if needed is None or days >= needed:
        return []
    file = notice.src[0]
    line, col = community.sources[file].mark(("notices", index, "end"))  # the date to change
    return [Problem("notice-too-short", file, line, col, path=f"notices[{index + 1}].end", params={
        "kind": notice.kind, "title": notice.title, "start": str(notice.start), "end": str(notice.end),
        "days": days, "needed": needed, "suggest": str(nth_workday(notice.start, needed)),
    })]


def _calendar(notice) -> list[Problem]:
    unknown = [y for y in range(notice.start.year, notice.end.year + 1) if not calendar_covers(y)]
    if not unknown:
        return []
    file, line, col = notice.src
    return [Problem("notice-calendar-unknown", file, line, col, path="start", severity=WARNING,
                    params={"title": notice.title, "years": "、".join(map(str, unknown))})]
