"""service/<year>.yml: 在职党员到社区报到服务 (双报到) — who served, for how long, doing what.

Hours are written with exactly one decimal ("2.5") and kept as a Decimal, so a year's total is
exactly the sum of its entries.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.problems import messages
from generator.records.base import Audience, Date, Id, ListOf, OptText, Record, Text, _text

HOURS_RE = re.compile(r"(0|[1-9][0-9]?)\.[0-9]")  # fullmatch: one decimal, ASCII digits
MAX_HOURS = Decimal("24.0")  # one entry is one day's service

messages.add({
    "bad-hours": (
        "时长“{value}”格式不对：写小时数，带一位小数，如 2.0、1.5、0.5（不写“小时”二字）。",
        "hours '{value}' is not valid: write hours with one decimal, e.g. 2.0, 1.5 or 0.5.",
    ),
    "hours-out-of-range": (
        "时长 {value} 小时不对：一次服务要多于 0 小时、不超过 24 小时；连续几天的服务请每天记一条。",
        "hours {value} must be more than 0 and at most 24: record a service over several days once a day.",
    ),
})


def _hours(value):
    text = _text(value).strip()
    if not HOURS_RE.fullmatch(text):
        raise PydanticCustomError("bad-hours", "bad hours", {"value": text})
    hours = Decimal(text)
    if not Decimal("0") < hours <= MAX_HOURS:
        raise PydanticCustomError("hours-out-of-range", "hours out of range", {"value": text})
    return hours


Hours = Annotated[Decimal, BeforeValidator(_hours), WithJsonSchema({
    "type": ["string", "number"], "pattern": f"^{HOURS_RE.pattern}$", "examples": ["2.0", "1.5"],
    "patternErrorMessage": "时长写小时数，带一位小数，如 2.0、1.5",
})]


class Service(Record):
    id: Id
    """编号：如 s2026-001。"""
    member: Id
    """党员：党员名册中的编号（在职报到党员），如 m0012；公开时姓名按社区设置遮挡。"""
    date: Date
    """日期：如 2026-03-05。"""
    hours: Hours
    """时长：小时数，带一位小数，如 2.0、1.5。"""
    what: Text
    """服务内容：如“为独居老人测血压”。"""
    workplace: OptText = None
    """单位：党员的工作单位；不填时用党员名册里的工作单位。"""
    need: OptText = None
    """服务的项目或需求：如“微心愿：为张大爷修理轮椅”，可不填。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class ServiceFile(Record):
    services: ListOf[Service]
    """本年度在职党员报到服务：每人每次服务一项。"""
