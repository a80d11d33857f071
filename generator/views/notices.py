"""Where a 公示 stands on a given day, in working days (调休 included)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.views.format import cn_date, cn_month_day
from generator.views.workdays import covers_span, workdays_between

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


@dataclass(frozen=True)
class NoticeState:
    state: str  # "upcoming" | "open" | "closed"
    total_workdays: int
    workdays_left: int  # counts today when today is a workday and the notice is open
    label: str  # "未开始（3月2日起）" / "公示中，还剩 3 个工作日" / "已结束"
    calendar_known: bool  # False: a year the holiday schedule does not cover, counted Mon–Fri


def notice_state(notice, today: date) -> NoticeState:
    total = workdays_between(notice.start, notice.end)
    known = covers_span(notice.start, notice.end)
    if today < notice.start:
        return NoticeState(UPCOMING, total, total, _upcoming_label(notice.start, today), known)
    if today > notice.end:
        return NoticeState(CLOSED, total, 0, "已结束", known)
    left = workdays_between(today, notice.end)
    return NoticeState(OPEN, total, left, _open_label(left, notice.end, today), known)


def names_in_full(notice, today: date) -> bool:
    """A 公示 makes the people it names public only while it runs (its purpose is that residents
    may object in that period); before and after it they are masked like anyone else."""
    return notice_state(notice, today).state == OPEN


def _upcoming_label(start: date, today: date) -> str:
    when = cn_month_day(start) if start.year == today.year else cn_date(start)
    return f"未开始（{when}起）"


def _open_label(left: int, end: date, today: date) -> str:
    if left > 0:
        return f"公示中，还剩 {left} 个工作日"
    # Open over a weekend or holiday at its very end: no working day remains, the day still counts.
    return "公示中，今天截止" if end == today else f"公示中，{cn_month_day(end)}截止"
