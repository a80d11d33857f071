"""Reading a clerk's sheet: the rows of an .xlsx or .csv, and which column holds which field.

The header is found wherever it is within the first rows (a title such as “2026年…明细账” often
stands above it, and gives the year when the sheet has only 月 and 日 columns).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from generator import import_headers as h
from generator.import_rows import Columns

REQUIRED_COLUMNS = {
    "finances": ["summary", "voucher", "handler", "approver", "category"],
    "activities": ["title", "kind"],
    "members": ["name"],
}
NOT_IMPORTED = {"balance": "由明细算出，不导入"}
HEADER_SCAN = 20  # the header is within the first rows; above it there may be a title


class ImportStop(Exception):
    """The sheet as a whole cannot be imported (file, columns, fund): the message says what to do."""


# --- reading --------------------------------------------------------------------------------

def read_sheet(path: Path, sheet_name: str | None = None) -> list[tuple[int, tuple]]:
    """(row number as Excel shows it, cells) for every row of the first (or the named) sheet."""
    if not path.is_file():
        raise ImportStop(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet_name)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix in (".xls", ".et", ".wps"):
        raise ImportStop(f"{path.name} 是旧的 Excel/WPS 格式：请在 Excel 或 WPS 里“另存为” .xlsx 后再导入。")
    raise ImportStop(f"{path.name}：只能导入 .xlsx 或 .csv 文件。")


def _read_xlsx(path: Path, sheet_name: str | None):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file: say so instead of a traceback
        raise ImportStop(f"打不开 {path.name}（{type(exc).__name__}）：请在 Excel 里打开后另存为 .xlsx 再试。") from None
    if sheet_name and sheet_name not in book.sheetnames:
        raise ImportStop(f"{path.name} 里没有名为“{sheet_name}”的工作表：有 {'、'.join(book.sheetnames)}。")
    sheet = book[sheet_name] if sheet_name else book.worksheets[0]
    return [(number, tuple(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]


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
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，") if text.strip() else csv.excel
    return [(number, tuple(row)) for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]


# --- columns --------------------------------------------------------------------------------

def find_columns(rows, kind: str, mapping: dict[str, str]) -> Columns:
    """The header row (the first with two known headers) and which column holds which field."""
    wanted = {h.normal_header(column): _mapped_field(kind, name) for column, name in mapping.items()}
    for index, (number, cells) in enumerate(rows[:HEADER_SCAN]):
        found = _known_columns(cells, kind, wanted)
        if len(found) >= 2:
            columns = Columns({}, {}, number, _year_in(rows[:index]))
            for col, cell in enumerate(cells):
                _place(columns, col, h.text(cell) if not h.is_blank(cell) else "", found.get(col))
            return columns
    names = "、".join(names[0] for names in h.HEADERS[kind].values())
    raise ImportStop(f"在前 {HEADER_SCAN} 行里没找到表头：表头应是 {names} 这样的列名；"
                     "别的列名请用 --map 列名=字段 指明，如 --map 用途=summary。")


def _mapped_field(kind: str, name: str) -> str:
    found = h.field_for(name, kind)
    if not found:
        known = "、".join(f"{f}（{names[0]}）" for f, names in h.HEADERS[kind].items())
        raise ImportStop(f"--map 里的“{name}”不是可导入的字段：可写 {known}。")
    return found


def _known_columns(cells, kind: str, wanted: dict[str, str]) -> dict[int, str]:
    found = {}
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
    if kind in ("finances", "activities") and "date" not in have and not {"month", "day"} <= have:
        missing.insert(0, "date")
    if kind == "finances" and not have & {"income", "spending", "amount"}:
        missing.append("income")
    if kind != "finances" and "unit" not in have and len(units) != 1:
        missing.append("unit")
    if missing:
        listed = "、".join(f"“{h.label(kind, m)}”" for m in missing)
        raise ImportStop(f"表里没有 {listed} 列：请在表里加上；列名不同时用 --map 列名={missing[0]} 指明；"
                         f"每行都一样时可用 --set {missing[0]}=值。")
