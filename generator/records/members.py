"""members.yml: the roster, holding only what may be shown publicly."""
from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.records.base import Audience, Id, Ids, ListOf, OptText, Record, Text, Year

Category = Literal["在册", "在职报到", "流动"]


class Member(Record):
    id: Id
    """编号：如 m0001。"""
    name: Text
    """姓名：公开时按社区设置遮挡为“张*明”。"""
    unit: Id
    """所在组织：党支部或党小组的编号。"""
    category: Category = "在册"
    """类别：在册、在职报到（双报到的在职党员）或流动。"""
    joined: Year | None = None
    """入党年份：如 "1998"。"""
    posts: Ids = []
    """责任岗位：岗位编号列表，如 [p-xunluo]。"""
    workplace: OptText = None
    """工作单位：在职报到党员必填，如“区人民医院”。"""
    points: Text | None = None
    """服务积分：在职党员报到服务积分，可不填。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @model_validator(mode="after")
    def _workplace_for_reporting_members(self):
        if self.category == "在职报到" and not self.workplace:
            raise PydanticCustomError("workplace-missing", "workplace missing")
        return self


class MembersFile(Record):
    members: ListOf[Member]
    """党员名册：每人一项；只写可以公开的信息（不写身份证号、手机、住址）。"""
