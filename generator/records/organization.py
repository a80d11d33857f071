"""organization.yml: the tree of party units, their committees, and the responsibility posts."""
from __future__ import annotations

from typing import Literal

from generator.records.base import Audience, Date, Id, ListOf, OptText, Record, Text

UnitKind = Literal["党委", "党总支", "党支部", "党小组"]


class CommitteeMember(Record):
    name: Text
    """姓名：班子成员的姓名（因职务公开，显示全名）。"""
    role: Text
    """职务：如 书记、副书记、组织委员、宣传委员、纪检委员。"""
    duties: OptText = None
    """分工：负责的工作。"""
    since: Date | None = None
    """任职时间：如 2024-01-10。"""
    member: Id | None = None
    """党员编号：若此人在党员名册中，填其编号。"""


class Unit(Record):
    id: Id
    """编号：字母、数字或短横线，如 zb1。"""
    name: Text
    """名称：如“第一党支部”。"""
    kind: UnitKind
    """类别：党委、党总支、党支部或党小组。"""
    parent: Id | None = None
    """上级组织：上级组织的编号；最高一级不填。"""
    committee: ListOf[CommitteeMember] = []
    """班子成员：每人一行，写姓名、职务、分工。"""
    audience: Audience = "public"
    """公开范围：public 向党外公开，members 仅党内。"""


class Post(Record):
    id: Id
    """编号：如 p-xunluo。"""
    name: Text
    """岗位名称：如“治安巡逻岗”。"""
    duties: OptText = None
    """岗位职责。"""
    unit: Id | None = None
    """所属组织：组织编号。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class OrganizationFile(Record):
    units: ListOf[Unit]
    """组织：党委、党总支、党支部、党小组，每个一项。"""
    posts: ListOf[Post] = []
    """设岗定责：责任岗位，每个一项。"""
