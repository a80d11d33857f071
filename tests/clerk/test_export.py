"""`dangwu export finances`: one sheet per fund a treasurer can open, amounts exact numbers."""
from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from generator.clerk.export import InexactAmount, excel_number, sheet_title
from generator.cli import main
from generator.load.dataset import load_community
from generator.views.ledger import fund_ledger
from tests.conftest import TODAY

SLUG = "xiaoyuan"
SAMPLES = Path(__file__).resolve().parents[2] / "data"


def exact(value) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def test_export_writes_one_sheet_per_fund_with_running_balances(write_community, tmp_path, capsys):
    data = write_community()
    out = tmp_path / "收支明细.xlsx"
    assert main(["export", "finances", str(data), "--community", SLUG, "--year", "2026", "--out", str(out)]) == 0
    assert "党内" in capsys.readouterr().out  # the file holds members-only funds: said so

    community, _ = load_community(data / "communities" / SLUG)
    finance = community.finances[2026]
    book = load_workbook(out)
    assert book.sheetnames == [f.name for f in finance.funds]
    for fund in finance.funds:
        sheet = book[fund.name]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == f"2026年{fund.name}收支明细（小园社区）"
        assert list(rows[1]) == ["日期", "凭证号", "摘要", "类别", "收入", "支出", "余额", "经办人", "审批人", "项目",
                                 "公开范围"]
        ledger = fund_ledger(finance, fund, audience="members")
        assert rows[2][2] == "上年结转" and exact(rows[2][6]) == ledger.opening
        for row, line in zip(rows[3:], ledger.lines, strict=False):  # the totals row follows the lines
            assert row[0] == datetime.combine(line.entry.date, datetime.min.time())
            assert row[1] == line.entry.voucher and row[2] == line.entry.summary
            income, spending = row[4], row[5]
            assert (exact(income) if income is not None else -exact(spending)) == line.entry.amount
            assert exact(row[6]) == line.balance
        total = rows[3 + len(ledger.lines)]
        assert total[2] == "本年合计"
        assert (exact(total[4]), exact(total[5]), exact(total[6])) == (ledger.income, ledger.spending, ledger.closing)
        assert sheet["G3"].number_format == "#,##0.00" and sheet["A4"].number_format == "yyyy-mm-dd"


def test_an_exported_ledger_imports_back_as_the_entries_already_there(write_community, tmp_path, capsys):
    data = write_community()
    out = tmp_path / "收支明细.xlsx"
    main(["export", "finances", str(data), "--community", SLUG, "--year", "2026", "--out", str(out)])
    capsys.readouterr()
    before = (data / "communities" / SLUG / "finances" / "2026.yml").read_bytes()
    code = main(["import", "finances", str(out), str(data), "--community", SLUG, "--fund", "service", "--write",
                 "--today", TODAY.isoformat()])
    text = capsys.readouterr().out
    assert code == 0
    community, _ = load_community(data / "communities" / SLUG)
    service = [e for e in community.finances[2026].entries if e.fund == "service"]
    assert f"已有 {len(service)} 行，跳过" in text and "表里的行都已经记录过了" in text
    assert "跳过第 3 行（上年结转）" in text and "本年合计" in text
    assert (data / "communities" / SLUG / "finances" / "2026.yml").read_bytes() == before


@pytest.mark.parametrize("slug", ["hepingli", "liushu", "qingshuiyuan"])
@pytest.mark.parametrize("year", [2025, 2026])
def test_every_sample_year_exports_and_excel_shows_and_sums_it_to_the_fen(slug, year, tmp_path, capsys):
    """What Excel does with the file: reads each number from its text, shows 15 digits as #,##0.00,
    and SUM adds the floats; every shown amount and every column total must be the ledger's."""
    out = tmp_path / "收支明细.xlsx"
    assert main(["export", "finances", str(SAMPLES), "--community", slug, "--year", str(year),
                 "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    community, _ = load_community(SAMPLES / "communities" / slug)
    finance = community.finances[year]
    book = load_workbook(out)
    for fund in finance.funds:
        ledger = fund_ledger(finance, fund, audience="members", year=year)
        rows = list(book[fund.name].iter_rows(min_row=4, max_row=3 + len(ledger.lines), values_only=True))
        assert [excel_shows(r[4]) if r[4] is not None else -excel_shows(r[5]) for r in rows] == \
            [line.entry.amount for line in ledger.lines]
        assert [excel_shows(r[6]) for r in rows] == [line.balance for line in ledger.lines]
        income = sum((r[4] for r in rows if r[4] is not None), 0.0)  # Excel's =SUM(E4:E…), a float sum
        spending = sum((r[5] for r in rows if r[5] is not None), 0.0)
        assert (excel_shows(income), excel_shows(spending)) == (ledger.income, ledger.spending)
        assert book[fund.name]["E4"].number_format == "#,##0.00"


def excel_shows(number: float) -> Decimal:
    """A number as Excel displays it in a #,##0.00 cell: its 15 significant digits, to the fen."""
    return Decimal(f"{number:.15g}").quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_missing_year_is_named(write_community, capsys):
    data = write_community()
    assert main(["export", "finances", str(data), "--community", SLUG, "--year", "2019"]) == 2
    assert "没有 2019 年的账目：已有 2026" in capsys.readouterr().out


def test_amounts_go_to_excel_only_when_they_come_back_exact():
    assert excel_number(Decimal("1280.50")) == 1280.5
    assert excel_number(Decimal("-0.30")) == -0.3
    assert excel_number(Decimal("72845.15")) == 72845.15  # openpyxl writes 72845.14999999999: Excel shows 72845.15
    assert excel_number(Decimal("9999999999999.99")) == 9999999999999.99
    with pytest.raises(InexactAmount):
        excel_number(Decimal("123456789012345678.90"))


def test_sheet_names_follow_excels_rules():
    used: set[str] = set()
    assert sheet_title("党费[2026]", used) == "党费_2026_"
    assert sheet_title("党费[2026]", used) == "党费_2026_(2)"
    assert len(sheet_title("很" * 40, used)) == 31


@settings(max_examples=500, deadline=None)
@given(st.decimals(min_value=-(10**13) + 1, max_value=10**13 - 1, places=2, allow_nan=False, allow_infinity=False))
def test_any_amount_below_ten_trillion_survives_the_file_and_the_importer(amount):
    from generator.clerk.import_headers import amount as read_amount

    written = f"{excel_number(amount):.16g}"  # the cell's text in the .xlsx, as openpyxl writes it
    assert read_amount(float(written)) == amount
    assert excel_shows(float(written)) == amount
