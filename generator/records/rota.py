"""rota/<year>.yml: 值班 and 错时服务 per month, each on a date or every week on a weekday.

A duty names who serves (posts and/or members; members are shown as the community's masking
rule says), where (a public room) and the office phone to call. Times are written "9:00".
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, model_validator
from pydantic_core import PydanticCustomError

from generator.problems import messages
from generator.records.base import Audience, Date, Id, Ids, ListOf, OptText, Record, Text, _schema, _text

DutyKind = Literal["值班", "错时服务"]
Weekday = Literal["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
WEEKDAYS: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")  # date.weekday() order
Holidays = Literal["不安排", "照常"]
TIME_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")  # fullmatch, ASCII digits: 9:00, 17:30
MONTH_RE = re.compile(r"[1-9]|1[0-2]")

messages.add({
    "bad-time": (
        "时间“{value}”写法不对：请写成 24 小时制的“时:分”，如 \"9:00\"、\"17:30\"（用英文冒号，加引号）。",
        "time '{value}' is not valid: write hours:minutes, 24-hour clock, such as \"9:00\" or \"17:30\".",
    ),
    "bad-month": (
        "月份“{value}”写法不对：请写 1 到 12 的数字，如 12。",
        "month '{value}' is not valid: write a number from 1 to 12.",
    ),
    "duty-time-order": (
        "结束时间 {end} 不晚于开始时间 {start}：请核对（跨夜值班请分成两条）。",
        "end time {end} is not after start time {start}: check them (split an overnight duty in two).",
    ),
    "duty-when": (
        "值班要么写一个日期（date），要么写月份和星期（month 和 weekday，表示这个月每周这一天）：两者选一种，不要都写或都不写。",
        "a duty has either a date, or a month and a weekday (every such weekday of that month): write one of them.",
    ),
    "duty-nobody": (
        "这条值班没有写谁值班：请在 posts 里写岗位编号，或在 members 里写党员编号（可以都写）。",
        "this duty names nobody: list post ids in posts or member ids in members (or both).",
    ),
})


def _time(value):
    value = _text(value).strip()
    if not TIME_RE.fullmatch(value):
        raise PydanticCustomError("bad-time", "bad time", {"value": value})
    hours, minutes = value.split(":")
    return f"{int(hours)}:{minutes}"


def _month(value):
    value = _text(value).strip()
    if not MONTH_RE.fullmatch(value):
        raise PydanticCustomError("bad-month", "bad month", {"value": value})
    return int(value)


Time = Annotated[str, BeforeValidator(_time),
                 _schema(type="string", pattern=f"^{TIME_RE.pattern}$", examples=["9:00", "17:30"])]
Month = Annotated[int, BeforeValidator(_month),
                  _schema(type=["integer", "string"], minimum=1, maximum=12, pattern=f"^({MONTH_RE.pattern})$")]


def minutes(time: str) -> int:
    """Minutes after midnight of a checked time ("9:00" → 540), so times compare as numbers."""
    hours, mins = time.split(":")
    return int(hours) * 60 + int(mins)


class Duty(Record):
    id: Id
    """编号：如 z2026-12-01。"""
    kind: DutyKind
    """类别：值班 或 错时服务。"""
    date: Date | None = None
    """日期：只在这一天值班时写，如 2026-12-05；按星期排班时不写。"""
    month: Month | None = None
    """月份：按星期排班时写这个月（1 到 12），与 weekday 一起写。"""
    weekday: Weekday | None = None
    """星期：按星期排班时写，如 周六，表示这个月每个周六。"""
    holidays: Holidays = "不安排"
    """法定节假日：按星期排班时，节假日当天 不安排（默认）或 照常。"""
    start: Time
    """开始时间：如 "9:00"。"""
    end: Time
    """结束时间：如 "12:00"，要晚于开始时间。"""
    posts: Ids = []
    """值班岗位：岗位编号，如 [p-bianmin]。"""
    members: Ids = []
    """值班党员：党员编号，如 [m0007]；网站按本社区的姓名显示规则显示。"""
    place: Text
    """地点：公开的办公场所，如“党群服务中心一楼大厅”；不写住户地址。"""
    phone: Text
    """联系电话：办公座机，如 "010-63772480"；不写个人手机。"""
    note: OptText = None
    """说明：如“代办医保、开具证明”。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @model_validator(mode="after")
    def _complete(self):
        by_date = self.date is not None and self.month is None and self.weekday is None
        by_week = self.date is None and self.month is not None and self.weekday is not None
        if not (by_date or by_week):
            raise PydanticCustomError("duty-when", "date or month+weekday")
        if minutes(self.end) <= minutes(self.start):
            raise PydanticCustomError("duty-time-order", "end not after start", {"start": self.start, "end": self.end})
        if not self.posts and not self.members:
            raise PydanticCustomError("duty-nobody", "nobody on duty")
        return self

    @property
    def month_of(self) -> int:
        """The month the duty belongs to: its date's, or the one its weekday pattern is for."""
        return self.date.month if self.date is not None else int(self.month or 0)


class RotaFile(Record):
    duties: ListOf[Duty]
    """值班：每个日期一条，或每个“某月每周几”一条。"""
