"""One spreadsheet row → one record, as the loader would have read it from YAML (every value text).

Each converter collects every problem of its row (a clerk fixes a whole row in one pass);
a cell that cannot be taken exactly raises a ``CellError`` that becomes a Problem naming
the sheet, the row as Excel numbers it, and the column as the sheet heads it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.clerk import import_headers as h
from generator.problems import Problem
from generator.records.normalise import resolve  # shared with `dangwu check`


@dataclass
class Columns:
    fields: dict[str, int]  # field → 0-based column
    headers: dict[str, str]  # field → the header as the sheet writes it
    header_row: int
    year_hint: int | None = None  # a year in the title above the header ("2026年…明细账")
    ignored: list[str] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)


@dataclass
class Context:
    kind: str
    sheet: str  # the name problems show
    columns: Columns
    constants: dict[str, str]  # --set field=value, for every row
    year: int | None
    units: dict[str, str]  # id → name
    partners: dict[str, str] = field(default_factory=dict)
    posts: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str:
        return self.columns.headers.get(name) or h.label(self.kind, name)


@dataclass
class Row:
    """The cells of one row, read by field; problems gathered as they are found."""

    ctx: Context
    number: int
    cells: tuple
    problems: list[Problem] = field(default_factory=list)

    def raw(self, name: str):
        if name in self.ctx.columns.fields:
            index = self.ctx.columns.fields[name]
            value = self.cells[index] if index < len(self.cells) else None
            if not h.is_blank(value):
                return value
        return self.ctx.constants.get(name)

    def has(self, name: str) -> bool:
        return not h.is_blank(self.raw(name))

    def col(self, name: str) -> int:
        return self.ctx.columns.fields.get(name, -1) + 1

    def problem(self, name: str, code: str, **params) -> None:
        params = {k: str(v) for k, v in params.items()}
        self.problems.append(Problem(code, self.ctx.sheet, self.number, self.col(name), path=self.ctx.header(name),
                                     params={"column": self.ctx.header(name), **params}))

    def take(self, name: str, convert=h.text, required: bool = False):
        """The cell converted, or None (noting why when it is required or cannot be read)."""
        value = self.raw(name)
        if h.is_blank(value):
            if required:
                self.problem(name, "import-empty")
            return None
        if isinstance(value, h.Uncomputed):  # =11.9*3 with no result saved: nothing to take, say so
            self.problem(name, "import-formula-no-value", formula=value)
            return None
        try:
            return convert(value)
        except h.CellError as exc:
            self.problem(name, exc.code, **exc.params)
            return None


def is_blank_row(cells) -> bool:
    return all(h.is_blank(c) for c in cells)


def finance_record(row: Row) -> dict:
    """Without ``fund``: which fund a sheet belongs to is decided once, for the whole sheet."""
    when = _date(row)
    amount = _amount(row)
    record = {"date": when.isoformat() if when else None, "amount": f"{amount}" if amount is not None else None}
    for name in ("category", "summary", "voucher", "handler", "approver"):
        record[name] = row.take(name, required=True)
    record["project"] = row.take("project")
    record["audience"] = _audience(row)
    return record


def _date(row: Row):
    year = row.ctx.year or row.ctx.columns.year_hint
    if row.has("date"):
        when = row.take("date", lambda v: h.day(v, year))
    elif row.has("month") and row.has("day"):
        if not year:
            row.problem("month", "import-no-year")
            return None
        written = f"{h.text(row.raw('month'))}月{h.text(row.raw('day'))}日"
        try:
            when = h.day(written, year)
        except h.CellError as exc:
            row.problem("month", exc.code, **exc.params)
            return None
    else:
        row.problem("date", "import-empty")
        return None
    if when and row.ctx.year and when.year != row.ctx.year:
        row.problem("date", "import-wrong-year", value=when.isoformat(), year=row.ctx.year)
        return None
    return when


def _amount(row: Row):
    """Income positive, spending negative: from 收入/支出 columns, or 金额 (with 收支 when given)."""
    filled = [name for name in ("income", "spending", "amount") if row.has(name)]
    if not filled:
        row.problem("income" if "income" in row.ctx.columns.fields else "amount", "import-no-amount")
        return None
    if len(filled) > 1:
        row.problem(filled[1], "import-two-amounts")
        return None
    name = filled[0]
    value = row.take(name, h.amount)
    if value is None:
        return None
    if name == "amount":
        return _signed(row, value)
    if value < 0:
        row.problem(name, "import-negative-amount", value=f"{value}")
        return None
    return value if name == "income" else -value


def _signed(row: Row, value):
    if not row.has("direction"):
        return value
    word = h.text(row.raw("direction"))
    if word.startswith("收"):
        return abs(value)
    if word.startswith("支"):
        return -abs(value)
    row.problem("direction", "import-bad-direction", value=word)
    return None


def _audience(row: Row):
    word = row.take("audience")
    return h.AUDIENCES.get(word, word) if word else None


def activity_record(row: Row) -> dict:
    when = _date(row)
    kind = row.take("kind", required=True)
    record = {
        "id": row.take("id"), "date": when.isoformat() if when else None,
        "kind": h.ACTIVITY_KINDS.get(kind, kind) if kind else None,
        "unit": _one_of(row, "unit", row.ctx.units, "党组织"),
        "title": row.take("title", required=True), "location": row.take("location"),
        "attendance": _attendance(row), "summary": row.take("summary"),
        "partners": _many_of(row, "partners", row.ctx.partners, "共建单位"), "audience": _audience(row),
    }
    return record


def _attendance(row: Row):
    present, expected = row.take("present", h.count), row.take("expected", h.count)
    if present is None and expected is None:
        return None
    if present is None or expected is None:
        row.problem("expected" if present is not None else "present", "import-empty")
        return None
    return {"present": str(present), "expected": str(expected)}


def member_record(row: Row) -> dict:
    category = row.take("category")
    return {
        "id": row.take("id"), "name": row.take("name", required=True),
        "unit": _one_of(row, "unit", row.ctx.units, "党组织"),
        "category": h.MEMBER_CATEGORIES.get(category, category) if category else None,
        "joined": row.take("joined", h.year_of), "posts": _many_of(row, "posts", row.ctx.posts, "责任岗位"),
        "workplace": row.take("workplace"), "points": row.take("points"), "audience": _audience(row),
    }


def _one_of(row: Row, name: str, known: dict[str, str], what: str):
    written = row.take(name)
    if written is None:
        if len(known) == 1:
            return next(iter(known))
        row.problem(name, "import-empty")
        return None
    found = resolve(known, written)
    if found is None:
        row.problem(name, "import-unknown-name", value=written, what=what, known=_listed(known))
    return found


def _many_of(row: Row, name: str, known: dict[str, str], what: str) -> list[str]:
    found = []
    for written in h.split_list(row.raw(name)) if row.has(name) else []:
        one = resolve(known, written)
        if one is None:
            row.problem(name, "import-unknown-name", value=written, what=what, known=_listed(known))
        else:
            found.append(one)
    return found


def _listed(known: dict[str, str]) -> str:
    return "、".join(f"{i}（{n}）" if n and n != i else i for i, n in known.items()) or "（还没有）"


CONVERTERS = {"finances": finance_record, "activities": activity_record, "members": member_record}


def convert(ctx: Context, number: int, cells: tuple) -> tuple[dict, list[Problem]]:
    row = Row(ctx, number, cells)
    record = CONVERTERS[ctx.kind](row)
    return {k: v for k, v in record.items() if v not in (None, [], "")}, row.problems
