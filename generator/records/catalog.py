"""catalog.yml: the 公开目录, what the community publishes, to whom, and how often.

Optional: without it a community follows ``DEFAULT_ITEMS``, the shape local templates agree on.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal, get_args

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.problems import messages
from generator.records.activities import ActivityKind
from generator.records.base import Audience, Id, ListOf, OptText, Record, Text
from generator.records.notices import NoticeKind

Rhythm = Literal["固定", "定期", "即时"]
PeriodKind = Literal["month", "quarter", "halfyear", "year"]
Source = Literal[
    "community", "organization", "members", "partners", "commitments", "activities", "notices", "finances",
    "grids", "service", "deliberations", "lists", "rota",
]
KINDS_BY_SOURCE = {"activities": get_args(ActivityKind), "notices": get_args(NoticeKind)}
FILTERED_SOURCES = ("activities", "notices", "finances")

messages.add({
    "catalog-period-missing": (
        "定期公开的事项要写周期（period）：month 每月、quarter 每季度、halfyear 每半年或 year 每年。",
        "a 定期 item needs a period: month, quarter, halfyear or year.",
    ),
    "catalog-period-unused": (
        "只有“定期”事项才写周期（period），这一项是“{rhythm}”：请删除 period，或把 rhythm 改为 定期。",
        "only a 定期 item has a period; this one is {rhythm}: remove period or make it 定期.",
    ),
    "catalog-bad-kind": (
        "范围（kinds）里的“{value}”不是{source_zh}的类别：只能写 {expected}。",
        "'{value}' in kinds is not a kind of {source}: use one of {expected}.",
    ),
    "catalog-kinds-unused": (
        "来源是 {source} 时不能限定范围（kinds）：请删除 kinds；只有 activities、notices、finances 可以限定。",
        "kinds only apply to activities, notices and finances, not {source}: remove kinds.",
    ),
})


class CatalogItem(Record):
    id: Id
    """编号：如 sanhui、service-fund。"""
    name: Text
    """公开事项：如“三会一课”“服务群众经费”。"""
    rhythm: Rhythm
    """公开时限：固定（长期公开，有变化时更新）、定期（按周期更新）或即时（发生后及时公开）。"""
    period: PeriodKind | None = None
    """周期：定期事项必填，month 每月、quarter 每季度、halfyear 每半年、year 每年。"""
    audience: Audience = "public"
    """公开范围：public 向党外公开，members 仅党内。"""
    source: Source
    """来源记录：由哪类记录公开，community、organization、members、partners、commitments、activities、notices、finances、grids（网格）、service（双报到服务）、deliberations（议事）、lists（三张清单和微心愿）或 rota（值班和错时服务）。"""  # noqa: E501 — one line: it is the editor's description
    kinds: ListOf[Text] = []
    """范围：只算这些类别的记录，如活动类别 [支委会, 党课]、公示类别 [发展党员公示]，或经费编号、经费名称中的词 [党费]；不填则全部算数。"""
    note: OptText = None
    """说明：如“每季度首月 10 日前更新”。"""

    @model_validator(mode="after")
    def _period_with_rhythm(self):
        if self.rhythm == "定期" and self.period is None:
            raise PydanticCustomError("catalog-period-missing", "period missing")
        if self.rhythm != "定期" and self.period is not None:
            raise PydanticCustomError("catalog-period-unused", "period unused", {"rhythm": self.rhythm})
        return self

    @model_validator(mode="after")
    def _kinds_fit_source(self):
        if self.kinds and self.source not in FILTERED_SOURCES:
            raise PydanticCustomError("catalog-kinds-unused", "kinds unused", {"source": self.source})
        known = KINDS_BY_SOURCE.get(self.source, ())
        for kind in self.kinds if known else []:
            if kind not in known:
                raise PydanticCustomError("catalog-bad-kind", "bad kind", {
                    "value": kind, "source": self.source, "expected": "、".join(known),
                    "source_zh": "活动" if self.source == "activities" else "公示",
                })
        return self


class CatalogFile(Record):
    items: ListOf[CatalogItem]
    """公开事项：每项一条，写明公开时限、范围和由哪类记录公开。"""


SANHUI = ["支部党员大会", "支委会", "党小组会", "党课"]
DEFAULT_ITEMS = [
    {"id": "gaikuang", "name": "组织概况", "rhythm": "固定", "source": "organization"},
    {"id": "fengong", "name": "班子分工", "rhythm": "固定", "source": "organization"},
    {"id": "mingce", "name": "党员名册", "rhythm": "固定", "source": "members"},
    {"id": "chengnuo", "name": "年度承诺", "rhythm": "定期", "period": "halfyear", "source": "commitments",
     "note": "年初列清单、年中查清单、年底述清单"},
    # As held (domain brief); the monthly and quarterly rhythm of meetings is checked as cadence.
    {"id": "sanhui", "name": "三会一课", "rhythm": "即时", "source": "activities", "kinds": SANHUI},
    {"id": "zhuti", "name": "主题党日", "rhythm": "即时", "source": "activities", "kinds": ["主题党日"]},
    {"id": "fazhan", "name": "发展党员公示", "rhythm": "即时", "source": "notices", "kinds": ["发展党员公示"],
     "note": "每个阶段公示不少于 5 个工作日"},
    {"id": "jingfei", "name": "服务群众经费", "rhythm": "定期", "period": "quarter", "source": "finances",
     "kinds": ["服务群众"]},
    {"id": "dangfei", "name": "党费收缴使用", "rhythm": "定期", "period": "year", "audience": "members",
     "source": "finances", "kinds": ["党费"]},
    {"id": "gongjian", "name": "共驻共建", "rhythm": "即时", "source": "partners"},
    {"id": "jiandu", "name": "监督渠道", "rhythm": "固定", "source": "community"},
    {"id": "wangge", "name": "网格（定格、定人、定责）", "rhythm": "固定", "source": "grids", "note": "变动时更新"},
    {"id": "shuangbaodao", "name": "在职党员双报到服务", "rhythm": "定期", "period": "quarter", "source": "service",
     "note": "每季度更新"},
    {"id": "yishi", "name": "社区议事（议事后5个工作日内反馈）", "rhythm": "即时", "source": "deliberations",
     "note": "随时公开：议题、决定和向居民的反馈"},
    {"id": "qingdan", "name": "需求、资源、项目清单和微心愿", "rhythm": "定期", "period": "quarter", "source": "lists",
     "note": "年初公布、季度更新"},
    {"id": "zhiban", "name": "值班和错时服务安排", "rhythm": "定期", "period": "month", "source": "rota",
     "note": "每月排定下月值班表"},
]
# Work not every community takes up (网格, 双报到…): the default catalogue lists their item only
# for a community that keeps such records, so the others are not told they are overdue.
OPTIONAL_SOURCES = {"grids", "service", "deliberations", "lists", "rota"}


@lru_cache(maxsize=1)
def default_catalog() -> CatalogFile:
    """The catalogue of a community that keeps no catalog.yml."""
    return CatalogFile.model_validate({"items": DEFAULT_ITEMS})
