"""`dangwu export finances`: a year's ledger as an .xlsx a treasurer can open, one sheet per fund.

The sheet reads like the paper ledger (上年结转, each entry with its running balance, 本年合计)
and imports back with ``dangwu import``. Amounts are Excel numbers formatted #,##0.00, so a
treasurer can add them up. Excel keeps a binary float and shows 15 significant digits; openpyxl
writes 16 (72845.15 becomes 72845.14999999999 in the file). Any amount of at most 15 digits is
therefore shown, summed (SUM's float error is far below a fen) and read back by the importer,
which takes what Excel shows, as exactly the same fen; larger amounts are refused.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.views.ledger import fund_ledger

HEADERS = ["日期", "凭证号", "摘要", "类别", "收入", "支出", "余额", "经办人", "审批人", "项目", "公开范围"]
WIDTHS = [12, 12, 36, 14, 14, 14, 14, 10, 10, 12, 10]
AUDIENCES = {"members": "党内", "public": "公开"}  # as the importer reads them back
MONEY_FORMAT = "#,##0.00"
MONEY_COLUMNS = (5, 6, 7)  # 1-based: 收入, 支出, 余额


class InexactAmount(ValueError):
    """An amount Excel cannot show to the fen (more than 15 digits: beyond 10^13 yuan)."""


def excel_number(amount: Decimal) -> float:
    """The float for ``amount``, refused unless Excel shows it (15 digits) as exactly the same amount."""
    number = float(amount)
    stored = float(f"{number:.16g}")  # the text openpyxl writes into the file, as Excel reads it
    if Decimal(f"{stored:.15g}") != amount:
        raise InexactAmount(f"{amount} 超过 15 位数字，在 Excel 里无法精确到分")
    return number


def sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules for sheet names: at most 31 characters, none of []:*?/\\, unique."""
    title = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "经费"
    base, n = title, 1
    while title in used:
        n += 1
        title = f"{base[:28]}({n})"
    used.add(title)
    return title


def ledger_rows(ledger) -> list[list]:
    """The rows of one fund's sheet, amounts still exact Decimals."""
    rows = [[None, None, "上年结转", None, None, None, ledger.opening, None, None, None, None]]
    for line in ledger.lines:
        e = line.entry
        income = e.amount if e.amount > 0 else None
        spending = -e.amount if e.amount < 0 else None
        rows.append([e.date, e.voucher, e.summary, e.category, income, spending, line.balance,
                     e.handler, e.approver, e.project, AUDIENCES.get(e.audience)])
    rows.append([None, None, "本年合计", None, ledger.income, ledger.spending, ledger.closing, None, None, None, None])
    return rows


def write_workbook(finance_file, year: int, title: str, out: Path) -> list[str]:
    """Write the workbook; returns the sheet names (one per fund, every fund: this is the treasurer's copy)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    blank = book.active  # a new workbook comes with one empty sheet
    if blank is not None:
        book.remove(blank)
    used: set[str] = set()
    for fund in finance_file.funds:
        ledger = fund_ledger(finance_file, fund, audience="members", year=year)
        sheet = book.create_sheet(sheet_title(fund.name, used))
        sheet.append([f"{year}年{fund.name}收支明细（{title}）"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(HEADERS)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        for values in ledger_rows(ledger):
            sheet.append([excel_number(v) if isinstance(v, Decimal) else v for v in values])
        _format(sheet)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return book.sheetnames


def _format(sheet) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        if isinstance(row[0].value, date):
            row[0].number_format = "yyyy-mm-dd"
        for col in MONEY_COLUMNS:
            row[col - 1].number_format = MONEY_FORMAT
    sheet.freeze_panes = "A3"


def run(root: Path, year: int, out: Path, log=print) -> int:
    from generator.load.dataset import load_community
    from generator.problems import errors

    community, problems = load_community(root)
    ledger = community.finances.get(year)
    if ledger is None:
        wrong = [p for p in errors(problems) if f"finances/{year}.yml" in p.file.replace("\\", "/")]
        if wrong:
            log(f"finances/{year}.yml 有错误，不能导出：请先运行 dangwu check 改正。")
            return 1
        known = "、".join(str(y) for y in sorted(community.finances)) or "（还没有）"
        log(f"{root.name} 没有 {year} 年的账目：已有 {known}。")
        return 2
    try:
        sheets = write_workbook(ledger, year, community.info.name if community.info
                                else root.name, out)
    except InexactAmount as exc:
        log(f"{exc}：没有导出。")
        return 1
    log(f"已导出 {out}：{'、'.join(sheets)}（含仅党内公开的经费，请勿直接公开这个文件）")
    return 0
