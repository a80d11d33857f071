"""notices/<year>.yml: 公示 that residents may object to within the posted period."""
from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.records.base import Audience, Date, Id, ListOf, Markdown, Record, Text

NoticeKind = Literal["发展党员公示", "换届选举", "民主评议", "表彰", "经费公示", "其他"]


class Notice(Record):
    id: Id
    """编号：如 n2026-03。"""
    kind: NoticeKind
    """类别：发展党员公示、换届选举、民主评议、表彰、经费公示或其他。"""
    title: Text
    """标题。"""
    start: Date
    """公示开始日期。"""
    end: Date
    """公示结束日期（含当天）。"""
    body: Markdown
    """正文：可用 Markdown；不写身份证号、个人手机、住址。"""
    contact: Text
    """受理电话：组织的办公电话或监督电话，不写个人手机。"""
    people: ListOf[Text] = []
    """公示对象：正文中因公示而公开全名的人。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @model_validator(mode="after")
    def _ends_after_start(self):
        if self.end < self.start:
            raise PydanticCustomError(
                "end-before-start", "end before start",
                {"start": str(self.start), "end": str(self.end)},
            )
        return self


class NoticesFile(Record):
    notices: ListOf[Notice]
    """本年度公示：每条一项。"""
