"""activities/<year>.yml: meetings (三会一课), theme days, volunteer service, joint activities."""
from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.records.base import Audience, Count, Date, Id, Ids, ListOf, Markdown, OptText, Record, Text

ActivityKind = Literal["支部党员大会", "支委会", "党小组会", "党课", "主题党日", "志愿服务", "共建活动", "其他"]


class Attendance(Record):
    present: Count
    """实到人数。"""
    expected: Count
    """应到人数。"""

    @model_validator(mode="after")
    def _present_not_above_expected(self):
        if self.present > self.expected:
            raise PydanticCustomError(
                "attendance-over", "present > expected",
                {"present": self.present, "expected": self.expected},
            )
        return self


class Activity(Record):
    id: Id
    """编号：如 a2026-0110（年份加月日）。"""
    date: Date
    """日期：如 2026-01-10。"""
    kind: ActivityKind
    """类别：支部党员大会、支委会、党小组会、党课、主题党日、志愿服务、共建活动或其他。"""
    unit: Id
    """组织：举办活动的组织编号。"""
    title: Text
    """标题：如“一月主题党日：清理楼道堆物”。"""
    location: OptText = None
    """地点：如“党群服务中心二楼会议室”。"""
    attendance: Attendance | None = None
    """出席：实到和应到人数。"""
    partners: Ids = []
    """共建单位：共建单位编号列表。"""
    summary: Markdown | None = None
    """内容摘要：可用 Markdown。"""
    photos: ListOf[Text] = []
    """照片：社区文件夹 photos/ 下的文件名。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class ActivitiesFile(Record):
    activities: ListOf[Activity]
    """本年度活动：每次一项。"""
