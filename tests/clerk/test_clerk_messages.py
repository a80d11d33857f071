"""What a clerk reads from `dangwu check`: each slip named on the line and column where it was
typed with what to type instead, deep nesting refused without a traceback, records counted as a
clerk counts them, and the other spellings `dangwu import` accepts answered with the exact value
import would have written."""
from __future__ import annotations

import io
import json
import re
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.cli import main
from tests.conftest import TINY, TODAY, edited_tiny

LINE_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z0-9-]+) (?P<message>.+)$")
TITLE = "    title: 一月主题党日：清理楼道堆物"  # activities/2026.yml, line 6
AMOUNT = '    amount: "-350.50"'  # finances/2026.yml, line 20
COLON = "“title”后面是中文冒号“：”：请改成英文冒号加一个空格，写成“title: ”。"
INDENT = "这一行的缩进里有全角空格（中文输入法打出的空格“\u3000”）：请删掉它，改用英文空格。"
AFTER_COLON = "“title:”后面有全角空格（中文输入法打出的空格“\u3000”）：请删掉它，改用英文空格。"


def quote(key: str, mark: str) -> str:
    return f"“{key}”的值以引号 {mark} 开头，但这一行里没有配对的 {mark}：请在值的末尾补上 {mark}，或去掉开头的 {mark}。"


# name → (file, the line as it was, the line as the clerk typed it, [(line, col, code, message)]).
# Before this change every one of them was reported on the next line or at the end of the file
# (activities/2026.yml:7:5 “少了“: ””, :35:1 “到文件末尾还有引号没有配对”, finances/2026.yml:28:14 …).
SLIPS = {
    "full-width colon": ("activities/2026.yml", TITLE, "    title：一月主题党日：清理楼道堆物",
                         [(6, 10, "yaml-fullwidth-colon", COLON)]),
    "no space after the colon": (
        "activities/2026.yml", TITLE, "    title:一月主题党日：清理楼道堆物",
        [(6, 10, "yaml-colon-space", "“title:”后面少了一个空格：请在英文冒号后加一个空格，写成“title: 一月主题党日：清理楼道堆物”。")]),
    "no space after the colon of a list item": (
        "finances/2026.yml", "  - date: 2026-03-05", "  - date:2026-03-05",
        [(18, 9, "yaml-colon-space", "“date:”后面少了一个空格：请在英文冒号后加一个空格，写成“date: 2026-03-05”。")]),
    "full-width spaces as indentation": ("activities/2026.yml", TITLE, "\u3000\u3000title: 一月主题党日：清理楼道堆物",
                                         [(6, 1, "yaml-fullwidth-space", INDENT)]),
    "a full-width space inside the indentation": (
        "activities/2026.yml", TITLE, "  \u3000title: 一月主题党日：清理楼道堆物", [(6, 3, "yaml-fullwidth-space", INDENT)]),
    "a full-width space after the colon": ("activities/2026.yml", TITLE, "    title:\u3000一月主题党日：清理楼道堆物",
                                           [(6, 11, "yaml-fullwidth-space", AFTER_COLON)]),
    "unclosed double quote": ("activities/2026.yml", TITLE, '    title: "一月主题党日：清理楼道堆物',
                              [(6, 12, "yaml-unclosed-quote", quote("title", '"'))]),
    "unclosed single quote": ("activities/2026.yml", TITLE, "    title: '一月主题党日：清理楼道堆物",
                              [(6, 12, "yaml-unclosed-quote", quote("title", "'"))]),
    "unclosed quote of an amount": ("finances/2026.yml", AMOUNT, '    amount: "-350.50',
                                    [(20, 13, "yaml-unclosed-quote", quote("amount", '"'))]),
    "full-width colon and an unclosed quote": (
        "activities/2026.yml", TITLE, '    title："一月主题党日：清理楼道堆物',
        [(6, 10, "yaml-fullwidth-colon", COLON), (6, 11, "yaml-unclosed-quote", quote("title", '"'))]),
    "full-width colon and a full-width space": (
        "activities/2026.yml", TITLE, "    title：\u3000一月主题党日：清理楼道堆物",
        [(6, 10, "yaml-fullwidth-colon", COLON), (6, 11, "yaml-fullwidth-space", AFTER_COLON)]),
    "full-width colon in a one-line record": (
        "activities/2026.yml", "{id: a2026-0108, date: 2026-01-08", "{id: a2026-0108, date：2026-01-08",
        [(19, 26, "yaml-fullwidth-colon", "“date”后面是中文冒号“：”：请改成英文冒号加一个空格，写成“date: ”。")]),
    "no space after the colon in a one-line record": (
        "activities/2026.yml", "{id: a2026-0108, date: 2026-01-08", "{id: a2026-0108, date:2026-01-08",
        [(19, 26, "yaml-colon-space", "“date:”后面少了一个空格：请在英文冒号后加一个空格，写成“date: 2026-01-08”。")]),
}


def check(data: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["check", str(data), "--today", TODAY.isoformat(), *args])
    return code, out.getvalue()


def reported(data: Path, *args: str) -> tuple[int, list[tuple]]:
    """(exit code, [(file inside the community, line, col, code, message)]) of every problem."""
    code, out = check(data, *args)
    found = []
    for line in out.splitlines():
        match = LINE_RE.match(line)
        assert match, line
        file = match["file"].split("/communities/xiaoyuan/")[-1]
        found.append((file, int(match["line"]), int(match["col"]), match["code"], match["message"]))
    return code, found


def tiny_with(tmp_path: Path, *edits) -> Path:
    return edited_tiny(tmp_path, *edits).parent.parent


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_a_slip_is_named_where_it_was_typed_with_what_to_type(tmp_path, name):
    file, old, new, expected = SLIPS[name]
    code, found = reported(tiny_with(tmp_path, (file, old, new)))
    assert code == 1
    assert found == [(file, *problem) for problem in expected]


def test_several_slips_in_one_file_are_all_named_in_one_pass(tmp_path):
    data = tiny_with(tmp_path, ("activities/2026.yml", TITLE, "    title：一月主题党日：清理楼道堆物"),
                     ("activities/2026.yml", "    kind: 志愿服务", "    kind:志愿服务"),
                     ("activities/2026.yml", "    title: 学雷锋义诊", '    title: "学雷锋义诊'))
    code, found = reported(data)
    assert code == 1
    assert [(line, col, problem) for _, line, col, problem, _ in found] == [
        (6, 10, "yaml-fullwidth-colon"), (13, 9, "yaml-colon-space"), (15, 12, "yaml-unclosed-quote")]


def test_text_that_only_looks_like_a_slip_is_left_alone(tmp_path):
    # A Chinese colon inside a value, a colon in a time, and a summary block with "note:x" in it.
    data = tiny_with(tmp_path, ("activities/2026.yml", "      清理 **3 个楼门** 的堆物。",
                                "      清理 **3 个楼门** 的堆物。\n      note:x 和“引号”，time：10:30"),
                     ("activities/2026.yml", "    location: 党群服务中心", "    location: 党群服务中心 10:30"))
    assert check(data)[0] == 0


@pytest.mark.parametrize("nested, place", [
    ("deep: " + "[" * 5000 + "]" * 5000 + "\n", (1, 38)),
    ("deep: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", (1, 131)),
    ("deep: " + "[" * 100000 + "\n", (1, 38)),  # never closed: refused before the parser gives up
    ("deep:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3000)), (33, 33)),
])
def test_deep_nesting_is_refused_with_its_place_not_a_traceback(tmp_path, nested, place):
    data = tiny_with(tmp_path, ("activities/2026.yml", "activities:\n", nested + "activities:\n"))
    code, found = reported(data)
    assert code == 1
    assert found == [("activities/2026.yml", *place, "yaml-too-deep",
                      "这里的列表或字段套了 32 层以上，记录不会有这么多层：多半是方括号、花括号没有配对，"
                      "或粘贴时重复了很多次，请删掉多余的部分。")]


# --- records counted as a clerk counts them ---------------------------------------------------

def test_the_message_names_the_record_by_its_number_and_the_field_by_its_label(tmp_path):
    data = tiny_with(tmp_path, ("activities/2026.yml", "    kind: 志愿服务", "    kind: 开会"),
                     ("finances/2026.yml", "    summary: 学雷锋志愿服务物资", '    summary: ""'))
    code, found = reported(data)
    assert code == 1
    assert [(file, line, message) for file, line, _, _, message in found] == [
        ("activities/2026.yml", 13, "第 2 条活动的“类别”的值“开会”不在可选范围内：只能写 支部党员大会、支委会、"
                                    "党小组会、党课、主题党日、志愿服务、共建活动、其他。"),
        ("finances/2026.yml", 22, "第 2 笔收支的“摘要”不能为空：请填写内容。"),
    ]


def test_tools_keep_the_stable_path_and_english_keeps_the_dotted_one(tmp_path):
    data = tiny_with(tmp_path, ("activities/2026.yml", "    kind: 志愿服务", "    kind: 开会"))
    [problem] = json.loads(check(data, "--format", "json")[1])
    assert (problem["path"], problem["message"][:14]) == ("activities[2].kind", "第 2 条活动的“类别”的值")
    assert check(data, "--lang", "en")[1].split(": bad-choice ")[1].startswith("'activities[2].kind' is '开会'")


# --- check and import agree -------------------------------------------------------------------

def _imported(tmp_path: Path, kind: str, rows: list[list], title: str | None = None) -> str:
    """The YAML `dangwu import --write` adds for ``rows`` (the first one the header)."""
    data = tmp_path / "imported"
    shutil.copytree(TINY, data)
    path = data / "communities" / "xiaoyuan" / ("activities" if kind == "activities" else "finances") / "2026.yml"
    before = path.read_text(encoding="utf-8")
    book = Workbook()
    for row in ([[title]] if title else []) + rows:
        book.active.append(row)
    book.save(tmp_path / "表.xlsx")
    assert main(["import", kind, str(tmp_path / "表.xlsx"), str(data), "--community", "xiaoyuan", "--write",
                 "--today", TODAY.isoformat()]) == 0
    return path.read_text(encoding="utf-8")[len(before.rstrip("\n")):]


def _written(added: str, field: str) -> list[str]:
    return re.findall(rf"^\s+(?:- )?{field}: \"?(.+?)\"?$", added, re.M)


def test_what_import_reads_check_names_as_the_value_to_type(tmp_path):
    header = ["日期", "类别", "支部", "标题", "公开范围"]
    added = _imported(tmp_path, "activities", [header, ["2026.3.5", "主题党日活动", "小园社区党支部", "三月主题党日", "党内"],
                                                ["2026/4/9", "志愿活动", "小园社区", "四月义诊", "党外"],
                                                ["2026年5月8日", "共建", "zb", "五月共建", "公开"]])
    dates, kinds, units, audiences = (_written(added, f) for f in ("date", "kind", "unit", "audience"))
    assert (dates, kinds, units, audiences) == (["2026-03-05", "2026-04-09", "2026-05-08"],
                                                ["主题党日", "志愿服务", "共建活动"], ["zb", "zb", "zb"],
                                                ["members", "public", "public"])
    # The same words written in YAML: check refuses each, naming exactly what import wrote.
    data = tiny_with(tmp_path, ("activities/2026.yml", "    date: 2026-03-05\n    kind: 志愿服务\n    unit: zb",
                                "    date: 2026.3.5\n    kind: 主题党日活动\n    unit: 小园社区党支部\n    audience: 党内"),
                     ("activities/2026.yml", "    date: 2026-01-10", "    date: 2026/4/9"),
                     ("activities/2026.yml", "    kind: 主题党日", "    kind: 志愿活动"),
                     ("activities/2026.yml", "    unit: zb\n    title: 一月", "    unit: 小园社区\n    title: 一月"),
                     ("activities/2026.yml", "date: 2026-01-08,", "date: 2026年5月8日,"),
                     ("activities/2026.yml", "kind: 支委会, unit: zb, title: 一月支委会, audience: members",
                      "kind: 共建, unit: zb, title: 一月支委会, audience: 公开"))
    code, found = reported(data)
    assert code == 1
    assert [(line, message) for _, line, _, _, message in found] == [
        (3, f"日期“2026/4/9”请写成 {dates[1]}：记录里的日期一律写成“年-月-日”，月、日都用两位。"),
        (4, f"第 1 条活动的“类别”写的是“志愿活动”：请写成 {kinds[1]}。"),
        (5, f"第 1 条活动的“组织”写的是名称“小园社区”：这里要写它的编号，请写成 {units[1]}。"),
        (12, f"日期“2026.3.5”请写成 {dates[0]}：记录里的日期一律写成“年-月-日”，月、日都用两位。"),
        (13, f"第 2 条活动的“类别”写的是“主题党日活动”：请写成 {kinds[0]}。"),
        (14, f"第 2 条活动的“组织”写的是名称“小园社区党支部”：这里要写它的编号，请写成 {units[0]}。"),
        (15, f"第 2 条活动的“公开范围”写的是“党内”：请写成 {audiences[0]}。"),
        (20, f"日期“2026年5月8日”请写成 {dates[2]}：记录里的日期一律写成“年-月-日”，月、日都用两位。"),
        (20, f"第 3 条活动的“类别”写的是“共建”：请写成 {kinds[2]}。"),
        (20, f"第 3 条活动的“公开范围”写的是“公开”：请写成 {audiences[2]}。"),
    ]


def test_a_fund_written_by_its_name_is_answered_with_the_id_import_chose(tmp_path):
    header = ["日期", "凭证号", "摘要", "类别", "收入", "支出", "经办人", "审批人"]
    added = _imported(tmp_path, "finances", [header, ["2026.11.6", "记-201", "购买打印纸", "办公用品", None, 35.5,
                                                      "陈志远", "周玉兰"]], title="2026年党组织服务群众经费收支明细")
    [fund] = _written(added, "fund")
    data = tiny_with(tmp_path, ("finances/2026.yml", "    fund: service\n    amount: \"-350.50\"",
                                "    fund: 党组织服务群众经费\n    amount: \"-350.50\""))
    assert reported(data) == (1, [("finances/2026.yml", 19, 11, "id-write-as",
                                   f"第 2 笔收支的“经费编号”写的是名称“党组织服务群众经费”：这里要写它的编号，请写成 {fund}。")])
    assert fund == "service"


def test_a_name_that_fits_no_unit_is_refused_by_both_with_the_ids_to_choose_from(tmp_path, capsys):
    book = Workbook()
    for row in (["日期", "类别", "支部", "标题"], ["2026-03-05", "主题党日", "街道党工委", "三月主题党日"]):
        book.active.append(row)
    book.save(tmp_path / "表.xlsx")
    shutil.copytree(TINY, tmp_path / "imported")
    assert main(["import", "activities", str(tmp_path / "表.xlsx"), str(tmp_path / "imported"),
                 "--community", "xiaoyuan", "--today", TODAY.isoformat()]) == 1
    assert "“支部”列的“街道党工委”不是本社区的党组织：可写 zb（小园社区党支部）" in capsys.readouterr().out
    data = tiny_with(tmp_path, ("activities/2026.yml", "    kind: 志愿服务\n    unit: zb", "    kind: 志愿服务\n    unit: 街道党工委"))
    assert reported(data) == (1, [("activities/2026.yml", 14, 11, "bad-id",
                                   "编号“街道党工委”不合格式：只能用英文字母、数字、短横线和下划线，如 zb1、a2026-0110；"
                                   "这里可写 zb（小园社区党支部）。")])
