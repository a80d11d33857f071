"""What a clerk's spreadsheet calls each field, and how its cells become exact values.

Headers are matched after normalising (full-width to half-width, spaces and units such as
“（元）” dropped), against the names ledgers and rosters commonly use. Columns holding personal
data (身份证号, 手机, 住址 …) are recognised in order to be left out on purpose.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from generator.records import normalise
from generator.records.grids import HOUSEHOLD_KEYS

# The other words for a choice (主题党日活动, 党内 …), shared with `dangwu check`, which names the canonical one.
from generator.records.normalise import ACTIVITY_KINDS, AUDIENCES, MEMBER_CATEGORIES  # noqa: F401

FEN = Decimal("0.01")

# field → the headers that mean it (first one is the canonical header, used in messages)
HEADERS = {
    "finances": {
        "date": ["日期", "记账日期", "发生日期", "时间", "日期时间"],
        "month": ["月", "月份"],
        "day": ["日"],
        "summary": ["摘要", "事由", "内容", "说明", "用途", "摘要说明"],
        "income": ["收入", "借方", "收入金额", "借方金额", "收入(借方)", "借方(收入)", "收"],
        "spending": ["支出", "贷方", "支出金额", "贷方金额", "支出(贷方)", "贷方(支出)", "支"],
        "amount": ["金额", "发生额"],
        "direction": ["收支", "收支类型", "收支方向", "方向"],
        "voucher": ["凭证号", "凭证字号", "凭证编号", "凭证", "凭证号码", "单据号"],
        "handler": ["经办人", "经手人", "经办"],
        "approver": ["审批人", "批准人", "审核人", "审批"],
        "category": ["类别", "科目", "分类", "类型", "收支类别", "费用类别"],
        "project": ["项目编号", "项目"],
        "audience": ["公开范围"],
        "balance": ["余额", "结余", "账面余额"],
    },
    "activities": {
        "id": ["编号", "活动编号"],
        "date": ["日期", "活动日期", "时间", "活动时间"],
        "kind": ["类别", "活动类别", "类型", "活动类型", "形式", "活动形式"],
        "unit": ["组织", "支部", "举办单位", "党组织", "所在支部"],
        "title": ["标题", "主题", "活动主题", "活动名称", "名称"],
        "location": ["地点", "活动地点"],
        "present": ["实到", "实到人数", "参加人数", "出席人数", "参会人数"],
        "expected": ["应到", "应到人数", "应参加人数"],
        "summary": ["内容", "摘要", "活动内容", "内容摘要", "简要内容"],
        "partners": ["共建单位", "结对单位"],
        "audience": ["公开范围"],
    },
    "members": {
        "id": ["编号", "党员编号"],
        "name": ["姓名", "名字"],
        "unit": ["所在组织", "支部", "所在支部", "党组织", "组织"],
        "category": ["类别", "党员类别", "类型"],
        "joined": ["入党年份", "入党时间", "入党日期", "入党年月"],
        "posts": ["责任岗位", "岗位", "设岗定责"],
        "workplace": ["工作单位", "单位"],
        "points": ["服务积分", "积分"],
        "audience": ["公开范围"],
    },
    "service": {  # 在职党员双报到服务登记表
        "id": ["编号", "服务编号"],
        "member": ["党员", "姓名", "党员姓名", "党员编号", "报到党员", "在职党员"],
        "date": ["日期", "服务日期", "服务时间", "时间"],
        "hours": ["时长", "服务时长", "小时", "服务时长(小时)", "时长(小时)", "工时"],
        "what": ["服务内容", "内容", "服务事项", "服务项目内容"],
        "workplace": ["工作单位", "单位"],
        "need": ["对应需求", "需求", "项目", "认领项目", "微心愿"],
        "audience": ["公开范围"],
    },
    "need": {  # 需求清单（含微心愿）
        "id": ["编号", "需求编号"],
        "kind": ["类别", "类型", "需求类别"],
        "title": ["需求内容", "需求", "内容", "心愿内容", "微心愿"],
        "place": ["地点", "楼栋", "小区", "位置"],
        "raised": ["提出日期", "日期", "登记日期", "收集日期"],
        "raised_by": ["提出方", "提出人", "来源", "需求来源", "提出群体"],
        "claimer": ["认领人", "认领方", "认领单位", "认领党员"],
        "claimed": ["认领日期"],
        "fulfilled": ["实现日期", "完成日期"],
        "result": ["结果", "实现情况", "完成情况"],
        "audience": ["公开范围"],
    },
    "resource": {  # 资源清单
        "id": ["编号", "资源编号"],
        "title": ["资源内容", "资源", "内容", "资源名称"],
        "offered_by": ["提供方", "提供单位", "共建单位", "资源单位", "单位"],
        "capacity": ["数量", "提供能力", "服务能力", "规模", "可提供"],
        "offered": ["登记日期", "日期", "提供日期"],
        "audience": ["公开范围"],
    },
    "project": {  # 项目清单：认领 → 实施 → 完成 → 评价
        "id": ["编号", "项目编号"],
        "title": ["项目名称", "项目", "名称", "项目内容"],
        "need": ["对应需求", "需求", "需求编号"],
        "resource": ["使用资源", "资源", "资源编号"],
        "owner": ["负责", "负责组织", "责任单位", "负责岗位", "牵头"],
        "claimed": ["认领日期"],
        "implemented": ["实施日期", "开始实施"],
        "done": ["完成日期"],
        "evaluated": ["评价日期"],
        "evaluation": ["评价", "居民评价", "群众评价", "满意度"],
        "result": ["结果", "完成情况", "成效"],
        "audience": ["公开范围"],
    },
    "duty": {  # 值班表、错时服务表
        "id": ["编号", "值班编号"],
        "kind": ["类别", "类型", "值班类别"],
        "date": ["日期", "值班日期"],
        "month": ["月份", "月"],
        "weekday": ["星期", "周几", "每周"],
        "start": ["开始", "开始时间", "起"],
        "end": ["结束", "结束时间", "止"],
        "posts": ["岗位", "值班岗位"],
        "members": ["党员", "值班党员", "值班人", "值班人员"],
        "place": ["地点", "值班地点"],
        "phone": ["电话", "联系电话", "值班电话", "办公电话"],
        "holidays": ["节假日", "法定节假日", "节假日安排"],
        "note": ["说明", "备注", "服务内容"],
        "audience": ["公开范围"],
    },
    "deliberation": {  # 议事台账：一个议题一行
        "id": ["编号", "议事编号"],
        "topic": ["议题", "议事议题", "议题名称"],
        "source": ["来源", "议题来源"],
        "date": ["日期", "议事日期", "时间", "议事时间"],
        "form": ["形式", "议事形式"],
        "place": ["地点", "议事地点"],
        "participants": ["参加人员", "参会人员", "参加人数", "参会人数"],
        "options": ["方案", "议事方案", "表决", "表决情况", "方案及表决"],
        "decision": ["决定", "议定事项", "决议", "表决结果"],
        "decision_note": ["决定说明", "落实情况", "落实措施"],
        "carried_by": ["承办", "承办单位", "落实单位", "负责落实"],
        "feedback_date": ["反馈日期", "反馈时间"],
        "feedback_ways": ["反馈方式"],
        "feedback_content": ["反馈内容"],
        "audience": ["公开范围"],
    },
    "grid": {  # 网格划分表：一个网格一行，定格、定人、定责
        "id": ["网格编号", "编号"],
        "name": ["网格名称", "网格", "名称"],
        "area": ["楼栋", "包含楼栋", "楼栋范围", "管辖楼栋", "范围", "网格范围"],
        "leader": ["网格长"],
        "worker": ["网格员", "专职网格员"],
        "building_head": ["楼栋长", "楼长"],
        "posts": ["岗位", "责任岗位", "网格岗位"],
        "members": ["党员", "负责党员", "网格党员", "联系党员"],
        "duties": ["职责", "网格职责", "工作职责"],
        "phone": ["办公电话", "网格电话", "工作站电话"],
        "audience": ["公开范围"],
    },
}

# The words a rota writes for a weekday and for its holiday rule, → the model's.
WEEKDAY_WORDS = {f"{prefix}{day}": f"周{day}" for prefix in ("周", "星期", "礼拜") for day in "一二三四五六日天"}
WEEKDAY_WORDS.update({"周天": "周日", "星期天": "周日", "礼拜天": "周日"})
HOLIDAY_WORDS = {"不安排": "不安排", "休息": "不安排", "不值班": "不安排", "否": "不安排",
                 "照常": "照常", "值班": "照常", "照常值班": "照常", "是": "照常"}

# Never imported: the roster an office keeps has these, the board must never show them.
PERSONAL = ["身份证号", "身份证", "身份证号码", "公民身份号码", "证件号码", "证件号", "手机", "手机号",
            "手机号码", "联系电话", "电话", "联系方式", "家庭住址", "住址", "现住址", "居住地址", "户籍地址",
            "地址", "出生日期", "出生年月", "生日", "银行卡号", "卡号", "银行账号", "账号", "健康状况", "宗教信仰"]

# A grid sheet's column listing who lives where (a 住户台账): refused whole, never imported nor written.
HOUSEHOLD_HEADER_RE = re.compile(r"住户|户主|户籍|居民名单|居民姓名|居民信息|门牌|房号|家庭成员|人员名单|常住人口|租户"
                                 r"|households?|residents?|families", re.IGNORECASE)

# Rows a paper ledger carries that are not entries: totals and carried-over balances.
TOTAL_ROW_RE = re.compile(r"(本月|本季|本年|本期|全年|累计)?(合计|小计|累计|总计)|(上年|上月|上期)?结转"
                          r"|期初余额|年初余额|承前页|过次页")


def normal_header(text) -> str:
    """日 期（元） → 日期: half-width, no spaces, no unit, no required-field star."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = re.sub(r"\s+|\*", "", text)
    return re.sub(r"\((元|人民币元|人|次)\)$", "", text)


def field_for(header: str, kind: str) -> str | None:
    wanted = normal_header(header)
    for field, names in HEADERS[kind].items():
        if wanted == field or wanted in (normal_header(n) for n in names):
            return field
    return None


def is_personal(header: str) -> bool:
    return normal_header(header) in {normal_header(h) for h in PERSONAL}


def label(kind: str, field: str) -> str:
    return HEADERS[kind].get(field, [field])[0]


# --- cells ----------------------------------------------------------------------------------

class CellError(Exception):
    """A cell that cannot be taken exactly: ``code`` and ``params`` become a Problem."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, {k: str(v) for k, v in params.items()}


class Uncomputed(str):
    """A formula cell whose result the file does not hold (saved by a program that never computed it)."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as text: numbers as written (12, not 12.0), invisible characters dropped."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if not value.time() else value
    raw = str(value).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in raw if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf"))
    return kept.strip()


def amount(value) -> Decimal:
    """Exactly to the fen: 1280.5 → 1280.50; a float like 0.1+0.2 (0.30000000000000004) refused."""
    if isinstance(value, bool):
        raise CellError("import-bad-amount", value=value)
    if isinstance(value, float):
        # Excel shows at most 15 significant digits: a formula's 0.1+0.2 (0.30000000000000004) and
        # an exported 72845.15 stored as 72845.14999999999 are the amounts the clerk sees; 12.345 is not.
        shown = f"{value:.15g}"
        return _to_fen(Decimal(shown), repr(value))
    if isinstance(value, (int, Decimal)):
        return _to_fen(Decimal(value), str(value))
    cleaned = re.sub(r"[\s,，¥￥元]", "", unicodedata.normalize("NFKC", str(value)))
    if not re.fullmatch(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", cleaned):
        raise CellError("import-bad-amount", value=text(value))
    return _to_fen(Decimal(cleaned), text(value))


def _to_fen(number: Decimal, written: str) -> Decimal:
    try:
        exact = number.quantize(FEN)
    except InvalidOperation:
        raise CellError("import-bad-amount", value=written) from None
    if exact != number or not number.is_finite():
        raise CellError("import-inexact-amount", value=written)
    return exact + 0  # -0.00 → 0.00


def day(value, year: int | None) -> date:
    """2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, an Excel date; 3月5日 with a known year.

    Read by ``generator.records.normalise``, as `dangwu check` reads a date written another way."""
    cell = value if isinstance(value, (date, int, float)) and not isinstance(value, bool) else text(value)
    try:
        return normalise.day(cell, year)
    except normalise.Unreadable as exc:
        raise CellError(exc.code, **exc.params) from None


def count(value) -> int:
    written = text(value)
    if not re.fullmatch(r"[0-9]+", unicodedata.normalize("NFKC", written).removesuffix("人")):
        raise CellError("import-bad-count", value=written)
    return int(unicodedata.normalize("NFKC", written).removesuffix("人"))


def year_of(value) -> str:
    """1998, 1998年7月, 1998-07-01 or an Excel date → "1998"."""
    if isinstance(value, (date, datetime)):
        return str(value.year)
    match = re.match(r"((19|20)\d{2})", unicodedata.normalize("NFKC", text(value)))
    if not match:
        raise CellError("import-bad-year", value=text(value))
    return match.group(1)


def hours(value) -> str:
    """Service hours with one decimal, exactly: 2 → "2.0", "2.5小时" → "2.5"; 2.25 refused."""
    if isinstance(value, bool):
        raise CellError("import-bad-hours", value=value)
    written = f"{value:.15g}" if isinstance(value, float) else text(value)
    cleaned = re.sub(r"\s|小时|h$", "", unicodedata.normalize("NFKC", written))
    try:
        number = Decimal(cleaned)
        exact = number.quantize(Decimal("0.1"))
    except InvalidOperation:
        raise CellError("import-bad-hours", value=written) from None
    if exact != number:
        raise CellError("import-bad-hours", value=written)
    return f"{exact}"


def clock(value) -> str:
    """A time of day as the rota writes it: an Excel time (9:00:00) or "9：00" → "9:00".

    Anything else is passed on as written, for the model to refuse with its own words."""
    if isinstance(value, (time, datetime)):
        return f"{value.hour}:{value.minute:02d}"
    written = unicodedata.normalize("NFKC", text(value)).replace(" ", "")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(:00)?", written)
    return f"{int(match.group(1))}:{match.group(2)}" if match else written


def participants(value) -> list[dict[str, str]]:
    """党员代表12、居民代表20人 → [{group: 党员代表, count: 12}, …]: groups and counts, never names."""
    found = []
    for part in split_list(value):
        match = re.fullmatch(r"(.+?)\s*[:：]?\s*(\d+)\s*(人|名)?", unicodedata.normalize("NFKC", part))
        if not match:
            raise CellError("import-bad-participants", value=part)
        found.append({"group": match.group(1), "count": match.group(2)})
    return found


VOTE_WORDS = {"yes": r"(赞成|同意)", "no": r"(反对|不同意)", "abstain": r"(弃权)"}


def options(value) -> list[dict]:
    """方案一：赞成18 反对2 弃权1；方案二：赞成3 → options a, b with their votes (the text before the colon).

    An option with nothing after its colon, or no colon, was not voted on; a single number is its 赞成 votes."""
    found: list[dict] = []
    for part in (p.strip() for p in re.split(r"[;；\n]", text(value)) if p.strip()):
        written, _, counted = unicodedata.normalize("NFKC", part).partition(":")
        option: dict = {"id": chr(ord("a") + len(found)), "text": written.strip()}
        if counted.strip():
            option["votes"] = _votes(counted, part)
        if not option["text"] or len(found) >= 26:
            raise CellError("import-bad-options", value=part)
        found.append(option)
    return found


def _votes(counted: str, part: str) -> dict[str, str]:
    votes = {name: m.group(2) for name, word in VOTE_WORDS.items()
             if (m := re.search(rf"(?<!不){word}\s*(\d+)", counted))}
    if not votes and (bare := re.fullmatch(r"\s*(\d+)\s*票?\s*", counted)):
        votes = {"yes": bare.group(1)}
    words = sum(1 for word in VOTE_WORDS.values() if re.search(rf"(?<!不){word}", counted))
    if not votes or len(re.findall(r"\d+", counted)) != len(votes) or words > len(votes):
        raise CellError("import-bad-options", value=part)
    return votes


def split_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[、,，;；/\n]", text(value)) if part.strip()]


def is_household(header) -> bool:
    """住户名单, 户主, 门牌号 …, or any key grids.yml itself refuses (居民, 家庭 …)."""
    name = normal_header(header)
    return bool(HOUSEHOLD_HEADER_RE.search(name)) or name.lower() in HOUSEHOLD_KEYS


def buildings(value) -> list[str]:
    """1号楼、2号楼1-3单元 → one item per building: split on 、，, and spaces (a unit range keeps its “-”)."""
    return [part for part in re.split(r"[、,，;；\s]+", text(value)) if part]
