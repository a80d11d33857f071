"""lists/<year>.yml: 需求清单、资源清单、项目清单 and 微心愿, matched by 双向认领.

Residents raise needs (a 微心愿 is a small need someone claims and fulfils directly); partners,
units and posts offer resources; a project matches one need with one resource and goes
through 认领 → 实施 → 完成 → 评价. Who raised a need is written as a group or a role
(“3号楼居民”、“老年协会”), never a person: the lists are public for their whole life.
"""
from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.problems import messages
from generator.records.base import Audience, Date, Id, ListOf, OptText, Record, Text

NeedKind = Literal["需求", "微心愿"]
StageName = Literal["认领", "实施", "完成", "评价"]
STAGES: tuple[str, ...] = ("认领", "实施", "完成", "评价")  # the order every project goes through

messages.add({
    "wish-claimer-on-need": (
        "只有微心愿（kind: 微心愿）才写认领人（claimer）和认领日期：普通需求由项目清单里的项目认领，"
        "请删掉 claimer/claimed，或把 kind 改为 微心愿。",
        "only a 微心愿 has claimer/claimed; a 需求 is claimed by a project: remove them or set kind: 微心愿.",
    ),
    "wish-claimed-without-claimer": (
        "写了认领日期（claimed）或实现日期（fulfilled），却没写认领人（claimer）：请写认领的党员编号或共建单位编号。",
        "claimed or fulfilled is set but claimer is missing: name the member or partner who claimed it.",
    ),
    "wish-date-missing": (
        "写了认领人（claimer），却没写认领日期（claimed）：请写如 2026-03-05 的日期。",
        "claimer is set but claimed (the date) is missing.",
    ),
    "wish-fulfilled-without-result": (
        "微心愿写了实现日期（fulfilled），却没写结果（result）：请用一句话写明怎么实现的，如“已送去助行器一台”。",
        "the wish is fulfilled but has no result: say in one sentence how it was fulfilled.",
    ),
})


class Need(Record):
    id: Id
    """编号：如 n2026-01。"""
    kind: NeedKind = "需求"
    """类别：需求（由项目认领）或微心愿（由党员或共建单位直接认领）。"""
    title: Text
    """需求内容：一句话说清要什么，如“3号楼楼道灯损坏需维修”。"""
    place: OptText = None
    """地点：小区、楼栋或场所，如“3号楼”；不写单元和门牌号。"""
    raised: Date
    """提出日期：如 2026-01-08。"""
    raised_by: Text
    """提出方：群体或角色，如“3号楼居民”“老年协会”；不写个人姓名。"""
    claimer: Id | None = None
    """认领人（仅微心愿）：认领的党员编号（如 m0003）或共建单位编号（如 pt-yiyuan）。"""
    claimed: Date | None = None
    """认领日期（仅微心愿）。"""
    fulfilled: Date | None = None
    """实现日期（仅微心愿）：心愿实现的日期。"""
    result: OptText = None
    """结果（仅微心愿）：怎么实现的，如“已送去助行器一台”。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @model_validator(mode="after")
    def _claim_fits_kind(self):
        if self.kind == "需求" and (self.claimer or self.claimed or self.fulfilled):
            raise PydanticCustomError("wish-claimer-on-need", "claimer on a need")
        if self.kind == "微心愿" and (self.claimed or self.fulfilled) and not self.claimer:
            raise PydanticCustomError("wish-claimed-without-claimer", "claimed without claimer")
        if self.claimer and not self.claimed:
            raise PydanticCustomError("wish-date-missing", "claimed missing")
        if self.fulfilled and not self.result:
            raise PydanticCustomError("wish-fulfilled-without-result", "fulfilled without result")
        return self


class Resource(Record):
    id: Id
    """编号：如 r2026-01。"""
    title: Text
    """资源内容：能提供什么，如“义诊服务”“活动场地”。"""
    offered_by: Id
    """提供方：共建单位编号（如 pt-yiyuan），或本社区组织、岗位的编号。"""
    capacity: OptText = None
    """能提供多少：如“每月 1 次，每次约 50 人”。"""
    offered: Date | None = None
    """登记日期：如 2026-01-10。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class Stage(Record):
    stage: StageName
    """阶段：认领、实施、完成或评价，按这个顺序。"""
    date: Date
    """日期：这一阶段开始（评价：评价）的日期。"""
    note: OptText = None
    """说明：这一阶段做了什么；评价写居民的评价，如“满意”。"""


class Project(Record):
    id: Id
    """编号：如 p2026-01。"""
    title: Text
    """项目名称：如“楼道灯维修”。"""
    need: Id
    """对应需求：需求清单里的编号，如 n2026-01。"""
    resource: Id
    """使用资源：资源清单里的编号，如 r2026-01。"""
    owner: Id
    """负责：本社区组织或岗位的编号。"""
    stages: ListOf[Stage] = []
    """进展：认领、实施、完成、评价，每个阶段一条，写明日期。"""
    result: OptText = None
    """结果：完成后必填，如“更换楼道灯 12 盏”。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class ListsFile(Record):
    needs: ListOf[Need] = []
    """需求清单（含微心愿）：每条一项。"""
    resources: ListOf[Resource] = []
    """资源清单：每条一项。"""
    projects: ListOf[Project] = []
    """项目清单：每个项目连起一条需求和一项资源。"""
