"""`dangwu new`: add a correctly shaped record for the clerk to fill in, or a whole new community.

Each new record gets the next free id in the community's own pattern, the given date, and
every required field with a comment (the model's own field description) saying what goes
there. Placeholder values pass ``dangwu check`` but are plainly to be replaced: "（请填写标题）".
The record is spliced in after the last one of its list; the rest of the file is untouched.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

from generator.clerk.new_templates import community_files
from generator.clerk.yamledit import CannotAppend, append_items, quoted, read_text, write_text
from generator.load.dataset import SLUG_RE
from generator.load.yamlfile import load_file
from generator.records.activities import Activity
from generator.records.commitments import Commitment
from generator.records.finances import Entry
from generator.records.kinds import BY_NAME, RecordKind
from generator.records.members import Member
from generator.records.notices import Notice
from generator.views.workdays import nth_workday

NOTICE_WORKDAYS = 5  # the shortest 公示 period (domain brief: at least 5 working days)


class ScaffoldError(Exception):
    """Something the clerk must decide or fix first; the message says what."""


@dataclass(frozen=True)
class Kind:
    file: RecordKind  # the kind of file the record goes into
    model: type[BaseModel]
    label: str

    @property
    def key(self) -> str:
        """The list in the file the record goes into."""
        return self.file.items[0]

    def path(self, root: Path, year: int) -> Path:
        """The file a record of ``year`` goes into."""
        return self.file.path(root, year if self.file.per_year else None)


KINDS = {
    "activity": Kind(BY_NAME["activities"], Activity, "活动"),
    "notice": Kind(BY_NAME["notices"], Notice, "公示"),
    "commitment": Kind(BY_NAME["commitments"], Commitment, "承诺"),
    "entry": Kind(BY_NAME["finances"], Entry, "收支"),
    "member": Kind(BY_NAME["members"], Member, "党员"),
}


@dataclass(frozen=True)
class Added:
    path: Path
    line: int  # 1-based line of the new record's first field
    text: str  # the lines added


# --- what the community already holds (read leniently: a mistake elsewhere must not block) --

def raw(path: Path) -> dict:
    if not path.is_file():
        return {}
    loaded, _ = load_file(path, str(path))
    return loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}


def items(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def year_items(root: Path, folder: str, key: str) -> list[dict]:
    return [item for path in sorted((root / folder).glob("*.yml")) for item in items(raw(path), key)]


def ids_of(records: list[dict]) -> list[str]:
    return [str(r["id"]) for r in records if isinstance(r.get("id"), str)]


def default_unit(root: Path) -> str:
    units = ids_of(items(raw(root / "organization.yml"), "units"))
    if not units:
        raise ScaffoldError("organization.yml 里还没有党组织（units）：请先写好它，新记录要用到组织编号。")
    return units[0]


def office_phone(root: Path) -> str:
    info = raw(root / "community.yml")
    for section in ("supervision", "office"):
        phone = info.get(section, {}).get("phone") if isinstance(info.get(section), dict) else None
        if isinstance(phone, str) and phone.strip():
            return phone
    raise ScaffoldError("community.yml 里没有办公电话或监督电话：公示的受理电话要用它，请先填写。")


# --- ids in the community's own pattern ----------------------------------------------------

def _common_prefix(matches, default: str) -> str:
    prefixes = Counter(m.group(1) for m in matches)
    return prefixes.most_common(1)[0][0] if prefixes else default


def activity_id(existing: list[str], on: date) -> str:
    """a2026-0305 for an activity on 5 March 2026, a2026-0305-2 when that is taken; a2026-0305-1
    first when the community numbers every activity of a day."""
    matches = [m for i in existing if (m := re.fullmatch(r"([A-Za-z]+)\d{4}-\d{4}(-\d+)?", i))]
    base = f"{_common_prefix(matches, 'a')}{on:%Y}-{on:%m%d}"
    numbered = sum(1 for m in matches if m.group(2)) > len(matches) / 2
    taken = set(existing)
    candidates = (f"{base}-{n}" if n > 1 or numbered else base for n in range(1, len(taken) + 2))
    return next(c for c in candidates if c not in taken)


def yearly_id(existing: list[str], year: int, default_prefix: str) -> str:
    """The next n2026-03 / c2026-001: numbered within the year, as wide as the community writes it."""
    matches = [m for i in existing if (m := re.fullmatch(r"([A-Za-z]+)(\d{4})-(\d+)", i))]
    prefix = _common_prefix(matches, default_prefix)
    same = [m for m in matches if m.group(1) == prefix]
    width = len(max(same, key=lambda m: (m.group(2), int(m.group(3)))).group(3)) if same else 2
    taken = [int(m.group(3)) for m in same if m.group(2) == str(year)]
    return f"{prefix}{year}-{max(taken, default=0) + 1:0{width}d}"


def member_id(existing: list[str]) -> str:
    """The next m004 (or m0004, or whatever letters the roster uses)."""
    matches = [m for i in existing if (m := re.fullmatch(r"([A-Za-z]+)(\d+)", i))]
    prefix = _common_prefix(matches, "m")
    same = [m for m in matches if m.group(1) == prefix]
    width = max((len(m.group(2)) for m in same), default=3)
    return f"{prefix}{max((int(m.group(2)) for m in same), default=0) + 1:0{width}d}"


def next_voucher(vouchers: list[str]) -> str:
    """记-004 after 记-003: the last numbered voucher of the year, plus one, same width."""
    matches = [m for v in vouchers if (m := re.fullmatch(r"(.*?)(\d+)", v))]
    if not matches:
        return "记-001"
    prefix = matches[-1].group(1)
    same = [m for m in matches if m.group(1) == prefix]
    last = max(same, key=lambda m: int(m.group(2)))
    return f"{prefix}{int(last.group(2)) + 1:0{len(last.group(2))}d}"


# --- the record's lines ----------------------------------------------------------------------

def field(model, name: str, value: str) -> str:
    """``name: value  # 说明`` with the model's own description of the field."""
    return f"{name}: {value}  # {model.model_fields[name].description}"


def fill(text: str) -> str:
    return quoted(f"（请填写{text}）")


def activity_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = activity_id(ids_of(year_items(root, "activities", "activities")), on)
    return [
        field(Activity, "id", new_id), field(Activity, "date", on.isoformat()),
        field(Activity, "kind", "其他"), field(Activity, "unit", default_unit(root)),
        field(Activity, "title", fill("标题")),
    ], ("新增活动：改好下面各项，kind 从注释列出的类别中选；需要时再添 location（地点）、"
        "attendance（出席，如 {present: 18, expected: 20}）、summary（内容摘要）")


def notice_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "notices", "notices")), on.year, "n")
    end = nth_workday(on, NOTICE_WORKDAYS)
    return [
        field(Notice, "id", new_id), field(Notice, "kind", "其他"), field(Notice, "title", fill("标题")),
        field(Notice, "start", on.isoformat()), field(Notice, "end", end.isoformat()),
        field(Notice, "body", fill("公示内容")), field(Notice, "contact", quoted(office_phone(root))),
    ], (f"新增公示：结束日期已按 {NOTICE_WORKDAYS} 个工作日算好；发展党员公示请在 people 里"
        "写公示对象的姓名，如 [张三]")


def commitment_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "commitments", "commitments")), on.year, "c")
    return [
        field(Commitment, "id", new_id), field(Commitment, "owner", default_unit(root)),
        field(Commitment, "title", fill("承诺事项")), field(Commitment, "category", fill("类别，如 为民服务")),
        field(Commitment, "made", on.isoformat()), field(Commitment, "due", f"{on.year}-12-31"),
        field(Commitment, "baseline", fill("现状")), field(Commitment, "target", fill("可检验的目标")),
    ], "新增承诺：owner 可写组织编号或党员编号；写清现状和可检验的目标，居民才能对照检查"


def entry_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    ledger = raw(root / "finances" / f"{on.year}.yml")
    fund = choose_fund(fund_ids(root, on.year), fund, on.year)
    vouchers = [str(e["voucher"]) for e in items(ledger, "entries") if isinstance(e.get("voucher"), str)]
    return [
        field(Entry, "date", on.isoformat()), field(Entry, "fund", fund),
        field(Entry, "amount", quoted("0.00")), field(Entry, "category", fill("类别，如 活动经费")),
        field(Entry, "summary", fill("摘要")), field(Entry, "voucher", quoted(next_voucher(vouchers))),
        field(Entry, "handler", fill("经办人")), field(Entry, "approver", fill("审批人")),
    ], '新增一笔收支：amount 收入为正、支出前加负号，带两位小数并加引号，如 "-350.50"'


def member_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = member_id(ids_of(items(raw(root / "members.yml"), "members")))
    return [
        field(Member, "id", new_id), field(Member, "name", fill("姓名")),
        field(Member, "unit", default_unit(root)),
    ], ("新增党员：只写可以公开的信息，不写身份证号、手机、住址；需要时再添 joined（入党年份，"
        '如 "1998"）、category（在册、在职报到或流动）、posts（责任岗位编号）')


BUILDERS = {"activity": activity_fields, "notice": notice_fields, "commitment": commitment_fields,
            "entry": entry_fields, "member": member_fields}


# --- funds: a ledger entry belongs to exactly one --------------------------------------------

def fund_ids(root: Path, year: int) -> dict[str, str]:
    """The funds of a year (or of the latest earlier year, which a new year file inherits): id → name."""
    for path in [root / "finances" / f"{year}.yml", *previous_ledgers(root, year)]:
        funds = {str(f["id"]): str(f.get("name", "")) for f in items(raw(path), "funds") if isinstance(f.get("id"), str)}
        if funds:
            return funds
    return {}


def previous_ledgers(root: Path, year: int) -> list[Path]:
    found = [p for p in (root / "finances").glob("*.yml") if p.stem.isdigit() and int(p.stem) < year]
    return sorted(found, key=lambda p: int(p.stem), reverse=True)


def choose_fund(funds: dict[str, str], wanted: str | None, year: int) -> str:
    listed = "、".join(f"{fid}（{name}）" for fid, name in funds.items())
    if wanted:
        if funds and wanted not in funds:
            raise ScaffoldError(f"{year} 年没有编号为“{wanted}”的经费：可选 {listed}。")
        return wanted
    if len(funds) == 1:
        return next(iter(funds))
    if not funds:
        raise ScaffoldError(f"{year} 年还没有经费（funds）：请先在 finances/{year}.yml 写好经费，或用 --fund 指明编号。")
    raise ScaffoldError(f"{year} 年有几种经费：{listed}。请用 --fund 指明这笔钱属于哪一种，如 --fund {next(iter(funds))}")


# --- files that do not exist yet ------------------------------------------------------------

HEADERS = {
    "activities": "# {year} 年活动：每次一项。\nactivities:\n",
    "notices": "# {year} 年公示：每条一项，公示期不少于 5 个工作日。\nnotices:\n",
    "commitments": "# {year} 年承诺：每条一项。\ncommitments:\n",
    "members": "# 党员名册：只写可以公开的信息，不写身份证号、手机、住址。\nmembers:\n",
}


def new_file_text(root: Path, kind: Kind, year: int, fund: str | None) -> str:
    if kind.file.name == "finances":
        return new_ledger_text(root, year, fund)
    return HEADERS[kind.key].format(year=year)


def new_ledger_text(root: Path, year: int, fund: str | None) -> str:
    """A new year's ledger: last year's funds, opening balances carried over from its book closing."""
    from generator.load.dataset import load_community
    from generator.views.ledger import book_closing

    previous = previous_ledgers(root, year)
    old = load_community(root)[0].finances.get(int(previous[0].stem)) if previous else None
    funds = items(raw(previous[0]), "funds") if previous else []
    if not funds:
        funds = [{"id": fund or "service", "name": "党组织服务群众经费"}]
    lines = [f"# {year} 年经费：年初余额由上年账目算出，请与出纳核对。", "funds:"]
    for f in funds:
        lines += [f"  - id: {f['id']}", f"    name: {quoted(f.get('name', ''))}"]
        if isinstance(f.get("audience"), str):
            lines.append(f"    audience: {f['audience']}")
    lines.append("opening:")
    for f in funds:
        closing = book_closing(old, f["id"]) if old is not None else Decimal("0.00")
        lines.append(f"  {f['id']}: {quoted(f'{closing:.2f}')}")
    return "\n".join(lines + ["entries:", ""])


# --- the commands ---------------------------------------------------------------------------

def new_record(root: Path, kind_name: str, on: date, fund: str | None = None) -> Added:
    """Append a new record of ``kind_name`` dated ``on`` to the right file; say where it is."""
    kind = KINDS[kind_name]
    path = kind.path(root, on.year)
    fields, comment = BUILDERS[kind_name](root, on, fund)
    text = read_text(path) or new_file_text(root, kind, on.year, fund)
    try:
        appended = append_items(text, kind.key, [fields], comments=(comment,))
    except CannotAppend as exc:
        raise ScaffoldError(f"{path}：{exc}") from None
    write_text(path, appended.text)
    added = appended.text.splitlines()[appended.line - 1: appended.line - 1 + appended.count]
    return Added(path, appended.line + 1, "\n".join(added) + "\n")


def new_community(data_dir: Path, slug: str, since: date) -> Path:
    """A complete community folder that passes ``dangwu check``, every value a placeholder;
    its records start ``since`` (the year files are that year's)."""
    if not SLUG_RE.match(slug):
        raise ScaffoldError(f"社区文件夹名“{slug}”只能用小写英文字母、数字和短横线（它会出现在网址里），如 hepingli。")
    root = data_dir / "communities" / slug
    if root.exists():
        raise ScaffoldError(f"{root} 已经存在：换一个名字，或直接编辑里面的文件。")
    for name, text in community_files(slug, since).items():
        write_text(root / name, text)
    return root
