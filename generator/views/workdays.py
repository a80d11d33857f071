"""Working days by the State Council's holiday schedule, with 调休 weekend workdays.

chinese-calendar knows only the years whose schedule was published when it was released; for
any other year we count Monday to Friday, and ``calendar_covers`` lets callers say so.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import chinese_calendar


@cache
def calendar_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_workday(d: date) -> bool:
    if calendar_covers(d.year):
        return chinese_calendar.is_workday(d)
    return d.weekday() < 5


def workdays_between(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``, both included (0 when end is before start)."""
    count, day = 0, start
    while day <= end:
        count += is_workday(day)
        day += timedelta(days=1)
    return count


def nth_workday(start: date, n: int) -> date:
    """The day on which ``n`` working days counted from ``start`` (included) are complete."""
    day, count = start, 0
    while True:
        count += is_workday(day)
        if count >= n:
            return day
        day += timedelta(days=1)


def covers_span(start: date, end: date) -> bool:
    return all(calendar_covers(year) for year in range(start.year, end.year + 1))


def is_public_holiday(d: date) -> bool:
    """A 法定节假日 or one of its 调休 rest days (not a plain weekend); none in a year the
    calendar does not know."""
    if not calendar_covers(d.year):
        return False
    on_holiday, name = chinese_calendar.get_holiday_detail(d)
    return bool(on_holiday and name)
