"""Where a 公示 stands on a given day, in working days (调休 included)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.privacy.detect import literal_markdown
from generator.views.format import cn_date, cn_month_day
from generator.views.workdays import covers_span, workdays_between

if TYPE_CHECKING:  # annotations only: records.kinds asks privacy.audience, which imports this module
    from generator.records.notices import Notice

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


@dataclass(frozen=True)
class NoticeState:
    state: str  # "upcoming" | "open" | "closed"
    total_workdays: int
    workdays_left: int  # counts today when today is a workday and the notice is open
    label: str  # "未开始（3月2日起）" / "公示中，还剩 3 个工作日" / "已结束"
    calendar_known: bool  # False: a year the holiday schedule does not cover, counted Mon–Fri


def notice_state(notice: Notice, today: date) -> NoticeState:
    total = workdays_between(notice.start, notice.end)
    known = covers_span(notice.start, notice.end)
    if today < notice.start:
        return NoticeState(UPCOMING, total, total, _upcoming_label(notice.start, today), known)
    if today > notice.end:
        return NoticeState(CLOSED, total, 0, "已结束", known)
    left = workdays_between(today, notice.end)
    return NoticeState(OPEN, total, left, _open_label(left, notice.end, today), known)


def names_in_full(notice: Notice, today: date) -> bool:
    """A 公示 makes the people it names public only while it runs (its purpose is that residents
    may object in that period); before and after it they are masked like anyone else."""
    return notice_state(notice, today).state == OPEN


def as_shown(notice: Notice, today: date, name: Callable[[str], str]) -> Notice:
    """The 公示 as a site shows it on ``today``: while it runs, as written; before and after,
    each person it names is written as ``name`` (the site's namer) gives them, in the title and
    the body too. The body is Markdown, so a masked 周*明 goes in escaped (周\\*明): two bare
    stars in a paragraph would turn the text between them into emphasis."""
    if names_in_full(notice, today) or not notice.people:
        return notice
    return notice.model_copy(update={
        "title": _renamed(notice.title, notice.people, name),
        "body": _renamed(notice.body, notice.people, lambda person: literal_markdown(name(person))),
    })


def not_closed(listed: list[tuple[Notice, NoticeState]]) -> list[tuple[Notice, NoticeState]]:
    """The 公示 running or still to come, of a (notice, state) list, in its order."""
    return [(n, s) for n, s in listed if s.state != CLOSED]


def by_start_year(listed: list[tuple[Notice, NoticeState]], years: Iterable[int]) -> dict[int, list]:
    """Year -> the (notice, state) pairs starting in it, in the list's order: a 公示 is filed
    and anchored under the year it starts in."""
    grouped: dict[int, list] = {year: [] for year in years}
    for n, s in listed:
        if n.start.year in grouped:
            grouped[n.start.year].append((n, s))
    return grouped


def _renamed(text: str, people: Iterable[str], name: Callable[[str], str]) -> str:
    """``text`` with every person replaced in one pass, longest name first, so 王海涛 is not
    read as 王海 and a replacement is never replaced again."""
    names = sorted({p for p in people if p}, key=len, reverse=True)
    if not names:
        return text
    return re.sub("|".join(map(re.escape, names)), lambda m: name(m.group()), text)


def _upcoming_label(start: date, today: date) -> str:
    when = cn_month_day(start) if start.year == today.year else cn_date(start)
    return f"未开始（{when}起）"


def _open_label(left: int, end: date, today: date) -> str:
    if left > 0:
        return f"公示中，还剩 {left} 个工作日"
    # Open over a weekend or holiday at its very end: no working day remains, the day still counts.
    return "公示中，今天截止" if end == today else f"公示中，{cn_month_day(end)}截止"
