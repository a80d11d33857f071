"""deliberations/<year>.yml: 议事 (社区议事厅, 民情恳谈会) from the topic to the feedback to residents.

Who took part is written as counts per group, never as names: a resident who spoke up at a
恳谈会 has not agreed to be named on a board. What is checked across fields (votes against the
people present, the decision against the options, the feedback against the meeting) is in
``checks/deliberations.py``, so every problem of a record is reported at its own line.
"""
from __future__ import annotations

from typing import Literal

from generator.records.base import Audience, Count, Date, Id, ListOf, OptText, Record, Text

Source = Literal["居民提出", "网格收集", "12345热线", "党组织提出", "共建单位提出", "物业提出", "其他"]
Form = Literal["议事会", "恳谈会", "听证会", "协调会", "其他"]
FeedbackWay = Literal["公示栏", "楼道张贴", "居民群", "入户告知", "居民会议", "其他"]
POSTPONED = "暂缓"  # the decision that picks no option


class Participants(Record):
    group: Text
    """参会群体：如 党员代表、居民代表、物业、共建单位、业委会、网格员；只写群体，不写姓名。"""
    count: Count
    """人数：这一群体到会的人数。"""


class Votes(Record):
    yes: Count = 0
    """赞成票数。"""
    no: Count | None = None
    """反对票数；几个方案选一个时不写。"""
    abstain: Count | None = None
    """弃权票数；几个方案选一个时不写。"""

    @property
    def total(self) -> int:
        return self.yes + (self.no or 0) + (self.abstain or 0)


class Option(Record):
    id: Id
    """方案编号：如 a、b，决定（decision）写这个编号。"""
    text: Text
    """方案内容：一句话说清怎么做。"""
    votes: Votes | None = None
    """表决票数：赞成（yes）、反对（no）、弃权（abstain）；几个方案选一个时，只写各方案的赞成票数。未表决时不写。"""


class Feedback(Record):
    date: Date
    """反馈日期：把议事结果告诉居民的日期，不早于议事日期。"""
    ways: ListOf[FeedbackWay]
    """反馈方式：公示栏、楼道张贴、居民群、入户告知、居民会议或其他，可写几种。"""
    content: OptText = None
    """反馈内容：告诉居民的结果和下一步安排。"""


class Deliberation(Record):
    id: Id
    """编号：如 d2026-01。"""
    topic: Text
    """议题：议什么事，如“3号楼楼道堆物清理办法”。"""
    source: Source
    """议题来源：居民提出、网格收集、12345热线、党组织提出、共建单位提出、物业提出或其他。"""
    date: Date
    """议事日期：开会的日期。"""
    form: Form
    """议事形式：议事会、恳谈会、听证会、协调会或其他。"""
    place: OptText = None
    """地点：如“社区议事厅”。"""
    participants: ListOf[Participants]
    """参会人员：按群体写人数（党员代表、居民代表、物业、共建单位等），不写姓名。"""
    options: ListOf[Option] = []
    """议事方案：讨论过的每个方案一项，附表决票数。"""
    decision: OptText = None
    """决定：写选定方案的编号（如 a），或写“暂缓”；还没表决时不写。"""
    decision_note: OptText = None
    """决定说明：如何落实、暂缓的原因。"""
    carried_by: Id | None = None
    """落实单位：负责落实的组织、岗位或共建单位的编号；选定方案后必填。"""
    feedback: Feedback | None = None
    """向居民反馈：日期、方式和内容；议事后 5 个工作日内反馈。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @property
    def attendance(self) -> int:
        """Everyone at the meeting: the participants of every group."""
        return sum(p.count for p in self.participants)


class DeliberationsFile(Record):
    deliberations: ListOf[Deliberation]
    """本年度议事：每个议题一项。"""
