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
    members: dict[str, str] = field(default_factory=dict)  # id → name (the roster)
    needs: dict[str, str] = field(default_factory=dict)  # id → title (需求清单, every year)
    resources: dict[str, str] = field(default_factory=dict)  # id → title (资源清单, every year)

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


def service_record(row: Row) -> dict:
    when = _date(row)
    return {
        "id": row.take("id"), "member": _member(row), "date": when.isoformat() if when else None,
        "hours": row.take("hours", h.hours, required=True), "what": row.take("what", required=True),
        "workplace": row.take("workplace"), "need": row.take("need"), "audience": _audience(row),
    }


def _member(row: Row):
    """A member by id or by full name, exactly: a part of a name could be someone else."""
    written = row.take("member", required=True)
    if written is None:
        return None
    known = row.ctx.members
    found = [i for i, name in known.items() if written in (i, name)]
    if len(found) != 1:
        row.problem("member", "import-unknown-name", value=written, what="党员（同名时请写党员编号）",
                    known="党员名册里的姓名或编号")
        return None
    return found[0]


def need_record(row: Row) -> dict:
    kind = row.take("kind")
    return {
        "id": row.take("id"), "kind": kind, "title": row.take("title", required=True), "place": row.take("place"),
        "raised": _day(row, "raised", required=True), "raised_by": row.take("raised_by", required=True),
        "claimer": _exactly(row, "claimer", {**row.ctx.members, **row.ctx.partners}, "党员或共建单位"),
        "claimed": _day(row, "claimed"), "fulfilled": _day(row, "fulfilled"), "result": row.take("result"),
        "audience": _audience(row),
    }


def resource_record(row: Row) -> dict:
    offered = _day(row, "offered")
    record = {
        "id": row.take("id"), "title": row.take("title", required=True),
        "offered_by": _one_of(row, "offered_by", {**row.ctx.partners, **row.ctx.units, **row.ctx.posts},
                              "共建单位、组织或岗位"),
        "capacity": row.take("capacity"), "offered": offered, "audience": _audience(row),
    }
    if offered is None and not row.has("offered"):
        record["_year"] = _year_for_undated(row, "offered")
    return record


# A project's stages as a sheet writes them: one date column per stage, in the order they happen.
STAGE_COLUMNS = (("claimed", "认领"), ("implemented", "实施"), ("done", "完成"), ("evaluated", "评价"))


def project_record(row: Row) -> dict:
    stages = []
    for name, stage in STAGE_COLUMNS:
        when = _day(row, name, required=name == "claimed")
        if when is not None:
            note = row.take("evaluation") if stage == "评价" else None
            stages.append({"stage": stage, "date": when, **({"note": note} if note else {})})
    return {
        "id": row.take("id"), "title": row.take("title", required=True),
        "need": _exactly(row, "need", row.ctx.needs, "需求清单里的需求", required=True),
        "resource": _exactly(row, "resource", row.ctx.resources, "资源清单里的资源", required=True),
        "owner": _one_of(row, "owner", {**row.ctx.units, **row.ctx.posts}, "组织或岗位"),
        "stages": stages, "result": row.take("result"), "audience": _audience(row),
    }


def duty_record(row: Row) -> dict:
    """One duty: on a date, or every such weekday of a month (then the year comes from --year or the title)."""
    weekday, holidays = row.take("weekday"), row.take("holidays")
    record = {
        "id": row.take("id"), "kind": row.take("kind") or "值班",
        "date": _day(row, "date") if row.has("date") else None, "month": row.take("month", lambda v: h.text(v).removesuffix("月")),
        "weekday": h.WEEKDAY_WORDS.get(weekday, weekday) if weekday else None,
        "holidays": h.HOLIDAY_WORDS.get(holidays, holidays) if holidays else None,
        "start": row.take("start", h.clock, required=True), "end": row.take("end", h.clock, required=True),
        "posts": _many_of(row, "posts", row.ctx.posts, "岗位"), "members": _members(row, "members"),
        "place": row.take("place", required=True), "phone": row.take("phone", required=True),
        "note": row.take("note"), "audience": _audience(row),
    }
    if not row.has("date"):
        record["_year"] = _year_for_undated(row, "date")
    return record


def deliberation_record(row: Row) -> dict:
    """One 议题 a row: participants as groups with counts, options with their votes, the feedback in three columns."""
    when = _day(row, "date", required=True)
    options = row.take("options", h.options) or []
    return {
        "id": row.take("id"), "topic": row.take("topic", required=True), "source": row.take("source", required=True),
        "date": when, "form": row.take("form", required=True), "place": row.take("place"),
        "participants": row.take("participants", h.participants, required=True), "options": options,
        "decision": _decision(row, options), "decision_note": row.take("decision_note"),
        "carried_by": _carrier(row), "feedback": _feedback(row), "audience": _audience(row),
    }


def _decision(row: Row, options: list[dict]):
    """The option chosen, by its text or its letter; 暂缓 as written; anything else left for the check to name."""
    written = row.take("decision")
    chosen = [o["id"] for o in options if written in (o["id"], o["text"])]
    return chosen[0] if len(chosen) == 1 else written


def _carrier(row: Row):
    written = row.take("carried_by")
    if written is None:
        return None
    known = {**row.ctx.units, **row.ctx.posts, **row.ctx.partners}
    found = resolve(known, written)
    if found is None:
        row.problem("carried_by", "import-unknown-name", value=written, what="组织、岗位或共建单位", known=_listed(known))
    return found


def _feedback(row: Row):
    """反馈日期 and 反馈方式 go together: one without the other is an empty cell to fill."""
    if not (row.has("feedback_date") or row.has("feedback_ways") or row.has("feedback_content")):
        return None
    when = _day(row, "feedback_date", required=True)
    ways = row.take("feedback_ways", h.split_list, required=True)
    if when is None or not ways:
        return None
    content = row.take("feedback_content")
    return {"date": when, "ways": ways, **({"content": content} if content else {})}


def _day(row: Row, name: str, required: bool = False):
    year = row.ctx.year or row.ctx.columns.year_hint
    when = row.take(name, lambda v: h.day(v, year), required=required)
    return when.isoformat() if when else None


def _year_for_undated(row: Row, name: str) -> str | None:
    """The year whose file a record without a date goes into: --year, else the year in the sheet's title."""
    year = row.ctx.year or row.ctx.columns.year_hint
    if year is None:
        row.problem(name, "import-year-unknown")
    return str(year) if year else None


def _exactly(row: Row, name: str, known: dict[str, str], what: str, required: bool = False):
    """An id, or a name or title written in full: a part of one could be another's."""
    written = row.take(name, required=required)
    if written is None:
        return None
    found = [i for i, title in known.items() if written in (i, title)]
    if len(found) != 1:
        row.problem(name, "import-unknown-name", value=written, what=what, known=_listed(known))
        return None
    return found[0]


def _members(row: Row, name: str) -> list[str]:
    found = []
    for written in h.split_list(row.raw(name)) if row.has(name) else []:
        ids = [i for i, full in row.ctx.members.items() if written in (i, full)]
        if len(ids) != 1:
            row.problem(name, "import-unknown-name", value=written, what="党员（同名时请写党员编号）",
                        known="党员名册里的姓名或编号")
        else:
            found.append(ids[0])
    return found


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


# Columns a grid sheet heads by role: each cell names the post (id or name) or the member holding it.
ROLE_COLUMNS = ("leader", "worker", "building_head")


def grid_record(row: Row) -> dict:
    """One grid: its buildings (定格), the posts and members answering for it (定人), its duties (定责)."""
    posts = _many_of(row, "posts", row.ctx.posts, "岗位")
    members = _members(row, "members")
    for name in ROLE_COLUMNS:
        for kind, found in _post_or_member(row, name):
            (posts if kind == "post" else members).append(found)
    return {
        "id": row.take("id"), "name": row.take("name", required=True),
        "area": row.take("area", h.buildings, required=True), "members": list(dict.fromkeys(members)),
        "posts": list(dict.fromkeys(posts)), "duties": row.take("duties"), "phone": row.take("phone"),
        "audience": _audience(row),
    }


def _post_or_member(row: Row, name: str) -> list[tuple[str, str]]:
    """A 网格长/网格员/楼栋长 cell: a post of the organisation first, else a member by full name or id."""
    found = []
    for written in h.split_list(row.raw(name)) if row.has(name) else []:
        post = resolve(row.ctx.posts, written)
        members = [i for i, full in row.ctx.members.items() if written in (i, full)]
        if post is not None:
            found.append(("post", post))
        elif len(members) == 1:
            found.append(("member", members[0]))
        else:
            row.problem(name, "import-unknown-name", value=written, what="岗位或党员（同名时请写党员编号）",
                        known=f"岗位 {_listed(row.ctx.posts)}，或党员名册里的姓名、编号")
    return found


def _listed(known: dict[str, str]) -> str:
    return "、".join(f"{i}（{n}）" if n and n != i else i for i, n in known.items()) or "（还没有）"


CONVERTERS = {"finances": finance_record, "activities": activity_record, "members": member_record,
              "service": service_record, "need": need_record, "resource": resource_record,
              "project": project_record, "duty": duty_record, "deliberation": deliberation_record,
              "grid": grid_record}


def convert(ctx: Context, number: int, cells: tuple) -> tuple[dict, list[Problem]]:
    row = Row(ctx, number, cells)
    record = CONVERTERS[ctx.kind](row)
    return {k: v for k, v in record.items() if v not in (None, [], "")}, row.problems
