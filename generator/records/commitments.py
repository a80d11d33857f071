"""commitments/<year>.yml: public commitments and their reviews (承诺 → 践诺 → 评诺)."""
from __future__ import annotations

from typing import Literal

from generator.records.base import Audience, Date, Id, ListOf, OptText, Percent, Record, Text

Stage = Literal["年初", "季度", "年中", "年底"]
DeclaredStatus = Literal["未开始", "进行中", "已完成"]


class Review(Record):
    date: Date
    """检查日期：如 2026-06-30。"""
    stage: Stage
    """阶段：年初（列清单）、季度（讲评）、年中（查清单）、年底（述清单）。"""
    status: DeclaredStatus
    """进展状态：未开始、进行中或已完成。"""
    progress: Percent
    """完成进度：0 到 100 的整数。"""
    note: OptText = None
    """说明：做了什么、还差什么；进度下降时必须说明原因。"""


class Commitment(Record):
    id: Id
    """编号：如 c2026-001。"""
    owner: Id
    """承诺人：组织编号或党员编号。"""
    title: Text
    """承诺事项：一句话说清做什么。"""
    category: Text
    """类别：如 为民服务、组织建设、环境整治。"""
    made: Date
    """承诺日期。"""
    due: Date
    """完成时限。"""
    baseline: OptText = None
    """现状：承诺前的情况（基数），如“楼道堆物 23 处”。"""
    target: OptText = None
    """目标：可检验的目标，如“清理 23 处，年底复查不超过 2 处”。"""
    reviews: ListOf[Review] = []
    """检查记录：年初、年中、年底各一条或更多。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""


class StageHeld(Record):
    date: Date
    """日期：这一环节完成（公布、检查或述诺）的日期，如 2026-07-10。"""
    note: OptText = None
    """说明：如“在社区公开栏和网站公布承诺清单”“党员大会上逐项述诺，居民代表参加评议”。"""


class YearStages(Record):
    """The year's three public steps (年初列清单 → 年中查清单 → 年底述清单) as the community held them;
    a step left out is read from the commitments' reviews of that stage."""

    listed: StageHeld | None = None
    """年初列清单：公布本年度承诺清单的日期和说明。"""
    checked: StageHeld | None = None
    """年中查清单：年中逐项检查、公布进展的日期和说明。"""
    reported: StageHeld | None = None
    """年底述清单：年底述诺、评诺的日期和说明（可以在次年 1 月）。"""


class CommitmentsFile(Record):
    commitments: ListOf[Commitment]
    """本年度承诺：每条一项。"""
    stages: YearStages | None = None
    """年初列、年中查、年底述：三个环节实际进行的日期；不写时按各条承诺的检查记录算。"""
