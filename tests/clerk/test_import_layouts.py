"""`dangwu import` on ledgers as clerks really keep them, into real communities.

Every case runs the command a clerk types and reads what it prints: two-row headers, merged
date cells, formulas, several sheets, a sheet kept all year and imported again, and the sheets
that must be refused (the wrong fund, a signed 支出, a pasted row, a balance below zero).
"""
from __future__ import annotations

import difflib
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.cli import main
from tests.conftest import TODAY

SAMPLES = Path(__file__).resolve().parents[2] / "data"
SLUG = "xiaoyuan"


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def imported(sheet: Path, data: Path, slug: str = SLUG, *more: str, kind: str = "finances") -> int:
    return run("import", kind, str(sheet), str(data), "--community", slug, *more)


def ledger_text(data: Path, slug: str = SLUG, year: int = 2026) -> str:
    return (data / "communities" / slug / "finances" / f"{year}.yml").read_text(encoding="utf-8")


def with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas the results Excel saves with them (openpyxl writes formulas without any)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                for formula, value in values.items():
                    data = data.replace(f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
            out.writestr(item, data)
    shutil.move(tmp, path)


def bank_style_ledger(path: Path, cached: bool = True) -> Path:
    """A treasurer's sheet: a title, 金额 merged over 收入 | 支出, a date written once for two rows,
    a formula for an amount (11.9 × 3 is 35.699999999999996 as Excel's float)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "二季度"
    sheet.append(["2026年党组织服务群众经费明细账"])
    sheet.merge_cells("A1:H1")
    sheet.append(["日期", "凭证号", "摘要", "类别", "金额", None, "经办人", "审批人"])
    sheet.append([None, None, None, None, "收入", "支出", None, None])
    for col in "ABCDGH":
        sheet.merge_cells(f"{col}2:{col}3")
    sheet.merge_cells("E2:F2")
    sheet.append([datetime(2026, 4, 2), "记-101", "二季度拨付", "上级拨付", 3000, None, "陈志远", "周玉兰"])
    sheet.append([None, "记-102", "购买矿泉水三箱", "活动经费", None, "=11.9*3", "陈志远", "周玉兰"])
    sheet.merge_cells("A4:A5")
    sheet.append([datetime(2026, 4, 9), "记-103", "打印宣传材料", "办公用品", None, 120, "陈志远", "周玉兰"])
    book.save(path)
    if cached:
        with_cached_values(path, {"11.9*3": repr(11.9 * 3)})
    return path


def simple_ledger(path: Path, rows: list[list], title: str = "2026年党组织服务群众经费收支明细", sheet_title=None):
    book = Workbook()
    sheet = book.active
    if sheet_title:
        sheet.title = sheet_title
    sheet.append([title])
    sheet.append(["日期", "凭证号", "摘要", "类别", "收入", "支出", "经办人", "审批人"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def entry(day: int, voucher: str, summary: str, income=None, spending=None) -> list:
    return [datetime(2026, 5, day), voucher, summary, "活动经费" if spending is not None else "上级拨付",
            income, spending, "陈志远", "周玉兰"]


# --- 1. importing into real communities (with warnings) ------------------------------------------

def test_import_into_a_new_community_with_its_template_warnings(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["new", "community", "xinyuan", str(data), "--date", "2026-01-05"]) == 0
    assert run("check", str(data)) == 0 and "警告" in capsys.readouterr().out  # the template's warnings
    sheet = simple_ledger(tmp_path / "账本.xlsx", [entry(6, "记-1", "街道拨付", income=5000),
                                                   entry(8, "记-2", "志愿服务饮用水", spending=35.7)])

    code = imported(sheet, data, "xinyuan", "--fund", "service", "--write")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "已写入 2 条：finances/2026.yml（2 条）" in out
    assert 'amount: "5000.00"' in ledger_text(data, "xinyuan") and 'amount: "-35.70"' in ledger_text(data, "xinyuan")


@pytest.mark.parametrize("slug", sorted(p.name for p in (SAMPLES / "communities").iterdir()))
def test_import_into_every_sample_community(slug, tmp_path, capsys):
    shutil.copytree(SAMPLES, tmp_path / "data")
    data = tmp_path / "data"
    book = Workbook()
    book.active.append(["活动日期", "活动类型", "活动主题", "应到人数", "实到人数"])
    book.active.append([datetime(2026, 11, 20), "主题党日活动", "冬季消防安全宣传", 20, 18])
    sheet = tmp_path / "活动.xlsx"
    book.save(sheet)
    unit = next(iter(_units(data / "communities" / slug)))

    code = imported(sheet, data, slug, "--set", f"党组织={unit}", "--write", kind="activities")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "已写入 1 条：activities/2026.yml（1 条）" in out
    text = (data / "communities" / slug / "activities" / "2026.yml").read_text(encoding="utf-8")
    assert 'title: "冬季消防安全宣传"' in text and "kind: 主题党日" in text
    assert run("check", str(data), "--community", slug) == 0
    capsys.readouterr()
    assert imported(sheet, data, slug, "--set", f"党组织={unit}", "--write", kind="activities") == 0
    assert "已有 1 行，跳过：这些行已记在 activities/2026.yml（第 2 行）" in capsys.readouterr().out


def _units(root: Path) -> list[str]:
    from generator.clerk.new import items, raw

    return [u["id"] for u in items(raw(root / "organization.yml"), "units")]


# --- 3. a sheet kept all year, imported again ------------------------------------------------------

def test_an_exported_year_extended_by_one_row_adds_exactly_that_row(tmp_path, capsys):
    shutil.copytree(SAMPLES, tmp_path / "data")
    data = tmp_path / "data"
    book_path = tmp_path / "收支明细.xlsx"
    assert main(["export", "finances", str(data), "--community", "hepingli", "--year", "2026",
                 "--out", str(book_path)]) == 0
    book = load_workbook(book_path)
    sheet = book["党组织服务群众经费"]
    total = sheet.max_row  # 本年合计 stays last: the clerk adds the new line above it
    sheet.insert_rows(total)
    for col, value in enumerate([datetime(2026, 11, 20), "记-2026-900", "冬季慰问困难群众", "慰问支出",
                                 None, 800, None, "付金凤", "韩志强"], start=1):
        sheet.cell(total, col, value)
    book.save(book_path)
    before = ledger_text(data, "hepingli")
    entries = before.count("\n  - date:")
    capsys.readouterr()

    code = imported(book_path, data, "hepingli", "--fund", "service", "--write")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "读的是工作表“党组织服务群众经费”；这个文件里还有：党费、共建经费" in out
    assert "已有 35 行，跳过：这些行已记在 finances/2026.yml（第 4–38 行）" in out
    assert "已写入 1 条：finances/2026.yml（1 条）" in out
    after = ledger_text(data, "hepingli")
    changed = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[:1] in "+-"]
    assert all(d.startswith("+ ") for d in changed) and after.count("\n  - date:") == entries + 1
    assert 'voucher: "记-2026-900"' in after and 'amount: "-800.00"' in after

    assert imported(book_path, data, "hepingli", "--fund", "service", "--write") == 0
    assert "已有 36 行，跳过" in capsys.readouterr().out and ledger_text(data, "hepingli") == after


# --- 4. real layouts ---------------------------------------------------------------------------------

def test_two_row_header_merged_dates_and_a_formulas_saved_value(write_community, tmp_path, capsys):
    data = write_community()
    sheet = bank_style_ledger(tmp_path / "明细账.xlsx")
    code = imported(sheet, data, SLUG, "--fund", "service", "--write")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "表头在第 3 行，认出的列：日期、凭证号、摘要、类别、收入、支出、经办人、审批人" in out
    text = ledger_text(data)
    new = text[text.index('"记-101"') - 200:]
    assert new.count("date: 2026-04-02") == 2  # the merged date, in both rows it covers
    assert 'amount: "-35.70"' in new and 'amount: "3000.00"' in new and 'amount: "-120.00"' in new
    assert run("check", str(data)) == 0


def test_an_amount_merged_down_two_rows_is_not_booked_twice(write_community, tmp_path, capsys):
    data = write_community()
    sheet = simple_ledger(tmp_path / "a.xlsx", [entry(6, "记-701", "购买茶叶", spending=56),
                                                entry(6, "记-702", "购买纸杯", spending=None)])
    book = load_workbook(sheet)
    book.active.merge_cells("F3:F4")
    book.save(sheet)
    assert imported(sheet, data, SLUG, "--fund", "service") == 1
    out = capsys.readouterr().out
    assert "a.xlsx 第 4 行：这一行没有金额" in out and "第 3 行：" not in out


def test_a_formula_without_a_saved_value_is_named_with_its_row(write_community, tmp_path, capsys):
    data = write_community()
    before = ledger_text(data)
    sheet = bank_style_ledger(tmp_path / "明细账.xlsx", cached=False)
    assert imported(sheet, data, SLUG, "--fund", "service", "--write") == 1
    out = capsys.readouterr().out
    assert "明细账.xlsx 第 5 行：“支出”是公式 =11.9*3，但文件里没有保存它算出的值" in out
    assert "请在 Excel 或 WPS 里打开这个文件、保存后再导入" in out and "什么都没有写入" in out
    assert ledger_text(data) == before


def test_the_sheet_read_is_named_and_another_is_chosen_with_sheet(write_community, tmp_path, capsys):
    data = write_community()
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本账本按月登记"])
    other = book.create_sheet("五月")
    other.append(["日期", "凭证号", "摘要", "类别", "收入", "支出", "经办人", "审批人"])
    other.append(entry(6, "记-201", "五月拨付", income=200))
    path = tmp_path / "账本.xlsx"
    book.save(path)

    assert imported(path, data, SLUG, "--fund", "service") == 2
    out = capsys.readouterr().out
    assert "没找到表头" in out
    assert imported(path, data, SLUG, "--fund", "service", "--sheet", "六月") == 2
    assert "账本.xlsx 里没有名为“六月”的工作表：有 说明、五月。" in capsys.readouterr().out
    assert imported(path, data, SLUG, "--fund", "service", "--sheet", "五月") == 0
    out = capsys.readouterr().out
    assert "读的是工作表“五月”；这个文件里还有：说明（要读别的，用 --sheet 工作表名）" in out
    assert 'summary: "五月拨付"' in out


@pytest.mark.parametrize("where", ["title", "sheet"])
def test_a_sheet_of_another_fund_is_refused(where, write_community, tmp_path, capsys):
    data = write_community()
    before = ledger_text(data)
    rows = [entry(6, "记-301", "五月党费", income=120)]
    if where == "title":
        sheet = simple_ledger(tmp_path / "a.xlsx", rows, title="2026年党费收支明细")
    else:
        sheet = simple_ledger(tmp_path / "a.xlsx", rows, title="五月账", sheet_title="党费")
    assert imported(sheet, data, SLUG, "--fund", "service", "--write") == 2
    out = capsys.readouterr().out
    label = "标题“2026年党费收支明细”" if where == "title" else "工作表名“党费”"
    assert f"{label}说这是“党费”的账，而 --fund service 是“党组织服务群众经费”：请核对。要导入“党费”，用 --fund dues" in out
    assert ledger_text(data) == before


def test_spending_takes_its_sign_from_the_column_and_a_signed_one_is_refused(write_community, tmp_path, capsys):
    data = write_community()
    sheet = simple_ledger(tmp_path / "a.xlsx", [entry(6, "记-401", "购买茶叶", spending=56)])
    assert imported(sheet, data, SLUG, "--fund", "service") == 0
    assert '+    amount: "-56.00"' in capsys.readouterr().out

    sheet = simple_ledger(tmp_path / "a.xlsx", [entry(6, "记-401", "购买茶叶", spending=-56)])
    assert imported(sheet, data, SLUG, "--fund", "service", "--write") == 1
    out = capsys.readouterr().out
    assert "a.xlsx 第 3 行：“支出”列的 -56.00 带负号，看不出是收还是支" in out and "什么都没有写入" in out


def test_a_pasted_duplicate_row_is_shown_and_written_only_when_confirmed(write_community, tmp_path, capsys):
    data = write_community()
    before = ledger_text(data)
    row = entry(6, "记-501", "购买茶叶", spending=56)
    sheet = simple_ledger(tmp_path / "a.xlsx", [row, entry(7, "记-502", "打印", spending=8), list(row)])

    assert imported(sheet, data, SLUG, "--fund", "service") == 0
    out = capsys.readouterr().out
    assert "a.xlsx 第 5 行（提示）：和第 3 行的日期、金额、凭证号和摘要完全一样：多半是粘贴时重复了" in out
    assert "--keep-duplicates" in out
    assert imported(sheet, data, SLUG, "--fund", "service", "--write") == 1
    assert "有 1 行和前面的行完全一样：什么都没有写入" in capsys.readouterr().out
    assert ledger_text(data) == before

    assert imported(sheet, data, SLUG, "--fund", "service", "--write", "--keep-duplicates") == 0
    assert "已写入 3 条" in capsys.readouterr().out
    assert ledger_text(data).count('voucher: "记-501"') == 2


def test_a_balance_below_zero_is_refused_at_the_row_that_takes_it_there(write_community, tmp_path, capsys):
    data = write_community()  # dues: 1200.00 opening, 360.00 in on 2026-03-31
    before = ledger_text(data)
    rows = [entry(6, "记-601", "购买党员学习资料", spending=1000), entry(9, "记-602", "订阅党报党刊", spending=800)]
    sheet = simple_ledger(tmp_path / "党费.xlsx", rows, title="2026年党费明细")
    assert imported(sheet, data, SLUG, "--fund", "dues", "--write") == 1
    out = capsys.readouterr().out
    assert "党费.xlsx 第 4 行：记上这一笔后，“党费”在 2026-05-09 的余额是 -¥240.00：余额不能是负数" in out
    assert "第 3 行：" not in out and ledger_text(data) == before
