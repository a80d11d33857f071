"""Reading a clerk's sheet: the rows of an .xlsx or .csv, and which column holds which field.

The header is found wherever it is within the first rows (a title such as “2026年…明细账” often
stands above it, and gives the year when the sheet has only 月 and 日 columns).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.clerk import import_headers as h
from generator.clerk.import_rows import Columns

REQUIRED_COLUMNS = {
    "finances": ["summary", "voucher", "handler", "approver", "category"],
    "activities": ["title", "kind"],
    "members": ["name"],
    "service": ["member", "hours", "what"],
    "need": ["title", "raised", "raised_by"],
    "resource": ["title", "offered_by"],
    "project": ["title", "need", "resource", "claimed"],
    "duty": ["start", "end", "place", "phone"],
    "deliberation": ["topic", "source", "form", "participants"],
    "grid": ["name", "area"],
}
NOT_IMPORTED = {"balance": "由明细算出，不导入"}
HEADER_SCAN = 20  # the header is within the first rows; above it there may be a title


class ImportStop(Exception):
    """The sheet as a whole cannot be imported (file, columns, fund): the message says what to do."""


# --- reading --------------------------------------------------------------------------------

@dataclass
class Sheet:
    """The rows of the sheet read, and what the clerk is told about the workbook around it."""

    name: str  # the file's name, and the sheet's when the workbook has several
    rows: list[tuple[int, tuple]]  # (row number as Excel shows it, cells)
    title: str = ""  # the worksheet's name (an .xlsx only)
    others: list[str] = field(default_factory=list)  # the workbook's other worksheets


def read_sheet(path: Path, sheet_name: str | None = None, prefer=None) -> Sheet:
    """The named sheet, else the first whose name ``prefer(name)`` accepts, else the first.

    Cells merged over several rows (a date written once for the day's entries) are read in every
    row they cover; a formula whose result the file does not hold is read as ``Uncomputed``.
    """
    if not path.is_file():
        raise ImportStop(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet_name, prefer)
    if suffix in (".csv", ".txt"):
        return Sheet(path.name, _read_csv(path))
    if suffix in (".xls", ".et", ".wps"):
        raise ImportStop(f"{path.name} 是旧的 Excel/WPS 格式：请在 Excel 或 WPS 里“另存为” .xlsx 后再导入。")
    raise ImportStop(f"{path.name}：只能导入 .xlsx 或 .csv 文件。")


def _read_xlsx(path: Path, sheet_name: str | None, prefer) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
        formulas = load_workbook(path)  # the same file with formulas as written, to tell “no result” from blank
    except Exception as exc:  # a damaged or mislabelled file: say so instead of a traceback
        raise ImportStop(f"打不开 {path.name}（{type(exc).__name__}）：请在 Excel 里打开后另存为 .xlsx 再试。") from None
    names = book.sheetnames
    if sheet_name and sheet_name not in names:
        raise ImportStop(f"{path.name} 里没有名为“{sheet_name}”的工作表：有 {'、'.join(names)}。")
    preferred = [n for n in names if prefer and prefer(n)]
    title = sheet_name or (preferred[0] if len(preferred) == 1 else names[0])
    sheet = book[title]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    _mark_uncomputed(rows, formulas[title])
    _fill_merged(rows, sheet.merged_cells.ranges)
    numbered = [(number, tuple(row)) for number, row in enumerate(rows, start=1)]
    shown = path.name if len(names) == 1 else f"{path.name}[{title}]"
    return Sheet(shown, numbered, title, [n for n in names if n != title])


def _mark_uncomputed(rows: list[list], written) -> None:
    for r, row in enumerate(written.iter_rows(values_only=True)):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("=") and r < len(rows) and rows[r][c] is None:
                rows[r][c] = h.Uncomputed(value)


def _fill_merged(rows: list[list], ranges) -> None:
    """A cell merged down several rows (a date written once for the day's entries) read in each row.

    Only down, in its own column: a cell merged across columns (a title, 金额 over 收入 | 支出, a
    summary spilling into 类别) says nothing about the columns beside it. Numbers are left in the
    first row: copying an amount into each row would book it several times.
    """
    for merged in ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if merged.max_row == merged.min_row or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            continue
        for r in range(top + 1, min(merged.max_row, len(rows))):
            if left < len(rows[r]):
                rows[r][left] = value


def _read_csv(path: Path):
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on a Chinese Windows saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportStop(f"{path.name} 的编码认不出：请在 Excel 里另存为“CSV UTF-8”。")
    return [(number, tuple(row)) for number, row in enumerate(csv.reader(io.StringIO(text), _dialect(text)), start=1)]


def _dialect(text: str):
    """The sniffed dialect; a title row above the header (one cell, no delimiter) confuses the
    sniffer, and then the delimiter that occurs most often in the text decides."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",\t;，") if text.strip() else csv.excel
    except csv.Error:
        counts = {d: text.count(d) for d in ",\t;"}
        return csv.excel_tab if max(counts, key=lambda d: counts[d]) == "\t" else csv.excel


# --- columns --------------------------------------------------------------------------------

def find_columns(rows, kind: str, mapping: dict[str, str]) -> Columns:
    """The header row (the first with two known headers) and which column holds which field."""
    wanted = {h.normal_header(column): _mapped_field(kind, name) for column, name in mapping.items()}
    for index, (number, cells) in enumerate(rows[:HEADER_SCAN]):
        found = _known_columns(cells, kind, wanted)
        if len(found) >= 2:
            below = rows[index + 1] if index + 1 < len(rows) else (number + 1, ())
            if _is_sub_header(cells, below[1], kind, wanted):  # 金额 over 收入 | 支出
                number, cells = below[0], _combined(cells, below[1])
                found = _known_columns(cells, kind, wanted)
            columns = Columns({}, {}, number, _year_in(rows[:index]))
            for col, cell in enumerate(cells):
                _place(columns, col, h.text(cell) if not h.is_blank(cell) else "", found.get(col))
            return columns
    names = "、".join(names[0] for names in h.HEADERS[kind].values())
    raise ImportStop(f"在前 {HEADER_SCAN} 行里没找到表头：表头应是 {names} 这样的列名；"
                     "别的列名请用 --map 列名=字段 指明，如 --map 用途=summary。")


def _is_sub_header(above, below, kind: str, wanted: dict[str, str]) -> bool:
    """A second header row: headers under a merged group, and nothing else but the groups' own text."""
    if not _known_columns(below, kind, wanted):
        return False
    for col, cell in enumerate(below):
        if h.is_blank(cell):
            continue
        same = col < len(above) and not h.is_blank(above[col]) and h.text(above[col]) == h.text(cell)
        known = isinstance(cell, str) and (h.normal_header(cell) in wanted or h.field_for(cell, kind))
        if not (same or known):
            return False
    return True


def _combined(above, below) -> tuple:
    width = max(len(above), len(below))
    cell = lambda row, col: row[col] if col < len(row) else None  # noqa: E731
    return tuple(cell(below, c) if not h.is_blank(cell(below, c)) else cell(above, c) for c in range(width))


def _mapped_field(kind: str, name: str) -> str:
    found = h.field_for(name, kind)
    if not found:
        known = "、".join(f"{f}（{names[0]}）" for f, names in h.HEADERS[kind].items())
        raise ImportStop(f"--map 里的“{name}”不是可导入的字段：可写 {known}。")
    return found


def _known_columns(cells, kind: str, wanted: dict[str, str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for col, cell in enumerate(cells):
        if h.is_blank(cell):
            continue
        name = wanted.get(h.normal_header(cell)) or h.field_for(h.text(cell), kind)
        if name and name not in found.values():
            found[col] = name
    return found


def _place(columns: Columns, col: int, header: str, name: str | None) -> None:
    if not header:
        return
    if name in NOT_IMPORTED:
        columns.ignored.append(f"{header}（{NOT_IMPORTED[name]}）")
    elif name:
        columns.fields[name], columns.headers[name] = col, header
    elif h.is_personal(header):
        columns.personal.append(header)
    else:
        columns.ignored.append(f"{header}（不认识；如要导入，用 --map {header}=字段）")


def _year_in(rows) -> int | None:
    for _, cells in rows:
        for cell in cells:
            match = re.search(r"((19|20)\d{2})\s*年", h.text(cell)) if not h.is_blank(cell) else None
            if match:
                return int(match.group(1))
    return None


def check_columns(columns: Columns, kind: str, constants: dict[str, str], units: dict[str, str]) -> None:
    have = set(columns.fields) | set(constants)
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in have]
    if kind in ("finances", "activities", "service", "deliberation") and "date" not in have and not {"month", "day"} <= have:
        missing.insert(0, "date")
    if kind == "finances" and not have & {"income", "spending", "amount"}:
        missing.append("income")
    if kind in ("activities", "members") and "unit" not in have and len(units) != 1:
        missing.append("unit")
    if kind == "duty" and "date" not in have and not {"month", "weekday"} <= have:
        missing.insert(0, "date")
    if kind == "duty" and not have & {"posts", "members"}:
        missing.append("posts")
    if missing:
        listed = "、".join(f"“{h.label(kind, m)}”" for m in missing)
        raise ImportStop(f"表里没有 {listed} 列：请在表里加上；列名不同时用 --map 列名={missing[0]} 指明；"
                         f"每行都一样时可用 --set {missing[0]}=值。")
