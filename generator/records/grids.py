"""grids.yml: 网格 with 定格、定人、定责 — which buildings each grid covers, who answers for it, and what they do.

A grid names buildings, members and posts, never households: a list of who lives where is
personal data the board must not hold, so a field for it is refused with its own message
(not as an unknown field a clerk might rename and keep).
"""
from __future__ import annotations

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.problems import messages
from generator.records.base import Audience, Id, Ids, ListOf, OptText, Record, Text

# Keys a clerk might use to list the people living in a grid (a 住户台账 kept on paper).
HOUSEHOLD_KEYS = frozenset({
    "households", "household", "residents", "resident", "families", "family", "inhabitants",
    "住户", "住户名单", "住户信息", "居民", "居民名单", "户", "户籍", "家庭", "人员名单",
})

messages.add({
    "grid-households": (
        "网格“{key}”这一项不能写：网格只写楼栋、负责人和职责，不登记住户或居民名单"
        "（谁住在哪里是个人信息，不能公开）。请删除“{key}”这一项，住户台账留在社区内部。",
        "a grid cannot hold '{key}': grids name buildings, the people responsible and their duties, "
        "never households or residents (where someone lives is personal data); delete '{key}'.",
    ),
})


class Grid(Record):
    id: Id
    """编号：如 g1。"""
    name: Text
    """网格名称：如“第一网格”。"""
    area: ListOf[Text]
    """范围（定格）：包含的楼栋，每栋一项，如 ["1号楼", "2号楼1-3单元"]；只写楼栋和单元，不写门牌。"""
    members: Ids = []
    """负责党员（定人）：党员名册中的编号，如 [m0003, m0011]。"""
    posts: Ids = []
    """岗位（定人）：组织里的岗位编号，如网格长、网格员、楼栋长的岗位 [p-wgz, p-ldz]。"""
    duties: OptText = None
    """职责（定责）：这个网格负责做什么，如“走访楼栋、收集诉求、矛盾调解”。"""
    phone: OptText = None
    """联系电话：网格工作站或社区的办公电话；不填时显示社区的办公电话；不要写个人手机。"""
    audience: Audience = "public"
    """公开范围：public 或 members。"""

    @model_validator(mode="before")
    @classmethod
    def _no_household_list(cls, data):
        keys = [key for key in data if str(key).strip().lower() in HOUSEHOLD_KEYS] if isinstance(data, dict) else []
        if keys:
            raise PydanticCustomError("grid-households", "households not allowed", {"key": str(keys[0])})
        return data


class GridsFile(Record):
    grids: ListOf[Grid]
    """网格：每个网格一项，写明楼栋（定格）、负责人（定人）和职责（定责）。"""
