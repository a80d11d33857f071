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
from generator.records.deliberations import Deliberation
from generator.records.finances import Entry
from generator.records.grids import Grid
from generator.records.kinds import BY_NAME, RecordKind
from generator.records.lists import Need, Resource
from generator.records.lists import Project as ListProject
from generator.records.members import Member
from generator.records.notices import Notice
from generator.records.rota import Duty
from generator.records.service import Service
from generator.views.workdays import nth_workday

NOTICE_WORKDAYS = 5  # the shortest 公示 period (domain brief: at least 5 working days)


class ScaffoldError(Exception):
    """Something the clerk must decide or fix first; the message says what."""


@dataclass(frozen=True)
class Kind:
    file: RecordKind  # the kind of file the record goes into
    model: type[BaseModel]
    label: str
    list_name: str = ""  # the list it goes into, when the file holds several (三张清单); else the first

    @property
    def key(self) -> str:
        """The list in the file the record goes into."""
        return self.list_name or self.file.items[0]

    def path(self, root: Path, year: int) -> Path:
        """The file a record of ``year`` goes into."""
        return self.file.path(root, year if self.file.per_year else None)


KINDS = {
    "activity": Kind(BY_NAME["activities"], Activity, "活动"),
    "notice": Kind(BY_NAME["notices"], Notice, "公示"),
    "commitment": Kind(BY_NAME["commitments"], Commitment, "承诺"),
    "entry": Kind(BY_NAME["finances"], Entry, "收支"),
    "member": Kind(BY_NAME["members"], Member, "党员"),
    "need": Kind(BY_NAME["lists"], Need, "需求或微心愿", "needs"),
    "resource": Kind(BY_NAME["lists"], Resource, "资源", "resources"),
    "project": Kind(BY_NAME["lists"], ListProject, "清单项目", "projects"),
    "deliberation": Kind(BY_NAME["deliberations"], Deliberation, "议事"),
    "grid": Kind(BY_NAME["grids"], Grid, "网格"),
    "service": Kind(BY_NAME["service"], Service, "双报到服务"),
    "duty": Kind(BY_NAME["rota"], Duty, "值班"),
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


def deliberation_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "deliberations", "deliberations")), on.year, "d")
    return [
        field(Deliberation, "id", new_id), field(Deliberation, "topic", fill("议题")),
        field(Deliberation, "source", "居民提出"), field(Deliberation, "date", on.isoformat()),
        field(Deliberation, "form", "议事会"),
        field(Deliberation, "participants", "[{group: 党员代表, count: 0}, {group: 居民代表, count: 0}]"),
    ], ("新增议事：参会人员只写各群体的人数，不写姓名；表决后添 options（方案和票数，如 "
        "[{id: a, text: 方案内容, votes: {yes: 12, no: 1, abstain: 0}}]）、decision（方案编号或“暂缓”）、"
        "carried_by（落实的组织、岗位或共建单位编号），向居民反馈后添 feedback（date、ways、content）")


def need_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "lists", "needs")), on.year, "n")
    return [
        field(Need, "id", new_id), field(Need, "kind", "需求"), field(Need, "title", fill("需求内容")),
        field(Need, "place", fill("小区或楼栋，不写门牌号")), field(Need, "raised", on.isoformat()),
        field(Need, "raised_by", fill("提出的群体，如 3号楼居民")),
    ], ("新增需求：提出方写群体或角色，不写个人姓名；微心愿把 kind 改为 微心愿，认领后添 claimer"
        "（党员或共建单位编号）和 claimed（认领日期），实现后添 fulfilled（日期）和 result（结果）")


def resource_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "lists", "resources")), on.year, "r")
    return [
        field(Resource, "id", new_id), field(Resource, "title", fill("资源内容")),
        field(Resource, "offered_by", default_unit(root)), field(Resource, "capacity", fill("能提供多少")),
        field(Resource, "offered", on.isoformat()),
    ], "新增资源：offered_by 写共建单位编号（见 partners.yml），或本社区组织、岗位的编号"


def project_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "lists", "projects")), on.year, "p")
    needs, resources = ids_of(year_items(root, "lists", "needs")), ids_of(year_items(root, "lists", "resources"))
    if not needs or not resources:
        raise ScaffoldError("项目要连起一条需求和一项资源：请先用 dangwu new need 和 dangwu new resource 添加它们。")
    return [
        field(ListProject, "id", new_id), field(ListProject, "title", fill("项目名称")),
        field(ListProject, "need", needs[-1]), field(ListProject, "resource", resources[-1]),
        field(ListProject, "owner", default_unit(root)),
        field(ListProject, "stages", f"[{{stage: 认领, date: {on.isoformat()}}}]"),
    ], ("新增项目：need、resource 改成要对接的需求和资源编号；之后每到一个阶段在 stages 里加一条"
        "（实施、完成、评价，写日期），完成后写 result（结果）")


def duty_phone(root: Path) -> str:
    """The phone residents call about a duty: the office's (where the duty is kept), else any
    phone community.yml gives."""
    office = raw(root / "community.yml").get("office")
    phone = office.get("phone") if isinstance(office, dict) else None
    return phone if isinstance(phone, str) and phone.strip() else office_phone(root)


def duty_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "rota", "duties")), on.year, "z")
    org = raw(root / "organization.yml")
    posts = ids_of(items(org, "posts"))
    members = ids_of(items(raw(root / "members.yml"), "members"))
    if not posts and not members:
        raise ScaffoldError("值班要写岗位或党员编号：请先在 organization.yml 写好岗位（posts），或在 members.yml 写好党员。")
    who = field(Duty, "posts", f"[{posts[0]}]") if posts else field(Duty, "members", f"[{members[0]}]")
    return [
        field(Duty, "id", new_id), field(Duty, "kind", "值班"), field(Duty, "date", on.isoformat()),
        field(Duty, "start", quoted("9:00")), field(Duty, "end", quoted("12:00")), who,
        field(Duty, "place", fill("地点，如 党群服务中心一楼大厅")), field(Duty, "phone", quoted(duty_phone(root))),
    ], ("新增值班：改好时间、岗位（posts）或党员（members）编号和地点；每周固定的错时服务把 date 换成"
        " month（月份）和 weekday（如 周六），kind 改为 错时服务")


def grid_id(existing: list[str]) -> str:
    """The next g3 after g1, g2 (other ids the clerk chose are left alone)."""
    numbers = [int(m.group(1)) for i in existing if (m := re.fullmatch(r"g(\d+)", i))]
    return f"g{max(numbers, default=0) + 1}"


def grid_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = grid_id(ids_of(items(raw(root / "grids.yml"), "grids")))
    return [
        field(Grid, "id", new_id), field(Grid, "name", fill("网格名称，如 第三网格")),
        field(Grid, "area", f"[{fill('楼栋，如 7号楼')}]"), field(Grid, "duties", fill("网格职责")),
    ], ("新增网格：area 每栋楼一项，只写楼栋和单元，不写门牌，不登记住户；再添 members（负责党员编号）"
        "和 posts（网格长、楼栋长等岗位编号）；phone 只写办公电话，不写个人手机")


def reporting_member(root: Path) -> str:
    """The first 在职报到 member on the roster: a 双报到 entry needs one."""
    reporting = [m for m in items(raw(root / "members.yml"), "members") if m.get("category") == "在职报到"]
    found = ids_of(reporting)
    if not found:
        raise ScaffoldError("党员名册里还没有在职报到的党员：请先在 members.yml 里把他的 category 写成 在职报到，并写上工作单位。")
    return found[0]


def service_fields(root: Path, on: date, fund) -> tuple[list[str], str]:
    new_id = yearly_id(ids_of(year_items(root, "service", "services")), on.year, "s")
    return [
        field(Service, "id", new_id), field(Service, "member", reporting_member(root)),
        field(Service, "date", on.isoformat()), field(Service, "hours", quoted("1.0")),
        field(Service, "what", fill("服务内容")),
    ], ("新增双报到服务：member 改成服务的在职报到党员编号，hours 写实际小时数（一位小数，如 2.5）；"
        "服务了哪项需求或项目时添 need")


BUILDERS = {"activity": activity_fields, "notice": notice_fields, "commitment": commitment_fields,
            "entry": entry_fields, "member": member_fields, "need": need_fields, "resource": resource_fields,
            "project": project_fields, "deliberation": deliberation_fields, "duty": duty_fields,
            "grid": grid_fields, "service": service_fields}


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
    **{key: "# {year} 年三张清单：需求（含微心愿）、资源、项目；年初公布，每季度更新。\n" + f"{key}:\n"
       for key in ("needs", "resources", "projects")},
    "duties": "# {year} 年值班表：每条写一个日期，或写月份和星期（这个月每周这一天）。\nduties:\n",
    "deliberations": "# {year} 年议事：每个议题一项；参会人员只写人数，议事后 5 个工作日内向居民反馈。\ndeliberations:\n",
    "grids": "# 网格：定格、定人、定责；只写楼栋、负责人和职责，不登记住户。\ngrids:\n",
    "services": "# {year} 年在职党员双报到服务：每人每次服务一项。\nservices:\n",
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
