"""`dangwu import`: the sheet a clerk already keeps (Excel or CSV) → records, shown first, written on --write.

Every row is converted exactly (amounts to the fen, dates as written in any common way),
validated with the same models and rules as ``dangwu check``, and reported by the row number
Excel shows. Nothing is written while any row is bad, and nothing without ``--write``.
Rows already recorded are skipped (import_match), so a sheet kept all year imports again and
again; the sheet's fund is checked against what its name or title says (import_fund).
"""
from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from generator.clerk import import_headers as h
from generator.clerk.import_fund import assign_fund, fund_names, sheet_fund
from generator.clerk.import_match import already_recorded, namesakes, record_year, repeats
from generator.clerk.import_rows import Columns, Context, convert, is_blank_row
from generator.clerk.import_sheet import ImportStop, Sheet, check_columns, find_columns, read_sheet
from generator.clerk.new import (
    KINDS,
    activity_id,
    grid_id,
    ids_of,
    items,
    member_id,
    new_file_text,
    raw,
    year_items,
    yearly_id,
)
from generator.clerk.yamledit import CannotAppend, append_items, quoted, read_text, write_text
from generator.load.yamlfile import Loaded
from generator.problems import WARNING, Problem, display_path, errors, messages
from generator.records.errors import to_problems

messages.add({
    "import-empty": ("“{column}”是空的：这一项必填，请在表里填上。", "'{column}' is empty: it is required."),
    "import-inexact-amount": (
        "“{column}”列的 {value} 不能精确到分（多半是公式算出来的）：请在 Excel 里把这一格改成最多两位小数的数字，"
        "如 0.30，或用 =ROUND(…,2)。",
        "'{column}' holds {value}, which is not exact to the fen: make it a number with at most two decimals.",
    ),
    "import-bad-amount": ("“{column}”列的“{value}”不是金额：请写成数字，最多两位小数，如 1280.50。",
                          "'{column}' holds '{value}', which is not an amount: write e.g. 1280.50."),
    "import-negative-amount": ("“{column}”列的 {value} 带负号，看不出是收还是支：表里有“收入”“支出”两列时，金额都写正数，"
                               "记在哪一列就是收还是支；退回的钱请记在另一列。",
                               "'{column}' holds a negative {value}, which is ambiguous: write income and spending "
                               "as positive numbers in their own columns."),
    "import-no-amount": ("这一行没有金额：请在收入或支出（或金额）列填写。", "this row has no amount."),
    "import-two-amounts": ("这一行收入和支出都填了：一行只记一笔，请分成两行。",
                           "this row has both income and spending: one row per entry."),
    "import-bad-direction": ("“{column}”列的“{value}”看不出是收入还是支出：请写“收入”或“支出”。",
                             "'{column}' is '{value}': write 收入 or 支出."),
    "import-bad-date": ("“{column}”列的“{value}”不是日期：请写成 2026-03-05、2026/3/5 或 2026年3月5日，"
                        "或把这一格设成 Excel 的日期格式。",
                        "'{column}' holds '{value}', which is not a date: write e.g. 2026-03-05."),
    "import-date-number": ("“{column}”列的 {value} 是一个数字而不是日期：请在 Excel 里把这一列设成日期格式。",
                           "'{column}' holds the number {value}, not a date: format the column as dates."),
    "import-no-year": ("表里只有月、日，看不出是哪一年：请用 --year 2026 指明。",
                       "the sheet has month and day only: give the year with --year."),
    "import-wrong-year": ("日期 {value} 不在 --year 指定的 {year} 年：请核对。", "date {value} is not in {year}."),
    "import-bad-count": ("“{column}”列的“{value}”不是人数：请写整数，如 18。",
                         "'{column}' holds '{value}': write a whole number."),
    "import-bad-year": ("“{column}”列的“{value}”里没有年份：请写成 1998 或 1998年7月。",
                        "'{column}' holds '{value}': write a year such as 1998."),
    "import-unknown-name": ("“{column}”列的“{value}”不是本社区的{what}：可写 {known}。",
                            "'{column}': '{value}' is no known {what} here (known: {known})."),
    "import-formula-no-value": (
        "“{column}”是公式 {formula}，但文件里没有保存它算出的值（多半是别的程序生成、没在 Excel 里保存过）："
        "请在 Excel 或 WPS 里打开这个文件、保存后再导入，或把这一格改成数字。",
        "'{column}' is the formula {formula} but the file holds no computed value: open and save it in Excel first.",
    ),
    "import-bad-hours": ("“{column}”列的“{value}”不是时长：请写小时数，最多一位小数，如 2、1.5。",
                         "'{column}' holds '{value}', which is not a number of hours: write e.g. 2 or 1.5."),
    "import-bad-participants": ("“{column}”列的“{value}”看不出群体和人数：请写成“党员代表12、居民代表20”，只写人数，不写姓名。",
                                "'{column}': '{value}' is not a group and a count: write e.g. 党员代表12、居民代表20."),
    "import-bad-options": ("“{column}”列的“{value}”看不出方案和票数：请写成“方案一：赞成18 反对2 弃权1；方案二：赞成3”，"
                           "未表决的方案只写方案内容。",
                           "'{column}': '{value}' is not an option with votes: write e.g. 方案一：赞成18 反对2 弃权1."),
    "import-year-unknown": ("这一行没有日期，看不出该记进哪一年的文件：请填写“{column}”，或用 --year 2026 指明。",
                            "this row has no date, so its year is unknown: fill in '{column}' or give --year."),
    "import-household-column": (
        "“{column}”列看起来是住户名单：网格只导入楼栋、负责人和职责，不登记住户、户主或门牌"
        "（谁住在哪里是个人信息，不能写进记录，也不能公开）。请从表里删去这一列（住户台账留在社区内部）后再导入。",
        "'{column}' looks like a list of households: grids hold buildings, the people responsible and their "
        "duties, never who lives where. Delete the column and import again.",
    ),
    "import-negative-balance": (
        "记上这一笔后，“{fund}”在 {date} 的余额是 {balance}：余额不能是负数。多半是收入漏记，或金额、日期写错了，请核对。",
        "after this entry the {fund} balance on {date} is {balance}: a balance cannot be negative.",
    ),
})

# What each import adds, as `dangwu new` names it.
IMPORTS = {"finances": "entry", "activities": "activity", "members": "member", "service": "service",
           "need": "need", "resource": "resource", "project": "project", "duty": "duty",
           "deliberation": "deliberation", "grid": "grid"}
PLAIN = {"id", "date", "fund", "project", "audience", "kind", "unit", "member", "raised", "claimed", "fulfilled",
         "offered", "offered_by", "claimer", "need", "resource", "owner", "stage", "month", "weekday",
         "holidays", "present", "expected", "count", "yes", "no", "abstain", "ways", "carried_by",
         "source", "form"}  # written without quotes
TEXT_LISTS = {"area"}  # lists of text as the clerk wrote it (a grid's buildings), each item quoted
# Ids a row may leave out, numbered within the year as `dangwu new` numbers them: kind → (folder, list, prefix).
YEARLY_IDS = {"service": ("service", "services", "s"), "need": ("lists", "needs", "n"),
              "resource": ("lists", "resources", "r"), "project": ("lists", "projects", "p"),
              "duty": ("rota", "duties", "z"), "deliberation": ("deliberations", "deliberations", "d")}


# --- the plan: what would be added where ------------------------------------------------------

@dataclass
class FileChange:
    path: Path
    old: str
    new: str
    rows: list[tuple[int, int, int]] = field(default_factory=list)  # (first line, last line, sheet row)


@dataclass
class Plan:
    columns: Columns
    sheet: Sheet | None = None
    fund_note: str = ""  # how the fund was told from the sheet, when --fund was not given
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # warnings on the new lines: shown, not blocking
    repeats: list[Problem] = field(default_factory=list)  # rows pasted twice: written only when confirmed
    consequences: list[Problem] = field(default_factory=list)  # new errors elsewhere the rows would cause
    changes: list[FileChange] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    present: dict[str, list[int]] = field(default_factory=dict)  # file → sheet rows already recorded there
    count: int = 0


def plan_import(kind: str, sheet: Path, root: Path, *, fund: str | None = None, year: int | None = None,
                sheet_name: str | None = None, mapping: dict | None = None, constants: dict | None = None,
                today: date | None = None) -> Plan:
    names = fund_names(root) if kind == "finances" else {}
    wanted = names.get(fund) if fund is not None else None  # the fund's name, which its sheet's title holds
    prefer = (lambda title: wanted in title) if wanted is not None else None
    read = read_sheet(sheet, sheet_name, prefer)
    rows = read.rows
    constants = {h.field_for(name, kind) or name: value for name, value in (constants or {}).items()}
    ctx = _context(kind, read, root, mapping or {}, constants, year)
    plan = Plan(ctx.columns, read)
    plan.problems += _household_columns(kind, read, ctx)
    if kind == "finances":
        fund, plan.fund_note = sheet_fund(read, ctx.columns.header_row, names, fund)
    records = []
    for number, cells in rows:
        if number <= ctx.columns.header_row or is_blank_row(cells):
            continue
        if kind == "finances" and _is_total(ctx, cells):
            plan.skipped.append((number, h.text(cells[ctx.columns.fields["summary"]])))
            continue
        record, problems = convert(ctx, number, cells)
        problems += _validate(ctx, number, record, seen={p.path for p in problems})
        plan.problems += problems
        records.append((number, record, problems))
    good = [(n, r) for n, r, p in records if not p]
    assign_fund(kind, root, good, fund)
    good, plan.present = already_recorded(kind, root, good)
    _assign_ids(kind, root, good)
    plan.problems += namesakes(kind, root, ctx.sheet, good)
    plan.repeats = repeats(kind, ctx.sheet, good)
    if plan.problems:
        return plan
    plan.changes = _changes(kind, root, good, fund)
    plan.count = len(good)
    _check_together(plan, root, today or date.today(), ctx)
    return plan


def _context(kind, read: Sheet, root: Path, mapping, constants, year) -> Context:
    rows = read.rows
    org = raw(root / "organization.yml")
    units = {i: str(u.get("name", "")) for u in items(org, "units") if isinstance(i := u.get("id"), str)}
    posts = {i: str(p.get("name", "")) for p in items(org, "posts") if isinstance(i := p.get("id"), str)}
    partners = {i: str(p.get("name", "")) for p in items(raw(root / "partners.yml"), "partners")
                if isinstance(i := p.get("id"), str)}
    columns = find_columns(rows, kind, mapping)
    unknown = [name for name in constants if name not in h.HEADERS[kind]]
    if unknown:
        raise ImportStop(f"--set 里的“{unknown[0]}”不是可导入的字段：可写 {'、'.join(h.HEADERS[kind])}。")
    check_columns(columns, kind, constants, units)
    members = {i: str(m.get("name", "")) for m in items(raw(root / "members.yml"), "members")
               if isinstance(i := m.get("id"), str)}
    needs, resources = (_titles(year_items(root, "lists", key)) for key in ("needs", "resources"))
    return Context(kind, read.name, columns, constants, year, units, partners, posts, members, needs, resources)


def _household_columns(kind: str, read: Sheet, ctx: Context) -> list[Problem]:
    """A grid sheet's 住户/户主/门牌 column, however it is mapped: the whole sheet is refused, so that
    the list of who lives where is never read into a record (nor left in the sheet by oversight)."""
    if kind != "grid":
        return []
    header_row = ctx.columns.header_row
    cells = next((cells for number, cells in read.rows if number == header_row), ())
    return [Problem("import-household-column", ctx.sheet, header_row, col + 1, path=h.text(cell),
                    params={"column": h.text(cell)})
            for col, cell in enumerate(cells) if not h.is_blank(cell) and h.is_household(cell)]


def _titles(records: list[dict]) -> dict[str, str]:
    return {i: str(r.get("title", "")) for r in records if isinstance(i := r.get("id"), str)}


def _is_total(ctx: Context, cells) -> bool:
    index = ctx.columns.fields["summary"] if "summary" in ctx.columns.fields else None
    if index is None or index >= len(cells) or h.is_blank(cells[index]):
        return False
    return bool(h.TOTAL_ROW_RE.fullmatch(re.sub(r"\s+", "", h.text(cells[index]))))


def _assign_ids(kind: str, root: Path, good) -> None:
    """Ids in the community's pattern for rows that do not bring their own, numbered after the ids
    the files and the sheet already hold (yearly kinds in year order)."""
    pattern = _id_pattern(kind, root)
    if pattern is None:
        return
    existing, next_id, yearly = pattern
    taken = existing + [r["id"] for _, r in good if "id" in r]
    for _, record in sorted(good, key=lambda row: record_year(row[1])) if yearly else good:
        if "id" not in record:
            record["id"] = next_id(taken, record)
            taken.append(record["id"])


def _id_pattern(kind: str, root: Path) -> tuple[list[str], Callable[[list[str], dict], str], bool] | None:
    """The ids already in use for ``kind``, how the next one is made, and whether it goes by year."""
    if kind == "activities":
        return (ids_of(year_items(root, "activities", "activities")),
                lambda taken, record: activity_id(taken, date.fromisoformat(record["date"])), False)
    if kind == "members":
        return ids_of(items(raw(root / "members.yml"), "members")), lambda taken, _: member_id(taken), False
    if kind == "grid":
        return ids_of(items(raw(root / "grids.yml"), "grids")), lambda taken, _: grid_id(taken), False
    if kind in YEARLY_IDS:
        folder, key, prefix = YEARLY_IDS[kind]
        return (ids_of(year_items(root, folder, key)),
                lambda taken, record: yearly_id(taken, record_year(record), prefix), True)
    return None


def _validate(ctx: Context, number: int, record: dict, seen: set[str]) -> list[Problem]:
    """The same model as ``dangwu check``, its problems placed at the sheet's row and column.

    Fields the sheet does not give (the fund, a generated id) are filled in later, and a column
    already reported is not reported twice: those are left out here.
    """
    model = KINDS[IMPORTS[ctx.kind]].model
    columns = ctx.columns.fields
    values = {(name,): (number, columns.get(name, -1) + 1) for name in model.model_fields}
    loaded = Loaded(ctx.sheet, record, values={(): (number, 1), **values})
    try:
        model.model_validate({k: v for k, v in record.items() if not k.startswith("_")})  # _year: where, not what
    except ValidationError as exc:
        found = [_relabel(p, ctx) for p in to_problems(exc, loaded, model) if p.code != "missing-field"]
        return [p for p in found if p.path not in seen]
    return []


def _relabel(problem: Problem, ctx: Context) -> Problem:
    """“entries[3].summary” → “摘要”: the column as the clerk's sheet heads it."""
    name = re.sub(r"\[\d+\]", "", problem.path).split(".")[-1]
    header = ctx.header(name) if name else ""
    return replace(problem, path=header, params={**problem.params, "column": header})


# --- YAML text --------------------------------------------------------------------------------

def record_lines(kind: str, record: dict) -> list[str]:
    """The record as the clerk would have typed it: model field order, amounts and text quoted."""
    lines = []
    for name in KINDS[IMPORTS[kind]].model.model_fields:
        if name in record:
            lines += _field_lines(name, record[name])
    return lines


def _field_lines(name: str, value) -> list[str]:
    if isinstance(value, dict):  # attendance, a deliberation's feedback
        return [_flow(name, value)]
    if isinstance(value, list) and value and isinstance(value[0], dict):  # stages, participants, options
        return [f"{name}:"] + [f"  - {{{', '.join(_flow(k, v) for k, v in one.items())}}}" for one in value]
    if isinstance(value, list):
        return [f"{name}: [{', '.join(quoted(v) if name in TEXT_LISTS else v for v in value)}]"]
    if name in PLAIN:
        return [f"{name}: {value}"]
    if "\n" in value and not any(line != line.strip() for line in value.split("\n")) and "\n\n" not in value:
        return [f"{name}: |-"] + [f"  {line}" for line in value.split("\n")]
    return [f"{name}: {quoted(value)}"]


def _flow(name: str, value) -> str:
    """One ``name: value`` of a flow mapping: nested mappings and lists (votes, ways) in flow style too."""
    if isinstance(value, dict):
        return f"{name}: {{{', '.join(_flow(k, v) for k, v in value.items())}}}"
    if isinstance(value, list):
        return f"{name}: [{', '.join(value)}]"
    return f"{name}: {value}" if name in PLAIN else f"{name}: {quoted(value)}"


def _changes(kind: str, root: Path, good, fund: str | None) -> list[FileChange]:
    spec = KINDS[IMPORTS[kind]]
    grouped: dict[Path, list] = {}
    for number, record in good:
        path = spec.path(root, record_year(record) if spec.file.per_year else 0)
        grouped.setdefault(path, []).append((number, record_lines(kind, record)))
    changes = []
    for path, rows in grouped.items():
        old = read_text(path)
        base = old or new_file_text(root, spec, int(path.stem) if spec.file.per_year else 0, fund)
        try:
            appended = append_items(base, spec.key, [lines for _, lines in rows])
        except CannotAppend as exc:
            raise ImportStop(f"{path}：{exc}") from None
        change, line = FileChange(path, old, appended.text), appended.line
        for number, lines in rows:
            change.rows.append((line, line + len(lines) - 1, number))
            line += len(lines)
        changes.append(change)
    return changes


# --- every rule, on the community as it would be -------------------------------------------

def _check_together(plan: Plan, root: Path, today: date, ctx: Context) -> None:
    """Every rule of ``dangwu check`` on a copy of the community with the new lines in it.

    Problems on a new line go to that sheet row; any other new error (a declared balance that
    no longer reconciles, say) blocks the import too, shown where it would appear. So does a
    balance that goes below zero where it did not before.
    """
    before, sunk = _community_problems(root, {}, today)
    wrong = [(file, p) for file, p in before if p.severity != WARNING]
    if wrong:
        file, first = wrong[0]
        raise ImportStop(f"这个社区的记录现在有 {len(wrong)} 个错误：请先运行 dangwu check 改正，再导入。"
                         f"第一个：{file}:{first.line}: {first.message()}")
    after, negative = _community_problems(root, {c.path: c.new for c in plan.changes}, today)
    already = {(file, p.params["key"]) for file, p in sunk}
    after += [(file, p) for file, p in negative if (file, p.params["key"]) not in already]
    for relative, problem in after:
        row = _row_of(plan, root, relative, problem.line)
        if row is not None:
            placed = _relabel(replace(problem, file=ctx.sheet, line=row, col=0), ctx)
            (plan.notes if problem.severity == WARNING else plan.problems).append(placed)
        elif problem.severity != WARNING:
            plan.consequences.append(replace(problem, file=relative))


def _community_problems(root: Path, replaced: dict[Path, str], today: date):
    """(file inside the community, problem) for a copy of the community with some files replaced:
    the problems ``dangwu check`` reports, and the first line of each fund and year whose balance is negative."""
    from generator.checks import check_community
    from generator.load.dataset import load_community

    with tempfile.TemporaryDirectory(prefix="dangwu-import-") as tmp:
        copy = Path(tmp) / "communities" / root.name
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("photos", ".*"))
        if (root / "photos").is_dir():
            (copy / "photos").symlink_to((root / "photos").resolve(), target_is_directory=True)
        for path, text in replaced.items():
            write_text(copy / path.relative_to(root), text)
        community, problems = load_community(copy)
        if not errors(problems):
            problems += check_community(community, today)
        negative = _negative_balances(community) if not errors(problems) else []
        return [(_relative(p.file, copy), p) for p in problems], [(_relative(p.file, copy), p) for p in negative]


def _negative_balances(community) -> list[Problem]:
    """The first entry of each fund and year after which the balance is below zero."""
    from generator.views.format import money
    from generator.views.ledger import fund_ledger

    found = []
    for year, finance in sorted(community.finances.items()):
        for fund in finance.funds:
            lines = fund_ledger(finance, fund, audience="members", year=year).lines
            line = next((x for x in lines if x.balance < 0), None)
            if line is not None:
                file, number, _ = line.entry.src
                found.append(Problem("import-negative-balance", file, number, 0, params={
                    "fund": fund.name, "date": str(line.entry.date), "balance": money(line.balance),
                    "key": (year, fund.id, line.index)}))
    return found


def _relative(file: str, copy: Path) -> str:
    try:
        return Path(file).resolve().relative_to(copy.resolve()).as_posix()
    except ValueError:
        return file


def _row_of(plan: Plan, root: Path, relative: str, line: int) -> int | None:
    for change in plan.changes:
        if change.path.relative_to(root).as_posix() == relative:
            for first, last, row in change.rows:
                if first <= line <= last:
                    return row
    return None


# --- the command ------------------------------------------------------------------------------

def diff(change: FileChange) -> str:
    """A unified diff, as git shows it: the new lines with one line of context around them."""
    name = display_path(change.path)
    before = f"a/{name}" if change.old else "/dev/null"
    return "".join(difflib.unified_diff(change.old.splitlines(keepends=True), change.new.splitlines(keepends=True),
                                        before, f"b/{name}", n=1))


def report_problem(problem: Problem) -> str:
    level = "（提示）" if problem.severity == WARNING else ""
    return f"{problem.file} 第 {problem.line} 行{level}：{problem.message()}"


def run(kind: str, sheet: Path, root: Path, *, fund=None, year=None, sheet_name=None, mapping=None,
        constants=None, write: bool = False, keep_duplicates: bool = False, today: date | None = None,
        out=print) -> int:
    try:
        plan = plan_import(kind, sheet, root, fund=fund, year=year, sheet_name=sheet_name, mapping=mapping,
                           constants=constants, today=today)
    except ImportStop as exc:
        out(str(exc))
        return 2
    _describe(plan, sheet, out)
    if plan.problems or plan.consequences:
        for problem in sorted(plan.problems, key=lambda p: (p.line, p.col)):
            out(report_problem(problem))
        for problem in plan.consequences:
            out(f"导入后 {problem.file} 第 {problem.line} 行会出错：{problem.message()}")
        rows = len({p.line for p in plan.problems})
        out(f"有 {rows} 行需要改正：什么都没有写入。请在表里改好后重新导入。" if rows else
            "导入这张表会让已有的记录出错：什么都没有写入。请核对表里的金额和日期，或先改正上面说的记录。")
        return 1
    if not plan.changes:
        out("表里的行都已经记录过了，没有要添加的。" if plan.present else "表里没有可以导入的行。")
        return 0
    for change in plan.changes:
        out(diff(change).rstrip("\n"))
    for note in plan.notes + plan.repeats:
        out(report_problem(note))
    if plan.repeats and write and not keep_duplicates:
        out(f"有 {len(plan.repeats)} 行和前面的行完全一样：什么都没有写入。请删去重复的行后重新导入；"
            "如确是另外的几笔，加上 --keep-duplicates 再运行。")
        return 1
    return _finish(plan, root, write, out)


def _describe(plan: Plan, sheet: Path, out) -> None:
    columns, read = plan.columns, plan.sheet
    if read is not None and read.others:
        out(f"读的是工作表“{read.title}”；这个文件里还有：{'、'.join(read.others)}（要读别的，用 --sheet 工作表名）")
    out(f"{sheet.name}：表头在第 {columns.header_row} 行，认出的列：{'、'.join(columns.headers.values())}")
    if plan.fund_note:
        out(plan.fund_note)
    if columns.personal:
        out(f"没有导入的个人信息列：{'、'.join(columns.personal)}（身份证号、手机、住址等不写进记录，也不会公开）")
    if columns.ignored:
        out(f"没有导入的列：{'、'.join(columns.ignored)}")
    for number, text in plan.skipped:
        out(f"跳过第 {number} 行（{text}）：合计、结转行不是一笔收支")
    count = sum(len(rows) for rows in plan.present.values())
    if count:
        where = "、".join(f"{file}（第 {_spans(rows)} 行）" for file, rows in plan.present.items())
        out(f"已有 {count} 行，跳过：这些行已记在 {where}")


def _spans(numbers: list[int]) -> str:
    """4、5、6、9 → 4–6、9"""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(f"{a}–{b}" if b > a else str(a) for a, b in spans)


def _finish(plan: Plan, root: Path, write: bool, out) -> int:
    where = "、".join(f"{c.path.relative_to(root).as_posix()}（{len(c.rows)} 条）" for c in plan.changes)
    if not write:
        confirm = "（重复的行确是另外的几笔时，再加 --keep-duplicates）" if plan.repeats else ""
        out(f"以上是预览：{plan.count} 行都合格，将添加到 {where}。确认无误后，加上 --write{confirm} 再运行一次才会写入。")
        return 0
    for change in plan.changes:
        write_text(change.path, change.new)
    out(f"已写入 {plan.count} 条：{where}。请运行 dangwu check，再用 dangwu serve --community {root.name} 预览。")
    return 0
