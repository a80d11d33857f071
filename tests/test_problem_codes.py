"""Every problem code defined in generator/messages.py: a bad file, and where it is reported.

Each case changes one file of the tiny community and expects ``(code, line, col)`` among the
problems reported for that file. Codes other modules register with ``messages.add`` are
tested next to those modules.
"""
from __future__ import annotations

import runpy
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field, ValidationError

from tests.conftest import TODAY
from generator.checks import load_and_check
from generator.load.yamlfile import parse_text
from generator.problems import WARNING
from generator.records.base import Record
from generator.records.errors import to_problems

FINANCE = """funds:
  - id: service
    name: 党组织服务群众经费
entries:
  - date: {date}
    fund: {fund}
    amount: {amount}
    category: 活动经费
    summary: 慰问物资
    voucher: 记-001
    handler: 陈志远
    approver: 周玉兰
"""


def finance(date="2026-03-05", fund="service", amount='"-35.00"') -> str:
    return FINANCE.format(date=date, fund=fund, amount=amount)


ACTIVITY = """activities:
  - id: {id}
    date: {date}
    kind: {kind}
    unit: zb
    title: {title}
{extra}"""


def activity(id="a2026-0110", date="2026-01-10", kind="主题党日", title="清理楼道堆物", extra="") -> str:
    return ACTIVITY.format(id=id, date=date, kind=kind, title=title, extra=extra)


MEMBERS = """members:
  - id: m001
    name: 周玉兰
    unit: zb
    joined: {joined}
  - id: {second}
    name: 陈志远
    unit: zb
    category: {category}
  - id: m003
    name: 李秀英
    unit: zb
"""


def members(joined='"1995"', second="m002", category="在册") -> str:
    return MEMBERS.format(joined=joined, second=second, category=category)


NOTICE = """notices:
  - id: n2026-01
    kind: 其他
    title: 通知
    start: 2026-03-05
    end: {end}
    body: 正文
    contact: "010-62001235"
"""

COMMITMENT = """commitments:
  - id: c2026-01
    owner: zb
    title: 清理楼道堆物
    category: 环境整治
    made: 2026-01-15
    due: 2026-06-30
    reviews:
      - date: 2026-06-30
        stage: 年中
        status: 已完成
        progress: {progress}
"""

UNITS = """units:
  - id: zb
    name: 小园社区党支部
    kind: 党支部
    parent: {parent}
  - id: zz
    name: 小园社区第二党支部
    kind: 党支部
    parent: zb
posts:
  - id: p-xunluo
    name: 治安巡逻岗
    unit: zb
"""

# code -> (file inside the community, its new content, (line, col) where the code is expected)
CASES = {
    # Saved as GBK (some GBK text happens to be valid UTF-8; this name is not).
    "file-encoding": ("partners.yml", "partners:\n  - id: pt\n    name: 周玉兰\n".encode("gbk"), (3, 11)),
    "file-empty": ("notices/2026.yml", "# 还没有公示\n\n", (1, 1)),
    "file-not-mapping": ("commitments/2026.yml", "- id: c2026-01\n", (1, 1)),
    "yaml-tab": ("members.yml", "members:\n\t- id: m001\n", (2, 1)),
    "yaml-control-char": ("members.yml", "members:\n  - id: m001\n    name: 周玉\x0c兰\n", (3, 13)),
    "yaml-documents": ("activities/2026.yml", "activities: []\n---\nactivities: []\n", (2, 1)),
    "yaml-anchor": ("members.yml", "members:\n  - id: m001\n    name: 周玉兰\n    unit: &u zb\n", (4, 11)),
    "yaml-alias": ("members.yml", "members:\n  - id: m001\n    name: 周玉兰\n    unit: *u\n", (4, 11)),
    "yaml-tag": ("members.yml", "members:\n  - id: !!str m001\n", (2, 9)),
    "yaml-complex-key": ("partners.yml", "? [a, b]\n: 1\npartners: []\n", (1, 3)),
    "yaml-syntax": ("organization.yml", "units:\n  - id: zb\n    name: a: b\n", (3, 12)),
    "duplicate-key": ("organization.yml", "units:\n  - id: zb\n    name: 小园社区党支部\n    kind: 党支部\n"
                      "    committee:\n      - name: 周玉兰\n        role: 书记\n        role: 副书记\n", (8, 9)),
    "unknown-field": ("activities/2026.yml", activity(extra="    summery: 清理了三个楼门\n"), (7, 5)),
    "missing-field": ("notices/2026.yml", "notices:\n  - id: n2026-01\n    kind: 其他\n", (2, 5)),
    "empty-value": ("activities/2026.yml", activity(title='""'), (6, 12)),
    "bad-choice": ("activities/2026.yml", activity(kind="开会"), (4, 11)),
    "bad-type": ("activities/2026.yml", activity(extra="    partners: pt-yy\n"), (7, 15)),
    "bad-id": ("activities/2026.yml", activity(id='"a 0110"'), (2, 9)),
    "bad-date": ("finances/2026.yml", finance(date="2026-2-30"), (5, 11)),
    "no-such-date": ("finances/2026.yml", finance(date="2026-13-40"), (5, 11)),
    "money-unquoted": ("finances/2026.yml", finance(amount="12.5"), (7, 13)),
    "bad-money": ("finances/2026.yml", finance(amount='"1,000.00"'), (7, 13)),
    "bad-number": ("activities/2026.yml", activity(extra="    attendance: {present: 3.5, expected: 4}\n"), (7, 27)),
    "bad-percent": ("commitments/2026.yml", COMMITMENT.format(progress=120), (12, 19)),
    "bad-year": ("members.yml", members(joined="95"), (5, 13)),
    "workplace-missing": ("members.yml", members(category="在职报到"), (6, 5)),
    "attendance-over": ("activities/2026.yml", activity(extra="    attendance: {present: 5, expected: 4}\n"), (7, 17)),
    "end-before-start": ("notices/2026.yml", NOTICE.format(end="2026-03-01"), (2, 5)),
    "missing-file": ("organization.yml", None, (0, 0)),
    "bad-year-file": ("finances/2026.yaml", "funds: []\n", (0, 0)),
    "unknown-file": ("notes.txt", "备忘\n", (0, 0)),
    # The rules across records run on a community that loaded cleanly.
    "duplicate-id": ("members.yml", members(second="m001"), (6, 9)),
    "unknown-reference": ("finances/2026.yml", finance(fund="nofund"), (6, 11)),
    "unit-cycle": ("organization.yml", UNITS.format(parent="zz"), (5, 13)),
    "missing-photo": ("activities/2026.yml", activity(extra="    photos: [nope.jpg]\n"), (7, 13)),
    "year-mismatch": ("activities/2026.yml", activity(date="2025-12-30"), (3, 11)),
    "future-date": ("activities/2026.yml", activity(date="2026-12-01"), (3, 11)),
}
WARNINGS = {"unknown-file", "year-mismatch", "future-date"}


def reported(data: Path, file: str, slugs=None) -> set[tuple]:
    """(code, line, col) of every problem reported for ``file`` (a path inside xiaoyuan/)."""
    _, problems = load_and_check(data, slugs, TODAY)
    suffix = str(Path("xiaoyuan", file))
    return {(p.code, p.line, p.col) for p in problems if p.file.endswith(suffix)}


def problems_for(write_community, file: str, content, slugs=None):
    data = write_community({file: content})
    _, problems = load_and_check(data, slugs, TODAY)
    return [p for p in problems if p.file.endswith(str(Path("xiaoyuan", file)))]


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_reported_at_its_place(write_community, code):
    file, content, (line, col) = CASES[code]
    assert (code, line, col) in reported(write_community({file: content}), file)


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_has_its_severity(write_community, code):
    file, content, _ = CASES[code]
    severities = {p.severity for p in problems_for(write_community, file, content) if p.code == code}
    assert severities == ({WARNING} if code in WARNINGS else {"error"})


def test_bad_slug_names_the_folder(write_community):
    data = write_community(slug="Xiao_Yuan")
    _, problems = load_and_check(data, ["Xiao_Yuan"], TODAY)
    assert [(p.code, p.line, p.col) for p in problems if p.file.endswith("Xiao_Yuan")] == [("bad-slug", 0, 0)]


def test_unknown_community_names_the_slug(write_community):
    data = write_community()
    _, problems = load_and_check(data, ["nosuch"], TODAY)
    assert [(p.code, p.file, p.params["slug"]) for p in problems] == [("unknown-community", str(data), "nosuch")]


def test_no_communities_in_an_empty_folder(tmp_path):
    _, problems = load_and_check(tmp_path, None, TODAY)
    assert [(p.code, p.line, p.col) for p in problems] == [("no-communities", 0, 0)]


class _Sized(Record):
    size: Annotated[int, Field(gt=0)]


def test_bad_value_for_a_constraint_without_a_code_of_its_own():
    # Our field types all name their own code; a plain pydantic constraint falls back to bad-value.
    loaded, _ = parse_text("size: 0\n", "sized.yml")
    with pytest.raises(ValidationError) as caught:
        _Sized.model_validate(loaded.data)
    problems = to_problems(caught.value, loaded, _Sized)
    assert [(p.code, p.line, p.col, p.path) for p in problems] == [("bad-value", 1, 7, "size")]


def test_every_code_in_messages_has_a_case():
    # The codes written in messages.py itself (runpy: without those rule modules add later).
    own = set(runpy.run_path(str(Path(__file__).parents[1] / "generator" / "messages.py"))["MESSAGES"])
    tested = set(CASES) | {"bad-slug", "unknown-community", "no-communities", "bad-value"}
    assert own - tested == set()


def test_duplicate_key_names_both_lines(write_community):
    file, content, _ = CASES["duplicate-key"]
    [problem] = [p for p in problems_for(write_community, file, content) if p.code == "duplicate-key"]
    assert problem.line == 8
    assert problem.message() == "字段“role”写了两次（第一次在第 7 行）：请删掉其中一个。"


def test_rules_point_at_the_field_not_the_record(write_community):
    # The entry starts on line 5; the fund that does not exist is written on line 6.
    found = problems_for(write_community, "finances/2026.yml", finance(fund="nofund"))
    [problem] = [p for p in found if p.code == "unknown-reference"]
    assert (problem.line, problem.col, problem.path) == (6, 11, "fund")


# The exact words a clerk reads, in Chinese (the default).
EXACT = {
    "unknown-field": "没有“summery”这个字段，是不是要写“summary”？（这里可写：id, date, kind, unit, title, "
                     "location, attendance, partners, summary, photos, audience）。",
    "money-unquoted": "金额 12.5 没有加引号：请写成带两位小数、加引号的金额，如 \"1280.50\" 或 \"-35.00\"。",
    "bad-money": "金额“1,000.00”格式不对：只写数字和两位小数，不加 ¥、逗号或空格，支出前加负号，如 \"1280.50\"、\"-35.00\"。",
    "no-such-date": "日期“2026-13-40”不存在：请核对月份（01–12）和这个月的天数。",
    "bad-date": "日期“2026-2-30”格式不对：请写成 2026-03-05 这样的“年-月-日”（月、日都用两位）。",
    "yaml-tab": "这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。",
    "yaml-tag": "不能使用标签 !!str：请删除它；所有值都按原样当作文字读取。",
    "bad-choice": "“activities[1].kind”的值“开会”不在可选范围内：只能写 支部党员大会、支委会、党小组会、党课、主题党日、志愿服务、共建活动、其他。",
    "missing-field": "缺少必填字段“title”（标题）：请补上。",
    "unknown-reference": "“fund”写的是“nofund”，但找不到这个经费：请核对编号是否写错，或先添加它。",
    "file-encoding": "文件不是 UTF-8 编码：请在编辑器里用“UTF-8”另存（不要用 GBK/ANSI）。",
    "yaml-syntax": "YAML 格式错误：这一行有两个“: ”：值里要写冒号时，请给整个值加引号，或改用中文冒号“：”。",
    "yaml-control-char": "这一行有看不见的控制字符（U+000C），多半是从 Word、网页或微信复制来的：请删除它，重新输入这几个字。",
}


@pytest.mark.parametrize("code", sorted(EXACT))
def test_exact_chinese_message(write_community, code):
    file, content, (line, col) = CASES[code]
    messages = [p.message() for p in problems_for(write_community, file, content)
                if (p.code, p.line, p.col) == (code, line, col)]
    assert messages[:1] == [EXACT[code]]
