"""A place in a record file in a clerk's words: ``activities[221].kind`` → 第 221 条活动的“类别”.

Problems keep the stable dotted path (tools and tests read it, ``--format json`` shows it);
the Chinese message names the record by its number and the field by the label its model's
docstring begins with, the words the JSON Schema shows in an editor. Indexes in paths are
1-based, as a clerk counts.
"""
from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from generator.records.kinds import kind_of_file

# How a clerk counts the items of each kind of record (measure word and noun).
ITEM_WORDS = {
    "Activity": "条活动", "Entry": "笔收支", "Fund": "种经费", "Project": "个项目", "BalanceCheck": "次余额核对",
    "Notice": "条公示", "Commitment": "条承诺", "Review": "次检查", "Member": "位党员", "Partner": "个共建单位",
    "Unit": "个组织", "Post": "个岗位", "CommitteeMember": "位班子成员", "CatalogItem": "项公开事项",
    "Hours": "个办公时间段",
    "Grid": "个网格", "Service": "次服务",
    "Need": "条需求", "Resource": "项资源", "Stage": "个阶段",
}
PART_RE = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def label(description: str | None) -> str:
    """The Chinese label a field docstring begins with: "金额：带两位小数…" → "金额"."""
    return (description or "").split("：")[0].rstrip("。")


def models_in(annotation) -> list[type[BaseModel]]:
    """The record models an annotation holds (``Optional[Attendance]``, ``list[Entry]`` …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(models_in(arg))
    return found


def file_model(file: str) -> type[BaseModel] | None:
    """The model that reads ``file``: by its folder (activities/2026.yml) or its name (members.yml)."""
    kind = kind_of_file(file)
    return kind.model if kind is not None else None


def parts(path: str) -> list:
    """"activities[3].attendance.present" → ["activities", 3, "attendance", "present"]."""
    return [name if name else int(number) for name, number in PART_RE.findall(path)]


def spoken(file: str, path: str) -> str:
    """The place in words; a path that is no place in a known record (a sheet's column, a bare
    field name) is quoted as it is."""
    return _spoken(file_model(file), parts(path)) or f"“{path}”"


def _spoken(model: type[BaseModel] | None, steps: list) -> str | None:
    if model is None or not steps or not isinstance(steps[0], str):
        return None
    words: list[str] = []
    index = 0
    while index < len(steps):
        name = steps[index]
        info = model.model_fields.get(name) if model is not None and isinstance(name, str) else None
        if info is None:
            return None
        following = steps[index + 1] if index + 1 < len(steps) else None
        inner = models_in(info.annotation)
        field_label = label(info.description) or name
        if isinstance(following, int) and inner:
            words.append(f"第 {following} {ITEM_WORDS.get(inner[0].__name__, '项' + field_label)}")
            index += 2
        elif isinstance(following, int):
            words.append(f"“{field_label}”的第 {following} 项")
            index += 2
        elif typing.get_origin(info.annotation) is dict and following is not None:
            words.append(f"“{field_label}”里的“{following}”")
            index += 2
        else:
            words.append(f"“{field_label}”")
            index += 1
        model = inner[0] if inner else None
    return "的".join(words)
