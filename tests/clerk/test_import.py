"""`dangwu import`: a clerk's own Excel/CSV sheet → exact records, bad rows named by sheet row,
nothing written while any row is bad or without --write."""
from __future__ import annotations

import shutil
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.clerk import import_headers as h
from generator.cli import main
from generator.problems.messages import MESSAGES
from tests.conftest import TODAY

SLUG = "xiaoyuan"
HEADER = ["日期", "凭证号", "摘要", "类别", "收入（元）", "支出（元）", "余额", "经办人", "审批人", "身份证号"]


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def workbook(path: Path, rows: list[list], header=HEADER, title="2026年党组织服务群众经费收支明细账") -> Path:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def as_excel_writes_it(path: Path, shown: str, stored: str) -> None:
    """Excel stores a float with all 17 digits (0.30000000000000004); openpyxl would round it."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(f"<v>{shown}</v>".encode(), f"<v>{stored}</v>".encode())
            out.writestr(item, data)
    shutil.move(tmp, path)


def ledger(data: Path) -> Path:
    return data / "communities" / SLUG / "finances" / "2026.yml"


GOOD_ROWS = [
    [None, None, "上年结转", None, None, None, 14649.5],
    [datetime(2026, 4, 2), "记-101", "二季度拨付", "上级拨付", 3000, None, 17649.5, "陈志远", "周玉兰", "110101199003071234"],
    ["2026/4/15", "记-102", "慰问困难党员", "慰问支出", None, 1280.5, 16369, "陈志远", "周玉兰"],
    ["2026.4.20", "记-103", "打印宣传材料", "办公用品", None, 0.3, 16368.7, "陈志远", "周玉兰"],
    ["2026年5月8日", "记-104", "志愿服务水和餐食", "活动经费", None, "1,234.56", 15134.14, "陈志远", "周玉兰"],
    [None, None, "本月合计", None, 3000, 2514.86],
]


def test_a_realistic_ledger_with_bad_rows_is_refused_row_by_row(write_community, tmp_path, capsys):
    data = write_community()
    before = ledger(data).read_bytes()
    rows = [list(r) for r in GOOD_ROWS]
    rows[3][5] = 12.345  # a formula's result with a third decimal: not exact to the fen
    rows[4][0] = "2026年2月30日"
    sheet = workbook(tmp_path / "账本.xlsx", rows)

    code = run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service", "--write")
    out = capsys.readouterr().out

    assert code == 1
    assert "账本.xlsx 第 6 行：“支出（元）”列的 12.345 不能精确到分" in out
    assert "账本.xlsx 第 7 行：日期“2026年2月30日”不存在" in out
    assert "第 4 行：" not in out and "第 5 行：" not in out
    assert "什么都没有写入" in out
    assert ledger(data).read_bytes() == before


def test_a_good_ledger_is_shown_first_then_written_with_exact_amounts(write_community, tmp_path, capsys):
    data = write_community()
    before = ledger(data).read_bytes()
    sheet = workbook(tmp_path / "账本.xlsx", GOOD_ROWS)

    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service") == 0
    preview = capsys.readouterr().out
    assert ledger(data).read_bytes() == before  # a preview writes nothing
    for amount in ('+    amount: "3000.00"', '+    amount: "-1280.50"', '+    amount: "-0.30"',
                   '+    amount: "-1234.56"'):
        assert amount in preview
    assert "+  - date: 2026-04-15" in preview and "+  - date: 2026-05-08" in preview
    assert "跳过第 3 行（上年结转）" in preview and "跳过第 8 行（本月合计）" in preview
    assert "没有导入的个人信息列：身份证号" in preview
    assert "110101199003071234" not in preview
    assert "--write" in preview

    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service", "--write") == 0
    capsys.readouterr()
    text = ledger(data).read_text(encoding="utf-8")
    assert before.decode("utf-8").splitlines()[0] == text.splitlines()[0]
    assert text.count("voucher: \"记-10") == 4 and "110101199003071234" not in text
    assert run("check", str(data)) == 0

    capsys.readouterr()
    written = ledger(data).read_bytes()
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service", "--write") == 0
    out = capsys.readouterr().out
    assert "已有 4 行，跳过：这些行已记在 finances/2026.yml（第 4–7 行）" in out
    assert "表里的行都已经记录过了" in out and ledger(data).read_bytes() == written


def test_a_ledger_belongs_to_one_fund_named_when_there_are_several(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "账本.xlsx", GOOD_ROWS, title="二季度账")
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG) == 2
    out = capsys.readouterr().out
    assert "service（党组织服务群众经费）、dues（党费）" in out and "--fund" in out

    sheet = workbook(tmp_path / "账本.xlsx", GOOD_ROWS)  # titled 2026年党组织服务群众经费收支明细账
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG) == 0
    out = capsys.readouterr().out
    assert "按标题，这是“党组织服务群众经费”（service）的账。" in out and "+    fund: service" in out


def test_missing_columns_are_named_with_the_ways_to_supply_them(write_community, tmp_path, capsys):
    data = write_community()
    header = ["日期", "凭证号", "开支事项", "类别", "借方", "贷方", "经手人"]
    sheet = workbook(tmp_path / "a.xlsx", [[datetime(2026, 4, 2), "记-9", "拨付", "上级拨付", 10, None, "陈志远"]],
                     header=header, title=None)
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service") == 2
    out = capsys.readouterr().out
    assert "“摘要”" in out and "“审批人”" in out and "--map" in out and "--set" in out

    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service",
               "--map", "开支事项=摘要", "--set", "审批人=周玉兰") == 0
    out = capsys.readouterr().out
    assert '+    summary: "拨付"' in out and '+    approver: "周玉兰"' in out and '+    amount: "10.00"' in out


def test_personal_data_in_a_cell_is_reported_at_its_row(write_community, tmp_path, capsys):
    data = write_community()
    rows = [[datetime(2026, 4, 2), "记-9", "慰问 联系人手机 13812345678", "慰问支出", None, 50, None, "陈志远", "周玉兰"]]
    sheet = workbook(tmp_path / "a.xlsx", rows)
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service") == 1
    out = capsys.readouterr().out
    assert "a.xlsx 第 3 行：“摘要”里有个人手机号 138****5678" in out


def test_members_from_a_gbk_csv_leave_personal_columns_out(write_community, tmp_path, capsys):
    data = write_community()
    sheet = tmp_path / "名册.csv"
    sheet.write_bytes("姓名,所在支部,入党时间,党员类别,身份证号,手机号码,工作单位\n"
                      "张建国,小园社区党支部,1998年7月,正式党员,110101199003071234,13812345678,\n"
                      "刘芳,zb,2010-05-01,在职党员,,,示例区第一小学\n".encode("gb18030"))
    assert run("import", "members", str(sheet), str(data), "--community", SLUG, "--write") == 0
    out = capsys.readouterr().out
    assert "没有导入的个人信息列：身份证号、手机号码" in out
    roster = (data / "communities" / SLUG / "members.yml").read_text(encoding="utf-8")
    assert 'name: "张建国"' in roster and 'joined: "1998"' in roster and 'category: "在职报到"' in roster
    assert "13812345678" not in roster and "110101199003071234" not in roster
    assert run("check", str(data)) == 0


def test_activities_are_validated_with_the_same_rules(write_community, tmp_path, capsys):
    data = write_community()
    header = ["活动日期", "活动类型", "活动主题", "应到人数", "实到人数", "共建单位"]
    rows = [[datetime(2026, 11, 5), "主题党日活动", "消防安全", 20, 18, "示例区人民医院党委"],
            ["2026/11/12", "座谈会", "居民议事", 10, 12, "某单位"]]
    sheet = workbook(tmp_path / "活动.xlsx", rows, header=header, title=None)
    assert run("import", "activities", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "第 3 行：“活动类型”的值“座谈会”不在可选范围内" in out
    assert "第 3 行：实到人数 12 多于应到人数 10" in out
    assert "第 3 行：“共建单位”列的“某单位”不是本社区的共建单位：可写 pt-yy（示例区人民医院党委）" in out
    assert "第 2 行" not in out

    sheet = workbook(tmp_path / "活动.xlsx", rows[:1], header=header, title=None)
    assert run("import", "activities", str(sheet), str(data), "--community", SLUG, "--write") == 0
    text = (data / "communities" / SLUG / "activities" / "2026.yml").read_text(encoding="utf-8")
    assert "- id: a2026-1105" in text and "kind: 主题党日" in text and "partners: [pt-yy]" in text
    assert "attendance: {present: 18, expected: 20}" in text
    assert run("check", str(data)) == 0


# --- cells ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, expected", [
    (1280.5, "1280.50"), (0.3, "0.30"), (3000, "3000.00"), (-0.0, "0.00"), ("1,234.5", "1234.50"),
    # what Excel shows (15 digits) of a formula's float, or of an exported amount written with 16 digits
    (0.1 + 0.2, "0.30"), (11.9 * 3, "35.70"), (72845.14999999999, "72845.15"),
    ("¥35", "35.00"), ("１２.３４", "12.34"), (Decimal("7.1"), "7.10"),
])
def test_amounts_are_exact_to_the_fen(cell, expected):
    assert str(h.amount(cell)) == expected


@pytest.mark.parametrize("cell, code", [
    (12.345, "import-inexact-amount"), (0.30000000001, "import-inexact-amount"), ("12.345", "import-inexact-amount"),
    ("三十元", "import-bad-amount"), (True, "import-bad-amount"),
])
def test_amounts_that_cannot_be_exact_are_refused(cell, code):
    with pytest.raises(h.CellError) as exc:
        h.amount(cell)
    assert exc.value.code == code


@pytest.mark.parametrize("cell", ["2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305",
                                  "２０２６年３月５日", "2026/3/5 10:00", datetime(2026, 3, 5, 0, 0), "3月5日"])
def test_dates_in_every_common_spelling(cell):
    assert h.day(cell, 2026).isoformat() == "2026-03-05"


@pytest.mark.parametrize("cell, code", [("2026-02-30", "no-such-date"), ("三月五日", "import-bad-date"),
                                        (46086, "import-date-number"), ("3月5日", "import-bad-date")])
def test_dates_that_are_not_dates(cell, code):
    with pytest.raises(h.CellError) as exc:
        h.day(cell, None)
    assert exc.value.code == code


def test_every_import_message_renders_in_both_languages():
    import generator.clerk.importer  # noqa: F401  (registers the codes)
    from generator.problems import Problem

    params = {"column": "支出", "value": "x", "year": "2026", "what": "党组织", "known": "zb", "file": "f",
              "index": "1", "voucher": "记-1", "date": "2026-03-05", "title": "t", "id": "a1", "name": "张三",
              "formula": "=11.9*3", "first": "4", "what_en": "date", "fund": "党费", "balance": "-¥1.00"}
    codes = [c for c in MESSAGES if c.startswith("import-")]
    assert len(codes) >= 15
    for code in codes:
        for lang in ("zh", "en"):
            text = Problem(code, "a.xlsx", 3, 1, params=params).message(lang)
            assert "{" not in text and text != code


def test_a_csv_with_a_title_row_above_the_header_is_read(write_community, tmp_path, capsys):
    """Excel's “CSV UTF-8” of a ledger keeps the title row: one cell, no comma, which the
    delimiter sniffer alone cannot place."""
    data = write_community()
    sheet = tmp_path / "账.csv"
    sheet.write_text("2026年党组织服务群众经费收支明细账\n"
                     "日期,凭证号,摘要,类别,收入（元）,支出（元）,经办人,审批人\n"
                     "2026-11-20,记-99,购买慰问品,慰问,,120.00,李会计,王书记\n", encoding="utf-8-sig")
    assert run("import", "finances", str(sheet), str(data), "--community", SLUG, "--fund", "service") == 0
    out = capsys.readouterr().out
    assert "购买慰问品" in out and "-120.00" in out
