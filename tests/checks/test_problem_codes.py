"""Every problem code defined in generator/problems/messages.py: a bad file, and where it is reported.

Each case changes one file of the tiny community and expects ``(code, line, col)`` among the
problems reported for that file. Codes other modules register with ``messages.add`` are
tested next to those modules.
"""
from __future__ import annotations

import re
import runpy
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field, ValidationError

from generator.checks import load_and_check
from generator.load.yamlfile import parse_text
from generator.problems import WARNING, Problem
from generator.problems.messages import MissingParam
from generator.records.base import Record
from generator.records.errors import to_problems
from tests.conftest import TODAY

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
    "yaml-fullwidth-colon": ("members.yml", "members:\n  - id: m001\n    name：周玉兰\n    unit: zb\n", (3, 9)),
    "yaml-colon-space": ("members.yml", "members:\n  - id: m001\n    name:周玉兰\n    unit: zb\n", (3, 9)),
    "yaml-fullwidth-space": ("members.yml", "members:\n  - id: m001\n\u3000\u3000name: 周玉兰\n", (3, 1)),
    "yaml-unclosed-quote": ("members.yml", 'members:\n  - id: m001\n    name: "周玉兰\n    unit: zb\n', (3, 11)),
    "yaml-too-deep": ("partners.yml", "partners: " + "[" * 40 + "]" * 40 + "\n", (1, 42)),
    "duplicate-key": ("organization.yml", "units:\n  - id: zb\n    name: 小园社区党支部\n    kind: 党支部\n"
                      "    committee:\n      - name: 周玉兰\n        role: 书记\n        role: 副书记\n", (8, 9)),
    "unknown-field": ("activities/2026.yml", activity(extra="    summery: 清理了三个楼门\n"), (7, 5)),
    "missing-field": ("notices/2026.yml", "notices:\n  - id: n2026-01\n    kind: 其他\n", (2, 5)),
    "empty-value": ("activities/2026.yml", activity(title='""'), (6, 12)),
    "bad-choice": ("activities/2026.yml", activity(kind="开会"), (4, 11)),
    "bad-type": ("activities/2026.yml", activity(extra="    partners: pt-yy\n"), (7, 15)),
    "bad-id": ("activities/2026.yml", activity(id='"a 0110"'), (2, 9)),
    "bad-date": ("finances/2026.yml", finance(date="三月五日"), (5, 11)),
    "date-write-as": ("finances/2026.yml", finance(date="2026.3.5"), (5, 11)),
    "choice-write-as": ("activities/2026.yml", activity(kind="主题党日活动"), (4, 11)),
    "id-write-as": ("finances/2026.yml", finance(fund="党组织服务群众经费"), (6, 11)),
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
    own = set(runpy.run_path(str(Path(__file__).parents[2] / "generator" / "problems" / "messages.py"))["MESSAGES"])
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


# The exact words a clerk reads, in Chinese (the default): one per code, the field named as a
# clerk counts (第 1 条活动的“类别”), never as a programmer's path (activities[1].kind).
EXACT = {
    "attendance-over": "实到人数 5 多于应到人数 4：请核对。",
    "bad-choice": ("第 1 条活动的“类别”的值“开会”不在可选范围内："
                   "只能写 支部党员大会、支委会、党小组会、党课、主题党日、志愿服务、共建活动、其他。"),
    "bad-date": "日期“三月五日”格式不对：请写成 2026-03-05 这样的“年-月-日”（月、日都用两位）。",
    "bad-id": "编号“a 0110”不合格式：只能用英文字母、数字、短横线和下划线，如 zb1、a2026-0110。",
    "bad-money": "金额“1,000.00”格式不对：只写数字和两位小数，不加 ¥、逗号或空格，支出前加负号，如 \"1280.50\"、\"-35.00\"。",
    "bad-number": "第 1 条活动的“出席”的“实到人数”应是整数，如 28，而不是“3.5”。",
    "bad-percent": "进度 120 超出范围：请写 0 到 100 之间的整数。",
    "bad-type": "第 1 条活动的“共建单位”应写成列表（每项一行，以“- ”开头）。",
    "bad-year": "年份“95”不对：请写四位年份，如 \"1998\"。",
    "bad-year-file": "finances/ 里的文件应按年份命名，如 2026.yml。",
    "choice-write-as": "第 1 条活动的“类别”写的是“主题党日活动”：请写成 主题党日。",
    "date-write-as": "日期“2026.3.5”请写成 2026-03-05：记录里的日期一律写成“年-月-日”，月、日都用两位。",
    "duplicate-key": "字段“role”写了两次（第一次在第 7 行）：请删掉其中一个。",
    "empty-value": "第 1 条活动的“标题”不能为空：请填写内容。",
    "end-before-start": "结束日期 2026-03-01 早于开始日期 2026-03-05：请核对。",
    "file-empty": "文件是空的：请按模板填写内容，或删除这个文件。",
    "file-encoding": "文件不是 UTF-8 编码：请在编辑器里用“UTF-8”另存（不要用 GBK/ANSI）。",
    "file-not-mapping": "文件的最外层应是“字段: 值”的结构，而不是列表或一段文字。",
    "future-date": "日期 2026-12-01 晚于今天（2026-11-23）：请核对是否写错。",
    "id-write-as": "第 1 笔收支的“经费编号”写的是名称“党组织服务群众经费”：这里要写它的编号，请写成 service。",
    "missing-field": "缺少必填字段“title”（标题）：请补上。",
    "missing-file": "缺少文件 organization.yml：每个社区都必须有它；可用 dangwu new community 生成模板。",
    "missing-photo": "照片“nope.jpg”不在社区的 photos/ 文件夹里：请放入照片，或改正文件名。",
    "money-unquoted": "金额 12.5 没有加引号：请写成带两位小数、加引号的金额，如 \"1280.50\" 或 \"-35.00\"。",
    "no-such-date": "日期“2026-13-40”不存在：请核对月份（01–12）和这个月的天数。",
    "unit-cycle": "组织“zb”的上级关系绕成了圈：请检查 parent。",
    "unknown-field": "没有“summery”这个字段，是不是要写“summary”？（这里可写：id, date, kind, unit, title, "
                     "location, attendance, partners, summary, photos, audience）。",
    "unknown-file": "不认识的文件或文件夹：不会被发布；如是笔误请改名。",
    "unknown-reference": "“fund”写的是“nofund”，但找不到这个经费：请核对编号是否写错，或先添加它。",
    "workplace-missing": "在职报到党员必须写工作单位（workplace）。",
    "yaml-alias": "不能使用引用 *u：请把内容直接写出来。",
    "yaml-anchor": "不能使用锚点 &u：请删除它，把内容直接写出来。",
    "yaml-colon-space": "“name:”后面少了一个空格：请在英文冒号后加一个空格，写成“name: 周玉兰”。",
    "yaml-complex-key": "字段名只能是一段文字。",
    "yaml-control-char": "这一行有看不见的控制字符（U+000C），多半是从 Word、网页或微信复制来的：请删除它，重新输入这几个字。",
    "yaml-documents": "一个文件里只能有一份记录：请删除 “---” 分隔线，或把后一部分移到另一个文件。",
    "yaml-fullwidth-colon": "“name”后面是中文冒号“：”：请改成英文冒号加一个空格，写成“name: ”。",
    "yaml-fullwidth-space": "这一行的缩进里有全角空格（中文输入法打出的空格“\u3000”）：请删掉它，改用英文空格。",
    "yaml-syntax": "YAML 格式错误：这一行有两个“: ”：值里要写冒号时，请给整个值加引号，或改用中文冒号“：”。",
    "yaml-tab": "这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。",
    "yaml-tag": "不能使用标签 !!str：请删除它；所有值都按原样当作文字读取。",
    "yaml-too-deep": "这里的列表或字段套了 32 层以上，记录不会有这么多层：多半是方括号、花括号没有配对，或粘贴时重复了很多次，"
                     "请删掉多余的部分。",
    "yaml-unclosed-quote": "“name”的值以引号 \" 开头，但这一行里没有配对的 \"：请在值的末尾补上 \"，或去掉开头的 \"。",
    "year-mismatch": "日期 2025-12-30 不在 2026 年：这条记录应放在对应年份的文件里。",
}


def test_every_case_has_its_exact_message():
    # duplicate-id names the temporary folder it was first seen in: its words are tested below.
    assert set(CASES) - set(EXACT) == {"duplicate-id"}


def test_duplicate_id_names_the_kind_and_the_first_place(write_community):
    file, content, (line, col) = CASES["duplicate-id"]
    [problem] = [p for p in problems_for(write_community, file, content) if p.code == "duplicate-id"]
    assert problem.message().startswith("党员编号“m001”重复（第一次在 ")
    assert problem.message().endswith("xiaoyuan/members.yml:2）：请换一个未用过的编号。")


@pytest.mark.parametrize("code", sorted(CASES))
def test_every_message_renders_in_english_too(write_community, code):
    file, content, (line, col) = CASES[code]
    found = [p for p in problems_for(write_community, file, content) if (p.code, p.line, p.col) == (code, line, col)]
    text = found[0].message("en")
    assert text and "{" not in text and text != found[0].message("zh") and not re.search(r"[“”]", text)


def test_a_message_missing_a_param_fails_loudly_in_tests_and_is_blank_for_a_clerk(monkeypatch):
    with pytest.raises(MissingParam, match="year-mismatch needs the param 'year'"):
        Problem("year-mismatch", "f.yml", 1, 1, params={"date": "2026-03-05"}).message()
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    assert Problem("year-mismatch", "f.yml", 1, 1, params={"date": "2026-03-05"}).message() == \
        "日期 2026-03-05 不在 ？ 年：这条记录应放在对应年份的文件里。"


@pytest.mark.parametrize("code", sorted(EXACT))
def test_exact_chinese_message(write_community, code):
    file, content, (line, col) = CASES[code]
    messages = [p.message() for p in problems_for(write_community, file, content)
                if (p.code, p.line, p.col) == (code, line, col)]
    assert messages[:1] == [EXACT[code]]


# --- every emitter gives its message every param it names --------------------------------------

GENERATOR = Path(__file__).parents[2] / "generator"
# How a code reaches a Problem besides Problem("code", …, params={…}), and the params each adds:
# import_rows' Row.problem(name, "code", **params) and import_headers' CellError("code", **params)
# (a cell's problem always names its column).
HELPERS = {"problem": {"column"}, "CellError": {"column"}}


def _all_messages() -> dict[str, tuple[str, str]]:
    """The table once every module that registers codes with ``messages.add`` is imported."""
    import importlib
    import pkgutil

    import generator
    from generator.problems.messages import MESSAGES

    for module in pkgutil.walk_packages(generator.__path__, "generator."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return MESSAGES


def _literal_emitters():
    """(code, the params it gives, file:line) of every call that names its code literally."""
    import ast

    for path in sorted(GENERATOR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if not isinstance(node, ast.Call) or name not in {"Problem", *HELPERS}:
                continue
            first = node.args[1:2] if name == "problem" else node.args[:1]  # Row.problem(column, code, …)
            codes = [a.value for a in first if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if not codes or "-" not in codes[0]:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            given = set(HELPERS.get(name, set())) | {k for k in keywords if k not in {None, "params", "severity", "path"}}
            params = keywords.get("params")
            if isinstance(params, ast.Dict):
                given |= {k.value for k in params.keys if isinstance(k, ast.Constant)}
                if any(k is None for k in params.keys):  # {**other, …}: what it unpacks is not known here
                    continue
            elif params is not None:
                continue
            yield codes[0], given, f"{path.relative_to(GENERATOR.parent)}:{node.lineno}"


def test_every_emitter_gives_its_message_every_param():
    # A clerk must never read “？” (or a raw “{date}”) because a rule forgot a param.
    table = _all_messages()
    emitters = list(_literal_emitters())
    assert len(emitters) > 50
    for code, given, where in emitters:
        assert code in table, f"{where}: {code} has no message"
        for lang in ("zh", "en"):
            try:
                text = Problem(code, "f.yml", 1, 1, params={k: "值" for k in given}).message(lang)
            except MissingParam as exc:
                pytest.fail(f"{where}: {exc}")
            assert "{" not in text, where

