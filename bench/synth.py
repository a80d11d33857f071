"""Deterministic invented communities: the three samples under data/ and large ones for benchmarks.

    python bench/synth.py data --samples                 # (re)write the three sample communities
    python bench/synth.py OUTDIR --slug big --scale 10   # one community 10 times the large sample

Everything is invented: people are common surnames plus given names, units and places are made
up, phones are Beijing-style office landlines (010-6xxxxxxx). Each section draws from its own
``random.Random`` seeded with (seed, slug, section), so the same seed writes the same bytes, and
changing one section does not reshuffle the others. Money is Decimal from start to finish: the
declared balances equal opening + entries to the day, and each year opens with last year's close.

The module needs only the standard library and chinese-calendar (for working days), so it runs as
a plain script from any directory.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import chinese_calendar

YEARS = (2025, 2026)
# The last day records may carry: the boards are built on 2026-11-23.
UNTIL = {2025: date(2025, 12, 31), 2026: date(2026, 11, 20)}
STREET = "青年路街道"
DISTRICT = "景和区"  # invented
CENT = Decimal("0.01")

# ----------------------------------------------------------------------------- profiles

LARGE = {
    "name": "和平里社区", "short_name": "和平里", "road": "和平里北街", "kind": "党委",
    "branches": 6, "grouped": 6, "members": 168, "reporting": 0.18, "floating": 0.06,
    "posts": 8, "partners": 6, "volunteer": 18, "joint": 10, "commitments": 22,
    "projects": 4, "spends": 24, "dues_spends": 4, "grant": 120000, "candidates": 2,
    "fund_notices": 4, "elections": 2, "email": True, "overdue": 2,
}
MEDIUM = {
    "name": "清水园社区", "short_name": "清水园", "road": "清水园路", "kind": "党总支",
    "branches": 3, "grouped": 3, "members": 60, "reporting": 0.15, "floating": 0.05,
    "posts": 6, "partners": 3, "volunteer": 6, "joint": 4, "commitments": 8,
    "projects": 2, "spends": 7, "dues_spends": 2, "grant": 50000, "candidates": 1,
    "fund_notices": 2, "elections": 1, "email": False, "overdue": 1,
}
SMALL = {
    "name": "柳树社区", "short_name": "柳树", "road": "柳树胡同", "kind": "党支部",
    "branches": 1, "grouped": 1, "members": 20, "reporting": 0.15, "floating": 0.05,
    "posts": 3, "partners": 2, "volunteer": 3, "joint": 2, "commitments": 4,
    "projects": 1, "spends": 3, "dues_spends": 1, "grant": 30000, "candidates": 1,
    "fund_notices": 1, "elections": 0, "email": False, "overdue": 1,
}
SAMPLES = {"hepingli": (LARGE, 2025), "qingshuiyuan": (MEDIUM, 2026), "liushu": (SMALL, 2027)}
# What grows with --scale; the calendar (monthly meetings, quarterly reports) does not.
SCALED = ("branches", "grouped", "members", "posts", "partners", "volunteer", "joint",
          "commitments", "projects", "spends", "dues_spends", "grant", "elections")


def scaled(profile: dict, factor: int) -> dict:
    """A profile ``factor`` times as big (branches, members, records, money)."""
    bigger = {key: value * factor if key in SCALED else value for key, value in profile.items()}
    bigger["name"] = f"{profile['short_name']}{factor}倍示例社区"
    return bigger


# ----------------------------------------------------------------------------- vocabulary

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN_TWO = ("建国 秀英 玉兰 志强 海涛 丽华 春梅 国庆 淑珍 桂兰 文斌 晓东 红梅 明亮 雪梅 丽娟 建华 凤英 "
             "德明 永红 振华 桂芳 秀珍 立新 卫东 学军 淑华 玉梅 金凤 志远 宏伟 晓燕 小红 子涵 思远 "
             "雨桐 浩然 欣怡 俊杰 佳琪 文静 国华 爱民 素梅 保平 新民 玉珍 秀云 瑞华 海燕 长青 树林 "
             "亚男 丽萍 伟民 宝山 庆丰 兰英 晓峰 春生").split()
GIVEN_ONE = "伟 敏 静 磊 洋 勇 军 杰 娜 强 芳 霞 平 刚 丹 鹏 颖 涛 辉 宁 超 琳 斌 浩 燕 萍 雷 倩 凯 艳".split()

WORKPLACES = ("景和区人民医院", "景和区第二中学", "景和区税务局", "北辰电力设计院", "景和区图书馆",
              "青年路街道社区卫生服务中心", "朝明科技有限公司", "景和区市场监督管理局",
              "华安建设集团", "景和区公交第五分公司", "景和区档案馆", "启航职业技术学院")

POSTS = (  # (id, name, duties)
    ("p-xunluo", "治安巡逻岗", "每周参加楼院巡逻，发现隐患及时报告"),
    ("p-xuanchuan", "政策宣传岗", "在楼门和宣传栏宣讲政策，解答居民疑问"),
    ("p-huanwei", "环境卫生岗", "带头清理楼道堆物，做好垃圾分类桶前值守"),
    ("p-bianmin", "便民服务岗", "参加每月便民服务日，帮助高龄老人办事"),
    ("p-tiaojie", "纠纷调解岗", "协助调解邻里纠纷，化解矛盾在楼门"),
    ("p-jiandu", "居务监督岗", "监督党务居务公开和经费使用，收集居民意见"),
    ("p-bangfu", "爱心帮扶岗", "结对帮扶困难家庭和独居老人，定期上门探访"),
    ("p-wenming", "文明引导岗", "劝导文明养犬和非机动车规范停放"),
)

PARTNERS = (  # (key, name, kind, agreement content, joint-activity topics)
    ("yiyuan", "景和区人民医院党委", "医院", "每季度到社区义诊一次，为高龄老人建立健康档案",
     ("义诊和健康讲座", "慢病管理咨询")),
    ("shuiwu", "景和区税务局第三税务所党支部", "机关", "每半年进社区开展一次个税和社保政策宣讲",
     ("个税政策宣讲", "社保缴费咨询")),
    ("xiaoxue", "青年路小学党支部", "学校", "共办“四点半课堂”，寒暑假开展青少年志愿服务",
     ("四点半课堂", "红领巾小小志愿者活动")),
    ("reli", "北辰热力公司第二分公司党支部", "企业", "供暖季前入户检查管线，设立报修绿色通道",
     ("供暖设施检查", "冬季用热安全宣传")),
    ("xiaofang", "景和区消防救援支队青年路站党支部", "机关", "每半年开展一次消防演练和安全宣传",
     ("消防演练", "电动自行车安全宣传")),
    ("shegong", "春晖社会工作服务中心党支部", "社会组织", "为独居老人提供探访和心理疏导服务",
     ("独居老人探访", "邻里互助议事会")),
    ("tushuguan", "景和区图书馆党支部", "机关", "社区图书角每季度换书一次，开展亲子阅读",
     ("亲子阅读会", "图书角换书")),
    ("wuye", "安平物业服务有限公司党支部", "企业", "红色物业：每月与社区共商一次物业服务问题",
     ("物业服务议事会", "楼道环境整治")),
    ("fayuan", "景和区法律援助中心党支部", "机关", "每月一次法律咨询进社区",
     ("法律咨询", "反诈宣传")),
)

# One study subject and one committee agenda per month (index 0 = January).
STUDY = ("《中国共产党章程》总纲", "《中国共产党党务公开条例（试行）》", "雷锋精神和志愿服务",
         "《中国共产党纪律处分条例》", "接诉即办经验做法", "党史中的建党历程", "“七一”重要讲话精神",
         "《中国共产党支部工作条例（试行）》", "总体国家安全观", "党的基本理论和基本路线",
         "全会精神", "组织生活会和民主评议党员的要求")
AGENDA = ("困难党员和困难群众走访慰问名单", "年度承诺清单和设岗定责安排", "本年度发展党员计划",
          "共驻共建活动安排", "党组织服务群众经费项目议定", "“七一”表彰推荐人选",
          "防汛和夏季安全工作", "在职党员双报到服务安排", "承诺践诺季度讲评",
          "重阳节敬老活动", "冬季供暖和防火工作", "组织生活会和民主评议党员准备")
ASSEMBLY = ("年度工作计划和公开承诺清单", "“七一”表彰推荐和年中查清单",
            "发展对象和预备党员有关事项", "民主评议党员和年底述清单")
LESSONS = ("坚定理想信念，做合格党员", "全心全意为人民服务的根本宗旨", "从党史中汲取奋进力量",
           "党员在基层治理中的先锋作用", "严守党的纪律和规矩", "党务公开与群众监督")
THEME_DAYS = (
    ("新春走访慰问困难党员", "走访慰问困难党员和老党员，送去米面油和春联"),
    ("重温入党誓词", "全体党员重温入党誓词，交流本年度承诺"),
    ("学雷锋志愿服务", "在社区广场开展义诊、理发和小家电维修"),
    ("清明缅怀革命先烈", "集体观看纪录片，开展网上祭英烈"),
    ("垃圾分类宣传", "党员分组到楼门宣传垃圾分类，发放宣传单"),
    ("汛前安全检查", "检查地下室和低洼院落排水设施，排查隐患"),
    ("庆祝建党纪念日", "召开庆祝大会，为老党员颁发“光荣在党50年”纪念章"),
    ("夏季纳凉安全巡查", "党员分组巡查楼院消防通道和电动车充电"),
    ("总体国家安全教育", "学习反间防谍知识，开展国家安全知识问答"),
    ("重阳敬老", "为高龄老人送餐上门，陪老人聊天"),
    ("冬季消防安全宣传", "入户发放防火宣传材料，清理楼道杂物"),
    ("年终学习交流", "学习全会精神，交流全年承诺践诺情况"),
)
VOLUNTEER = ("清理楼道堆物", "垃圾分类桶前值守", "独居老人探访", "文明养犬宣传", "反诈宣传进楼门",
             "义务理发和小家电维修", "便民服务日：量血压、磨剪刀", "背街小巷环境整治",
             "共享单车规范停放", "消防通道清理", "绿地补植和浇水", "为高龄老人代购代办")
LOCATIONS = ("党群服务中心二楼会议室", "党群服务中心一楼多功能厅", "社区党员活动室")
OUTDOOR = ("社区文化广场", "小区中心花园", "党群服务中心门前广场", "各楼门", "小区主干道")
PROJECTS = ("老旧楼道照明改造", "楼门加装扶手", "社区助餐点设备更新", "小区健身器材维修",
            "党群服务中心适老化改造", "非机动车充电棚建设", "居民议事厅设施完善",
            "绿地补植和步道修缮", "独居老人紧急呼叫设备", "四点半课堂物资")
SPENDS = (  # (month, category, summary): costs not tied to one activity
    (1, "慰问支出", "春节慰问困难群众和困难党员"), (3, "办公用品", "党务公开栏更换展板"),
    (4, "活动经费", "便民服务日耗材"), (5, "活动经费", "居民议事会资料印制"),
    (6, "活动经费", "防汛沙袋和雨具"), (9, "慰问支出", "中秋慰问独居老人"),
    (10, "慰问支出", "重阳节慰问高龄老人"), (11, "活动经费", "冬季消防安全宣传材料"),
    (2, "办公用品", "党员学习笔记本和资料夹"), (8, "活动经费", "防暑降温用品"),
)
DUES_SPENDS = ("购买党员教育学习资料", "慰问生活困难党员", "“七一”走访慰问老党员", "组织党员参观红色教育基地")
# (category, title, baseline, target, due month); {n} and {k} are filled in.
UNIT_PROMISES = (
    ("环境整治", "清理楼道堆物", "楼道堆物 {n} 处", "全部清理，年底复查不超过 {k} 处", 6),
    ("为民服务", "定期探访独居老人", "独居老人 {n} 户，无固定探访", "每户每月探访不少于 1 次", 12),
    ("为民服务", "老旧楼门加装扶手", "{n} 个楼门没有扶手", "完成 {n} 个楼门扶手安装并验收", 9),
    ("组织建设", "规范落实三会一课", "上年支委会缺 {k} 次", "支委会、党小组会每月 1 次，党员大会、党课每季度 1 次，无缺漏", 12),
    ("平安建设", "组织党员治安巡逻", "每周巡逻 1 次", "每周巡逻 3 次，全年不少于 {n}0 次", 12),
    ("为民服务", "缓解小区停车难", "夜间违停约 {n} 辆", "新增停车位 {k} 个，违停降到 10 辆以下", 9),
    ("环境整治", "提高垃圾分类准确率", "抽查准确率约 {n}%", "年底抽查准确率不低于 90%", 12),
    ("组织建设", "做好在职党员双报到", "已报到 {n} 人", "报到率 100%，每人全年到社区服务不少于 4 次", 6),
)
MEMBER_PROMISES = (
    ("为民服务", "每月参加一次志愿服务", "上年参加 {k} 次", "全年不少于 12 次", 12),
    ("为民服务", "结对帮扶困难家庭", "没有结对家庭", "结对 {k} 户，每月上门 1 次", 12),
    ("组织建设", "担任楼门长收集居民意见", "楼门意见没有固定收集", "每季度收集意见不少于 {k} 条并反馈", 12),
    ("平安建设", "为居民讲解防诈骗知识", "本楼门未开展过宣讲", "全年宣讲不少于 {k} 场", 12),
    ("平安建设", "参加楼院治安巡逻", "上年巡逻 {n} 次", "全年巡逻不少于 {n}0 次", 12),
    ("为民服务", "在职党员报到服务", "上年到社区服务 {k} 次", "全年到社区服务不少于 6 次，积分不少于 30 分", 12),
)
TOP_DUTIES = {
    "书记": "主持全面工作，落实党建工作责任制",
    "副书记": "协助书记工作，分管服务群众和共驻共建",
    "组织委员": "负责组织发展、党员教育管理和党费收缴",
    "宣传委员": "负责宣传思想、党务公开和志愿服务",
    "纪检委员": "负责党风廉政建设和党务监督，受理群众意见",
}
BRANCH_DUTIES = {
    "书记": "主持支部工作，落实三会一课",
    "组织委员": "负责发展党员、党员管理和党费收缴",
    "宣传委员": "负责理论学习、宣传和志愿服务",
}
DIGITS = "零一二三四五六七八九"

# ----------------------------------------------------------------------------- small helpers


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十 (branch names go past ten at scale)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    if n >= 100:
        return str(n)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def money(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in yuan between low and high, with cents, built from integer cents."""
    return Decimal(rng.randint(int(low * 100), int(high * 100))) * CENT


def round_yuan(amount: Decimal, step: int = 100) -> Decimal:
    return (amount / step).quantize(Decimal(1)) * step


def is_workday(day: date) -> bool:
    return chinese_calendar.is_workday(day)


def months(year: int) -> list[int]:
    return [m for m in range(1, 13) if date(year, m, 1) <= UNTIL[year]]


def workdays(year: int, month: int, last: int = 20) -> list[date]:
    """Working days (调休 included) from the 1st to the ``last`` of a month, not after UNTIL."""
    days = [date(year, month, d) for d in range(1, last + 1)]
    return [d for d in days if is_workday(d) and d <= UNTIL[year]]


def saturdays(year: int, month: int) -> list[date]:
    days = [date(year, month, 1) + timedelta(d) for d in range(31)]
    return [d for d in days if d.month == month and d.weekday() == 5
            and not is_workday(d) and d <= UNTIL[year]]


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(1)
    return day


def notice_end(start: date, days: int = 7) -> date:
    """At least ``days`` calendar days and at least 5 working days, both counting the start."""
    end = start + timedelta(days - 1)
    while sum(is_workday(start + timedelta(i)) for i in range((end - start).days + 1)) < 5:
        end += timedelta(1)
    return end


def phone(rng: random.Random) -> str:
    """A Beijing-style office landline, never a mobile: 010-6xxxxxxx."""
    return f"010-6{rng.randint(0, 9999999):07d}"


# ----------------------------------------------------------------------------- YAML by hand


class Quoted(str):
    """Always written in double quotes (phones, years, times)."""


class Flow(dict):
    """Written on one line: {present: 12, expected: 14}."""


PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`0123456789+.~ ")
YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


def _plain_ok(text: str, flow: bool) -> bool:
    return bool(text) and text[0] not in PLAIN_UNSAFE_START and text == text.strip() \
        and ": " not in text and " #" not in text and not text.endswith(":") \
        and text.lower() not in YAML_WORDS and not (flow and re.search(r"[,\[\]{}]", text))


def scalar(value, flow: bool = False) -> str:
    if isinstance(value, Decimal):
        return f'"{value:.2f}"'  # money: always quoted, two decimals
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise TypeError("records hold no booleans")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Quoted) or not _plain_ok(value, flow):
        return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return value


def _lines(mapping: dict, indent: int) -> list[str]:
    pad, out = " " * indent, []
    for key, value in mapping.items():
        if value is None or value == []:
            continue
        if isinstance(value, Flow):
            inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items())
            out.append(f"{pad}{key}: {{{inner}}}")
        elif isinstance(value, dict):
            out += [f"{pad}{key}:", *_lines(value, indent + 2)]
        elif isinstance(value, list) and all(not isinstance(v, dict) for v in value):
            out.append(f"{pad}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                block = _lines(item, indent + 4)
                out += [f"{pad}  - {block[0].lstrip()}", *block[1:]]
        elif isinstance(value, str) and "\n" in value:
            out.append(f"{pad}{key}: |")
            out += [f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n")]
        else:
            out.append(f"{pad}{key}: {scalar(value)}")
    return out


def dump(mapping: dict, comment: str) -> str:
    return "".join(f"# {line}\n" for line in comment.split("\n")) + "\n".join(_lines(mapping, 0)) + "\n"


# ----------------------------------------------------------------------------- the world


@dataclass
class Member:
    id: str
    name: str
    unit: str
    branch: str
    category: str = "在册"
    joined: str | None = None
    workplace: str | None = None
    points: str | None = None
    posts: list = field(default_factory=list)


@dataclass
class Branch:
    id: str
    name: str
    groups: list = field(default_factory=list)  # [(id, name)]
    members: list = field(default_factory=list)
    committee: list = field(default_factory=list)  # [(role, Member)]
    since: date = date(2024, 1, 10)


@dataclass
class World:
    """Everything decided about one community before its files are written."""

    slug: str
    profile: dict
    seed: int
    top_id: str = ""
    branches: list = field(default_factory=list)
    members: list = field(default_factory=list)
    committee: list = field(default_factory=list)  # [(role, Member)] of the top organisation
    candidates: dict = field(default_factory=dict)  # year -> [Member] who joined that year
    phones: dict = field(default_factory=dict)
    partners: list = field(default_factory=list)
    activities: dict = field(default_factory=dict)  # year -> [dict]
    ledgers: dict = field(default_factory=dict)  # year -> dict (the finance file)
    used_names: set = field(default_factory=set)
    grids: list = field(default_factory=list)  # per grid: [网格长, 楼栋长, 楼栋长] (Members)

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.slug}:{section}")

    @property
    def single_branch(self) -> bool:
        return self.profile["kind"] == "党支部"

    def officer(self, role: str) -> Member:
        return next(m for r, m in self.committee if r == role)

    def fresh_name(self, rng: random.Random) -> str:
        for _ in range(50):  # unique within the community while the pool lasts
            given = rng.choice(GIVEN_TWO) if rng.random() < 0.7 else rng.choice(GIVEN_ONE)
            name = rng.choice(SURNAMES) + given
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name


def build_organization(world: World) -> None:
    rng, profile = world.rng("organization"), world.profile
    if world.single_branch:
        world.top_id = "zb"
        world.branches = [Branch("zb", f"{profile['short_name']}社区党支部")]
    else:
        world.top_id = "dw" if profile["kind"] == "党委" else "dzz"
        world.branches = [Branch(f"zb{i}", f"第{cn_number(i)}党支部") for i in range(1, profile["branches"] + 1)]
    for branch in world.branches[: profile["grouped"]]:
        prefix = "" if world.single_branch else branch.name
        branch.groups = [(f"{branch.id}-xz{g}", f"{prefix}第{cn_number(g)}党小组") for g in (1, 2)]
    elected = rng.sample(world.branches, min(profile["elections"], len(world.branches)))
    for branch in elected:  # these branches held their 换届选举 in 2026
        branch.since = next_workday(date(2026, rng.choice((3, 4, 5)), rng.randint(10, 20)))


def build_members(world: World) -> None:
    rng, profile = world.rng("members"), world.profile
    total = profile["members"]
    joined_candidates = profile["candidates"] * len(YEARS)
    for number in range(1, total + 1):
        branch = world.branches[(number - 1) % len(world.branches)] if number <= len(world.branches) * 3 \
            else rng.choice(world.branches)
        member = Member(f"m{number:04d}", world.fresh_name(rng), branch.id, branch.id)
        roll = rng.random()
        if number > joined_candidates and roll < profile["reporting"]:
            member.category, member.workplace = "在职报到", rng.choice(WORKPLACES)
            member.points = Quoted(str(rng.randint(8, 60)))
        elif number > joined_candidates and roll < profile["reporting"] + profile["floating"]:
            member.category = "流动"
        earliest = 1993 if member.category == "在职报到" else 1962  # those still at work joined later
        member.joined = Quoted(str(rng.randint(earliest, 2023))) if rng.random() < 0.9 else None
        if branch.groups and rng.random() < 0.85:
            member.unit = rng.choice(branch.groups)[0]
        branch.members.append(member)
        world.members.append(member)
    _mark_candidates(world)
    _appoint(world, rng)
    _assign_posts(world, rng)


def _mark_candidates(world: World) -> None:
    """The first few members are those admitted as 预备党员 in 2025 and 2026 (their notices name them)."""
    per_year = world.profile["candidates"]
    for index, year in enumerate(YEARS):
        chosen = world.members[index * per_year:(index + 1) * per_year]
        for member in chosen:
            member.joined = Quoted(str(year))
        world.candidates[year] = chosen


def _regulars(members: list, taken: set) -> list:
    return [m for m in members if m.category == "在册" and m.id not in taken and int(m.joined or 0) < 2020]


def _appoint(world: World, rng: random.Random) -> None:
    taken: set = set()
    for branch in world.branches:
        chosen = rng.sample(_regulars(branch.members, taken), len(BRANCH_DUTIES))
        branch.committee = list(zip(BRANCH_DUTIES, chosen, strict=True))
        taken |= {m.id for m in chosen}
    if world.single_branch:
        world.committee = world.branches[0].committee
        return
    chosen = rng.sample(_regulars(world.members, taken), len(TOP_DUTIES))
    world.committee = list(zip(TOP_DUTIES, chosen, strict=True))


def _assign_posts(world: World, rng: random.Random) -> None:
    count = world.profile["posts"]
    holders = [m for m in world.members if m.category != "流动"]
    for index in range(count):
        post_id = _post(index)[0]
        for member in rng.sample(holders, min(len(holders), rng.randint(3, 6))):
            if len(member.posts) < 2:
                member.posts.append(post_id)


def _post(index: int) -> tuple:
    """The pool of posts repeats at scale, each round with its own id."""
    post_id, name, duties = POSTS[index % len(POSTS)]
    lap = index // len(POSTS)
    return (post_id, name, duties) if lap == 0 else (f"{post_id}-{lap + 1}", f"{name}（{cn_number(lap + 1)}组）", duties)


def build_partners(world: World) -> None:
    rng = world.rng("partners")
    for index in range(world.profile["partners"]):
        key, name, kind, content, topics = PARTNERS[index % len(PARTNERS)]
        lap = index // len(PARTNERS)
        signed = next_workday(date(rng.choice((2023, 2024)), rng.randint(1, 12), rng.randint(1, 20)))
        world.partners.append({
            "id": f"pt-{key}" + (f"-{lap + 1}" if lap else ""),
            "name": name if not lap else f"{name}（第{cn_number(lap + 1)}联络组）",
            "kind": kind,
            "agreement": {"signed": signed, "until": date(signed.year + 4, signed.month, 1) - timedelta(1),
                          "content": content},
            "paired_unit": world.branches[index % len(world.branches)].id,
            "contact": Quoted(phone(rng)),
            "_topics": topics,
        })


# ----------------------------------------------------------------------------- activities


def build_activities(world: World) -> None:
    for year in YEARS:
        rng = world.rng(f"activities-{year}")
        found: list = []
        for index, branch in enumerate(world.branches):
            found += _branch_meetings(branch, index, year, rng)
        found += _theme_days(world, year, rng)
        found += _volunteering(world, year, rng)
        found += _joint(world, year, rng)
        world.activities[year] = _numbered(found)


def _numbered(activities: list) -> list:
    """Sorted by date; ids a2026-0110-1, a2026-0110-2 … are stable for the same data."""
    activities.sort(key=lambda a: a["date"])
    per_day: dict = {}
    for activity in activities:
        day = activity["date"]
        per_day[day] = per_day.get(day, 0) + 1
        activity["id"] = f"a{day:%Y-%m%d}-{per_day[day]}"
    return [{"id": a.pop("id"), **a} for a in activities]


def _attendance(rng: random.Random, expected: int) -> Flow:
    absent = min(expected - 1, rng.choice((0, 0, 1, 1, 2, 3)) + expected // 12)
    return Flow(present=expected - absent, expected=expected)


def _meeting(day, kind, unit, title, location, attendance, summary) -> dict:
    return {"date": day, "kind": kind, "unit": unit, "title": title, "location": location,
            "attendance": attendance, "summary": summary}


def _branch_meetings(branch: Branch, index: int, year: int, rng) -> list:
    """三会一课: 支委会 and 党小组会 monthly, 支部党员大会 and 党课 quarterly."""
    found, name, size = [], branch.name, len(branch.members)
    groups = "（{}）".format("、".join(g[1].replace(branch.name, "") for g in branch.groups)) if branch.groups else ""
    for month in months(year):
        days = workdays(year, month)
        first = days[(index + rng.randint(0, 2)) % min(5, len(days))]
        later = days[min(len(days) - 1, days.index(first) + rng.randint(3, 6))]
        found.append(_meeting(first, "支委会", branch.id, f"{name}{month}月支委会", LOCATIONS[2],
                              Flow(present=len(branch.committee), expected=len(branch.committee)),
                              f"研究{AGENDA[month - 1]}，安排本月组织生活。"))
        found.append(_meeting(later, "党小组会", branch.id, f"{name}{month}月党小组会{groups}",
                              LOCATIONS[2], _attendance(rng, size),
                              f"学习{STUDY[month - 1]}，交流承诺践诺情况。"))
        quarter = (month - 1) // 3
        if month % 3 == 1:
            day = days[min(len(days) - 1, 8 + rng.randint(0, 4))]
            found.append(_meeting(day, "支部党员大会", branch.id, f"{name}第{cn_number(quarter + 1)}季度党员大会",
                                  LOCATIONS[1], _attendance(rng, size), f"通报本季度支部工作，讨论{ASSEMBLY[quarter]}。"))
        if month % 3 == 2:
            day = days[min(len(days) - 1, 9 + rng.randint(0, 4))]
            lesson = LESSONS[(quarter + index) % len(LESSONS)]
            found.append(_meeting(day, "党课", branch.id, f"{name}党课：{lesson}", LOCATIONS[1],
                                  _attendance(rng, size), f"支部书记讲党课，题目是“{lesson}”。"))
    return found


def _theme_days(world: World, year: int, rng) -> list:
    found, everyone = [], len(world.members)
    for month in months(year):
        theme, what = THEME_DAYS[month - 1]
        day = workdays(year, month)[-1]
        found.append(_meeting(day, "主题党日", world.top_id, f"{month}月主题党日：{theme}",
                              LOCATIONS[1] if month in (2, 7, 9, 12) else OUTDOOR[month % len(OUTDOOR)],
                              _attendance(rng, everyone), f"{what}。"))
    return found


def _volunteering(world: World, year: int, rng) -> list:
    found = []
    for number in range(world.profile["volunteer"]):
        month = months(year)[number % len(months(year))]
        days = saturdays(year, month)
        if not days:
            continue
        branch = rng.choice(world.branches)
        what = rng.choice(VOLUNTEER)
        present = rng.randint(6, 20)
        found.append({"date": rng.choice(days), "kind": "志愿服务", "unit": branch.id,
                      "title": f"{branch.name.replace('社区', '')}志愿服务：{what}",
                      "location": rng.choice(OUTDOOR), "attendance": Flow(present=present, expected=present),
                      "summary": f"党员{present}人参加{what}，在职报到党员按次记服务积分。"})
    return found


def _joint(world: World, year: int, rng) -> list:
    found = []
    for number in range(world.profile["joint"]):
        partner = world.partners[number % len(world.partners)]
        month = months(year)[(number * 5 + 2) % len(months(year))]
        topic = rng.choice(partner["_topics"])
        present = rng.randint(10, 30)
        found.append({"date": rng.choice(workdays(year, month)), "kind": "共建活动",
                      "unit": partner["paired_unit"], "title": f"与{partner['name']}共建：{topic}",
                      "location": rng.choice(OUTDOOR + LOCATIONS[1:2]), "partners": [partner["id"]],
                      "attendance": Flow(present=present, expected=present),
                      "summary": f"共建单位党员和社区党员共{present}人参加{topic}。"})
    return found


# ----------------------------------------------------------------------------- money


def build_finances(world: World) -> None:
    rng = world.rng("finances")
    opening = {"service": round_yuan(money(rng, 6000, 12000)) + money(rng, 0, 99),
               "dues": money(rng, 800, 2500), "gongjian": round_yuan(money(rng, 2000, 5000))}
    for year in YEARS:
        world.ledgers[year] = _ledger(world, year, opening, world.rng(f"finances-{year}"))
        opening = closing(world.ledgers[year])


def _ledger(world: World, year: int, opening: dict, rng) -> dict:
    projects = _projects(world, year, rng)
    entries = (_service_entries(world, year, projects, rng) + _dues_entries(world, year, rng)
               + _gongjian_entries(world, year, rng))
    entries = _affordable(sorted(entries, key=lambda e: (e["date"], e["fund"])), opening)
    handlers = {"service": world.officer("宣传委员").name, "dues": world.officer("组织委员").name,
                "gongjian": world.officer("宣传委员").name}
    for number, entry in enumerate(entries, start=1):
        entry["voucher"] = f"记-{year}-{number:03d}"
        entry["handler"], entry["approver"] = handlers[entry["fund"]], world.officer("书记").name
    for project in projects:
        project.pop("_payments")
    return {
        "funds": [{"id": "service", "name": "党组织服务群众经费", "audience": "public"},
                  {"id": "dues", "name": "党费"},
                  {"id": "gongjian", "name": "共建经费", "audience": "public"}],
        "opening": dict(opening),
        "projects": projects,
        "entries": [_entry_fields(e) for e in entries],
        "checks": _checks(year, opening, entries),
    }


def _entry_fields(entry: dict) -> dict:
    order = ("date", "fund", "amount", "category", "summary", "voucher", "handler", "approver", "project")
    return {key: entry.get(key) for key in order}


def _projects(world: World, year: int, rng) -> list:
    stages = ("公示", "验收", "报销", "推进", "审核") if year == YEARS[-1] else ("公示",)
    payments = {"公示": 3, "验收": 3, "报销": 2, "推进": 1, "审核": 0}
    names = rng.sample(PROJECTS, min(len(PROJECTS), world.profile["projects"]))
    found = []
    for number in range(world.profile["projects"]):
        stage = stages[number % len(stages)]
        budget = round_yuan(Decimal(world.profile["grant"]) * Decimal(rng.randint(10, 16)) / 100)
        name = names[number % len(names)] + ("" if number < len(names) else f"（{cn_number(number // len(names) + 1)}期）")
        found.append({"id": f"pj{year}-{number + 1:02d}", "fund": "service", "name": name, "budget": budget,
                      "stage": stage, "decided": next_workday(date(year, 3 + number % 4, rng.randint(5, 20))),
                      "_payments": payments[stage]})
        found[-1]["note"] = f"居民议事会提出，{found[-1]['decided'].month}月经支委会议定"
    return found


def _service_entries(world: World, year: int, projects: list, rng) -> list:
    grant = Decimal(world.profile["grant"])
    found = [_income("service", next_workday(date(year, 1, 12)), grant * Decimal("0.6"), "上级拨付",
                     f"街道拨付{year}年度党组织服务群众经费（第一批）")]
    if date(year, 7, 15) <= UNTIL[year]:
        found.append(_income("service", next_workday(date(year, 7, 15)), grant * Decimal("0.4"), "上级拨付",
                             f"街道拨付{year}年度党组织服务群众经费（第二批）"))
    for project in projects:
        found += _project_payments(project, year, rng)
    found += _service_spends(world, year, rng)
    return found


def _service_spends(world: World, year: int, rng) -> list:
    """Half pay for theme days and volunteering (the activity named), half are standalone costs."""
    grant = int(world.profile["grant"])
    outings = [a for a in world.activities[year] if a["kind"] in ("主题党日", "志愿服务")]
    count = world.profile["spends"]
    found = []
    for activity in rng.sample(outings, min(len(outings), (count + 1) // 2)):
        found.append(_spend("service", activity["date"], money(rng, 0.004 * grant, 0.015 * grant),
                            "活动经费", f"{activity['title']}：购买活动物资"))
    for number in range(count // 2):
        month, category, what = SPENDS[number % len(SPENDS)]
        day = next_workday(date(year, month, rng.randint(3, 18)))
        if day <= UNTIL[year]:
            found.append(_spend("service", day, money(rng, 0.004 * grant, 0.02 * grant), category, what))
    return found


def _project_payments(project: dict, year: int, rng) -> list:
    count = project["_payments"]
    if not count:
        return []
    shares = [Decimal(s) for s in ("0.40", "0.35", "0.22")][:count]
    phases = ("首付款", "进度款", "尾款")
    start, found = project["decided"], []
    for index, share in enumerate(shares):
        day = next_workday(start + timedelta(20 + 25 * index + rng.randint(0, 10)))
        if day > UNTIL[year]:
            break
        amount = (project["budget"] * share - money(rng, 0, 300)).quantize(CENT)
        entry = _spend("service", day, amount, "项目支出", f"{project['name']}{phases[index]}")
        entry["project"] = project["id"]
        found.append(entry)
    return found


def _dues_entries(world: World, year: int, rng) -> list:
    found = []
    for quarter in range(4):
        collected = next_workday(date(year, quarter * 3 + 3, 8))
        remitted = next_workday(date(year, quarter * 3 + 3, 22))
        if remitted > UNTIL[year]:
            break
        total = Decimal(0)
        for branch in world.branches:
            amount = money(rng, 9, 16) * 3 * len(branch.members)
            total += amount.quantize(CENT)
            found.append(_income("dues", collected, amount, "党费收缴",
                                 f"{branch.name}第{cn_number(quarter + 1)}季度党费"))
        found.append(_spend("dues", remitted, total * Decimal("0.9"), "党费上缴",
                            f"按规定上缴第{cn_number(quarter + 1)}季度党费至街道党工委"))
    found.append(_income("dues", next_workday(date(year, 4, 10)), money(rng, 1500, 3000), "上级下拨",
                         "街道党工委下拨党费，用于党员教育"))
    for number in range(world.profile["dues_spends"]):
        day = next_workday(date(year, 5 + number % 6, rng.randint(5, 18)))
        found.append(_spend("dues", day, money(rng, 200, 900), "党员教育", DUES_SPENDS[number % len(DUES_SPENDS)]))
    return found


def _gongjian_entries(world: World, year: int, rng) -> list:
    found = []
    for partner in world.partners[: max(1, len(world.partners) // 2)]:
        found.append(_income("gongjian", next_workday(date(year, 2, rng.randint(16, 27))),
                             round_yuan(money(rng, 2000, 6000)), "共建单位拨入", f"{partner['name']}拨入共建经费"))
    for activity in [a for a in world.activities[year] if a["kind"] == "共建活动"]:
        found.append(_spend("gongjian", activity["date"], money(rng, 500, 2500), "共建活动",
                            f"{activity['title']}物资"))
    return found


def _income(fund: str, day: date, amount: Decimal, category: str, summary: str) -> dict:
    return {"date": day, "fund": fund, "amount": amount.quantize(CENT), "category": category, "summary": summary}


def _spend(fund: str, day: date, amount: Decimal, category: str, summary: str) -> dict:
    return _income(fund, day, -abs(amount), category, summary)


def _affordable(entries: list, opening: dict) -> list:
    """Never spend below zero: a payment larger than what is left is cut to half of what is left."""
    balance, kept = dict(opening), []
    for entry in entries:
        amount = entry["amount"]
        if amount < 0 and balance[entry["fund"]] + amount < 0:
            amount = -(balance[entry["fund"]] / 2).quantize(CENT)
            if amount == 0:
                continue
            entry["amount"] = amount
        balance[entry["fund"]] += amount
        kept.append(entry)
    return kept


def running_balance(opening: dict, entries: list, fund: str, until: date) -> Decimal:
    """Opening plus every entry of the fund up to and including ``until``."""
    return opening[fund] + sum((e["amount"] for e in entries if e["fund"] == fund and e["date"] <= until),
                               Decimal(0))


def closing(ledger: dict) -> dict:
    return {fund: running_balance(ledger["opening"], ledger["entries"], fund, date.max)
            for fund in ledger["opening"]}


def _checks(year: int, opening: dict, entries: list) -> list:
    ends = [date(year, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31)) if date(year, m, d) <= UNTIL[year]]
    return [{"date": end, "fund": fund, "balance": running_balance(opening, entries, fund, end)}
            for end in ends for fund in opening]


# ----------------------------------------------------------------------------- commitments


def build_commitments(world: World) -> dict:
    """Units and members alternate; in the last year a few run late. Every one has a baseline and a
    checkable target (the check warns without one, and the samples must pass it cleanly)."""
    found = {}
    for year in YEARS:
        rng = world.rng(f"commitments-{year}")
        owners = [world.top_id] + [b.id for b in world.branches if b.id != world.top_id]
        people = [m for m in world.members if m.category != "流动"]
        plans = _plans(world.profile, year)
        items = []
        for number in range(world.profile["commitments"]):
            by_unit = number % 2 == 0
            owner = owners[(number // 2) % len(owners)] if by_unit else rng.choice(people).id
            pool = UNIT_PROMISES if by_unit else MEMBER_PROMISES
            template = pool[(number // 2) % len(pool)]
            items.append(_commitment(year, number, owner, template, plans.get(number, "kept"), rng))
        found[year] = {"commitments": items, "stages": _stages(year)}
    return found


def _stages(year: int) -> dict:
    """年初列清单 once every commitment is made, 年中查清单 in July, 年底述清单 the next January
    (not yet held in the last year)."""
    stages = {"listed": {"date": next_workday(date(year, 1, 26)), "note": "在社区公开栏和网站公布全年承诺清单"},
              "checked": {"date": next_workday(date(year, 7, 8)), "note": "党员大会逐项检查承诺进展，公布年中进度"}}
    if year < YEARS[-1]:
        stages["reported"] = {"date": next_workday(date(year + 1, 1, 8)), "note": "党员大会上逐项述诺，居民代表参加评议"}
    return stages


def _plans(profile: dict, year: int) -> dict:
    """Which commitments (by number) run late."""
    if year != YEARS[-1]:
        return {}
    count = profile["commitments"]
    units_due_september = [n for n in range(0, count, 2) if UNIT_PROMISES[(n // 2) % len(UNIT_PROMISES)][4] == 9]
    return {n: "overdue" for n in units_due_september[: profile["overdue"]]}


def _commitment(year: int, number: int, owner: str, template: tuple, plan: str, rng) -> dict:
    category, title, baseline, target, due_month = template
    n, k = rng.randint(3, 30), rng.randint(2, 5)
    made = next_workday(date(year, 1, 12 + number % 10))
    due = date(year, due_month + 1, 1) - timedelta(1) if due_month < 12 else date(year, 12, 31)
    item = {"id": f"c{year}-{number + 1:03d}", "owner": owner, "title": title, "category": category,
            "made": made, "due": due, "baseline": baseline.format(n=n, k=k),
            "target": target.format(n=n, k=k)}
    item["reviews"] = _reviews(year, made, due, plan, rng)
    return item


def _reviews(year: int, made: date, due: date, plan: str, rng) -> list:
    """年初列清单, 年中查清单, 季度讲评, 年底述清单; progress never goes down."""
    reviews = [{"date": made, "stage": "年初", "status": "未开始", "progress": 0, "note": "列入年度承诺清单"}]
    mid, third, end = date(year, 6, 30), date(year, 9, 30), date(year, 12, 28)
    halfway = 100 if due <= mid and plan == "kept" else rng.randint(30, 60)
    reviews.append(_review(mid, "年中", halfway, "已完成" if halfway == 100 else "年中查清单，按计划推进"))
    if third <= UNTIL[year]:
        reached = 100 if due <= third and plan != "overdue" else min(95, halfway + rng.randint(10, 30))
        note = "已逾期：还有部分没有完成，预计年底前完成" if plan == "overdue" else "季度讲评"
        reviews.append(_review(third, "季度", max(halfway, reached), note))
    if end <= UNTIL[year]:
        reviews.append(_review(end, "年底", 100, "年底述清单，群众评议满意"))
    return reviews


def _review(day: date, stage: str, progress: int, note: str) -> dict:
    status = "已完成" if progress >= 100 else "进行中"
    return {"date": day, "stage": stage, "status": status, "progress": progress, "note": note}


# ----------------------------------------------------------------------------- notices


def build_notices(world: World) -> dict:
    found = {}
    for year in YEARS:
        rng = world.rng(f"notices-{year}")
        items = (_development(world, year, rng) + _appraisal(world, year) + _awards(world, year, rng)
                 + _fund_notices(world, year) + _elections(world, year))
        items.sort(key=lambda n: (n["start"], n["title"]))
        found[year] = {"notices": [{"id": f"n{year}-{i:02d}", **n} for i, n in enumerate(items, start=1)]}
    return found


def _notice(kind, title, start, body, contact, people=(), days=7, end=None) -> dict:
    end = end or notice_end(start, days)
    body = body + f"\n\n公示时间：{cn_date(start)}至{cn_date(end)}。公示期间，党员和群众可来电、来信或到党群服务中心反映意见。\n"
    return {"kind": kind, "title": title, "start": start, "end": end, "body": body,
            "contact": Quoted(contact), "people": list(people)}


def _development(world: World, year: int, rng) -> list:
    """发展党员公示: 列为发展对象, then 接收为预备党员; in 2026 the first of 2025 comes up for 转正."""
    found, contact = [], world.phones["supervision"]
    for index, person in enumerate(world.candidates[year]):
        branch = next(b for b in world.branches if b.id == person.branch)
        first_month, second_month = (4 + index, 11 + index) if year == YEARS[0] else (3 + index, 9 + index)
        first = next_workday(date(year, first_month, rng.randint(3, 12)))
        found.append(_notice("发展党员公示", f"关于拟将{person.name}同志列为发展对象的公示", first,
                             f"经{branch.name}委员会研究，拟将{person.name}同志列为发展对象，现予公示。",
                             contact, [person.name]))
        second = next_workday(date(year, min(12, second_month), rng.randint(3, 12)))
        if second <= UNTIL[year]:
            found.append(_notice("发展党员公示", f"关于拟接收{person.name}同志为预备党员的公示", second,
                                 f"经{branch.name}委员会审查，拟提交支部党员大会讨论接收{person.name}同志为中共预备党员，现予公示。",
                                 contact, [person.name]))
    if year == YEARS[-1] and world.candidates[YEARS[0]]:
        person = world.candidates[YEARS[0]][0]
        found.append(_notice("发展党员公示", f"关于{person.name}同志预备期满拟按期转正的公示", date(2026, 11, 18),
                             f"{person.name}同志预备期将满一年，经支部委员会审查，拟提交支部党员大会讨论其按期转正，现予公示。",
                             contact, [person.name], end=date(2026, 11, 26)))
    return found


def _appraisal(world: World, year: int) -> list:
    start = next_workday(date(year, 2, 24))
    before = [m for m in world.members if int(m.joined or 0) < year - 1]  # members for the whole year
    floating = sum(m.category == "流动" for m in before)
    appraised = len(before) - floating
    good = max(1, appraised // 6)
    body = (f"按照{year - 1}年度组织生活会和民主评议党员工作安排，社区党组织对{appraised}名党员进行了评议："
            f"评为优秀{good}名、合格{appraised - good}名，无不合格党员。")
    if floating:
        body += f"{floating}名流动党员由流入地党组织参与评议。"
    return [_notice("民主评议", f"{year - 1}年度民主评议党员结果公示", start, body, world.phones["supervision"])]


def _awards(world: World, year: int, rng) -> list:
    eligible = [m for m in world.members if m.category == "在册" and int(m.joined or 0) < 2020]
    people = [m.name for m in rng.sample(eligible, min(3, len(eligible)))]
    who = "各党小组推荐、支部委员会" if world.single_branch else "各党支部推荐、社区党组织"
    body = f"经{who}研究，拟表彰{year}年度优秀共产党员：{'、'.join(people)}同志，现予公示。"
    return [_notice("表彰", f"关于拟表彰{year}年度优秀共产党员的公示", next_workday(date(year, 6, 15)), body,
                    world.phones["supervision"], people)]


def _fund_notices(world: World, year: int) -> list:
    """Service-fund reports, posted on the 10th after each period; figures come from the ledger."""
    periods = {4: ((1, 3), (4, 6), (7, 9), (10, 12)), 2: ((1, 6), (7, 12)), 1: ((1, 12),)}[world.profile["fund_notices"]]
    found = []
    for period_year in (year - 1, year):
        if period_year not in world.ledgers:
            continue
        for first, last in periods:
            posted = date(period_year + (last == 12), last % 12 + 1, 10)
            if posted.year != year:
                continue
            start = next_workday(posted)
            if start <= UNTIL[year]:
                found.append(_fund_report(world, period_year, first, last, start))
    if year == YEARS[-1]:
        found += _project_acceptance(world, year)
    return found


PERIOD_NAMES = {(1, 12): "度", (1, 6): "上半年", (7, 12): "下半年"}


def _fund_report(world: World, year: int, first: int, last: int, start: date) -> dict:
    ledger = world.ledgers[year]
    period_start, period_end = date(year, first, 1), date(year + (last == 12), last % 12 + 1, 1) - timedelta(1)
    rows = [e for e in ledger["entries"] if e["fund"] == "service" and period_start <= e["date"] <= period_end]
    income = sum((e["amount"] for e in rows if e["amount"] > 0), Decimal(0))
    spent = -sum((e["amount"] for e in rows if e["amount"] < 0), Decimal(0))
    balance = running_balance(ledger["opening"], ledger["entries"], "service", period_end)
    span = PERIOD_NAMES.get((first, last)) or f"第{cn_number(last // 3)}季度"
    span = f"{year}年{span}"
    body = (f"{span}，党组织服务群众经费收入{yuan(income)}元，支出{yuan(spent)}元，{cn_date(period_end)}余额{yuan(balance)}元。"
            f"每笔收支见本栏“经费收支”页面，欢迎监督。")
    return _notice("经费公示", f"{span}党组织服务群众经费使用情况公示", start, body, world.phones["office"])


def _project_acceptance(world: World, year: int) -> list:
    accepted = [p for p in world.ledgers[year]["projects"] if p["stage"] == "验收"]
    if not accepted:
        return []
    project = accepted[0]
    paid = -sum((e["amount"] for e in world.ledgers[year]["entries"] if e.get("project") == project["id"]), Decimal(0))
    body = (f"服务群众项目“{project['name']}”已完工并通过验收，预算{yuan(project['budget'])}元，"
            f"实际支出{yuan(paid)}元，现将验收结果和费用予以公示。")
    return [_notice("经费公示", f"关于“{project['name']}”项目验收和费用的公示", date(2026, 11, 19), body,
                    world.phones["office"], end=date(2026, 11, 27))]


def _elections(world: World, year: int) -> list:
    found = []
    for branch in world.branches:
        if branch.since.year != year:
            continue
        start = next_workday(branch.since - timedelta(21))
        names = "、".join(m.name for _, m in branch.committee)
        body = (f"{branch.name}委员会任期届满，经党员推荐、支部委员会研究、上级党组织同意，"
                f"确定{names}为新一届支部委员会委员候选人预备人选，现予公示。")
        found.append(_notice("换届选举", f"关于{branch.name}委员会换届选举候选人预备人选的公示", start, body,
                             world.phones["supervision"], [m.name for _, m in branch.committee]))
    return found


# ----------------------------------------------------------------------------- single files


def community_file(world: World) -> dict:
    profile, phones = world.profile, world.phones
    kind = profile["kind"]
    full = {"党委": "委员会", "党总支": "总支部委员会", "党支部": "支部委员会"}[kind]
    groups = sum(len(b.groups) for b in world.branches)
    sub = "下设" if world.single_branch else f"下设{len(world.branches)}个党支部、"
    about = (f"{profile['name']}位于{STREET}，辖{len(world.branches) + 2}个小区。社区{kind}{sub}"
             f"{groups}个党小组，现有党员{len(world.members)}名，其中在职报到党员"
             f"{sum(m.category == '在职报到' for m in world.members)}名。")
    return {
        "name": profile["name"], "short_name": profile["short_name"], "street": STREET, "district": DISTRICT,
        "organization": {"name": f"中共{STREET}{profile['name']}{full}", "kind": kind},
        "office": {"address": f"{profile['road']}{world.rng('address').randint(2, 40)}号{profile['name']}党群服务中心",
                   "phone": Quoted(phones["office"])},
        "hours": [{"days": "周一至周五", "time": Quoted("8:30-17:30")},
                  {"days": "周六", "time": Quoted("9:00-12:00"), "note": "错时服务"},
                  {"days": "节假日", "time": Quoted("9:00-11:00"), "note": "社区干部轮流值班"}],
        "supervision": {"phone": Quoted(phones["supervision"]), "mailbox": "党群服务中心一楼大厅",
                        "reception": "每月第一个周三上午",
                        "email": f"{world.slug}-dangwu@example.cn" if profile["email"] else None},
        "phones": [Quoted(phones["hotline"])],  # 便民服务热线
        "about": about,
        "base_url": f"https://dangwu.example.cn/{world.slug}/",
        "masking": "middle",
        "kiosk": {"interval": 12, "idle": 90},
    }


def organization_file(world: World) -> dict:
    units = []
    if not world.single_branch:
        name = f"{world.profile['name']}{world.profile['kind']}"
        units.append({"id": world.top_id, "name": name, "kind": world.profile["kind"],
                      "committee": _committee(world.committee, TOP_DUTIES, date(2023, 12, 15))})
    for branch in world.branches:
        units.append({"id": branch.id, "name": branch.name, "kind": "党支部",
                      "parent": None if world.single_branch else world.top_id,
                      "committee": _committee(branch.committee, BRANCH_DUTIES, branch.since)})
        units += [{"id": gid, "name": gname, "kind": "党小组", "parent": branch.id} for gid, gname in branch.groups]
    posts = []
    for index in range(world.profile["posts"]):
        post_id, name, duties = _post(index)
        posts.append({"id": post_id, "name": name, "duties": duties, "unit": world.top_id})
    posts += [{"id": i, "name": n, "duties": d, "unit": world.top_id} for i, n, d in GRID_POSTS]
    return {"units": units, "posts": posts}


def _committee(people: list, duties: dict, since: date) -> list:
    return [{"name": m.name, "role": role, "duties": duties[role], "since": since, "member": m.id}
            for role, m in people]


def members_file(world: World) -> dict:
    return {"members": [{"id": m.id, "name": m.name, "unit": m.unit,
                         "category": None if m.category == "在册" else m.category, "joined": m.joined,
                         "posts": m.posts, "workplace": m.workplace, "points": m.points}
                        for m in world.members]}


def partners_file(world: World) -> dict:
    return {"partners": [{k: v for k, v in p.items() if not k.startswith("_")} for p in world.partners]}


# ----------------------------------------------------------------------------- 网格 and 双报到 (issue 15)

GRID_POSTS = (  # (id, name, duties): who answers for a grid (定人); appended after the posts above
    ("p-wgz", "网格长", "统筹本网格的走访、诉求收集和矛盾化解，每周到网格巡查一次"),
    ("p-ldz", "楼栋长", "联系本楼栋居民，及时反映楼栋里的急难愁盼问题"),
)
GRID_DUTIES = ("走访楼栋、收集居民诉求，小事不出网格", "排查消防和楼道安全隐患，协助垃圾分类桶前值守",
               "联系独居和高龄老人，组织在职党员认领微心愿", "宣传政策，调解邻里纠纷，化解矛盾在楼门")
SERVICE_WORK = ("为独居老人测量血压", "辅导四点半课堂作业", "垃圾分类桶前值守", "清理楼道堆物",
                "帮助老人使用智能手机", "文明养犬劝导", "义务理发", "讲解医保报销政策", "整理社区图书角",
                "协助社区便民服务日")
SERVICE_NEEDS = ("微心愿：帮高龄老人修理轮椅", "需求清单：老旧楼道照明维修", "项目清单：四点半课堂")
SERVICE_HOURS = ("1.0", "1.5", "2.0", "2.0", "2.5", "3.0", "4.0")


def grid_count(world: World) -> int:
    return 2 if world.single_branch else len(world.branches)


def build_grids(world: World) -> None:
    """Each grid's 网格长 and two 楼栋长 come from one branch; they hold the grid posts."""
    rng = world.rng("grids")
    for index in range(grid_count(world)):
        branch = world.branches[index % len(world.branches)]
        pool = [m for m in branch.members if m.category == "在册" and "p-wgz" not in m.posts and "p-ldz" not in m.posts]
        chosen = rng.sample(pool, 3)
        chosen[0].posts.append("p-wgz")
        for member in chosen[1:]:
            member.posts.append("p-ldz")
        world.grids.append(chosen)


def grids_file(world: World) -> dict:
    per = 4 if len(world.grids) > 2 else 3
    grids = []
    for index, people in enumerate(world.grids):
        first = index * per + 1
        area = [f"{n}号楼" for n in range(first, first + per)]
        if index == 0:  # the last building of the first grid is shared with the second, by 单元
            area[-1] += "1-2单元"
        if index == 1:
            area.insert(0, f"{per}号楼3-4单元")
        grids.append({"id": f"g{index + 1}", "name": f"第{cn_number(index + 1)}网格", "area": area,
                      "members": [m.id for m in people], "posts": ["p-wgz", "p-ldz"],
                      "duties": GRID_DUTIES[index % len(GRID_DUTIES)]})
    return {"grids": grids}


# ----------------------------------------------------------------------------- 值班 and 错时服务 (issue 15)

HOLIDAY_DUTIES = ((1, 1, "元旦假期值班"), (2, 17, "春节假期值班，接待居民来访、处理突发情况"), (10, 1, "国庆假期值班"))


def rota_file(world: World, year: int) -> dict:
    """A year's 值班表: each month 错时服务 on Saturday mornings (a service post with a member in
    turn) and Wednesday evenings (a post); leaders on duty on the first day of the big holidays;
    in December a members-only hour in the 党员活动室."""
    rng = world.rng(f"rota-{year}")
    phone = Quoted(world.phones["office"])
    posts = [_post(i)[0] for i in range(world.profile["posts"])]
    saturday, evening = ("p-bianmin" if "p-bianmin" in posts else posts[0]), ("p-tiaojie" if "p-tiaojie" in posts else posts[-1])
    people = [m for m in world.members if m.category == "在册"]
    leaders = [m for _, m in world.committee]
    duties = []
    for month in range(1, 13):
        duties.append({"id": f"z{year}-{month:02d}-sat", "kind": "错时服务", "month": month, "weekday": "周六",
                       "start": Quoted("9:00"), "end": Quoted("12:00"), "posts": [saturday],
                       "members": [rng.choice(people).id], "place": "党群服务中心一楼便民服务窗口", "phone": phone,
                       "note": "代办社保认证、开具居住证明，为上班族错时办事"})
        duties.append({"id": f"z{year}-{month:02d}-wed", "kind": "错时服务", "month": month, "weekday": "周三",
                       "start": Quoted("17:30"), "end": Quoted("19:30"), "posts": [evening],
                       "place": "党群服务中心二楼议事厅", "phone": phone, "note": "下班时间接待居民，收集意见建议"})
    for number, (month, day, note) in enumerate(HOLIDAY_DUTIES):
        duties.append({"id": f"z{year}-{month:02d}{day:02d}", "kind": "值班", "date": date(year, month, day),
                       "start": Quoted("9:00"), "end": Quoted("11:00"), "members": [leaders[number % len(leaders)].id],
                       "place": "党群服务中心一楼大厅", "phone": phone, "note": note})
    duties.append({"id": f"z{year}-12-dy", "kind": "值班", "month": 12, "weekday": "周五", "start": Quoted("14:00"),
                   "end": Quoted("16:00"), "members": [world.officer("组织委员").id], "place": "党群服务中心三楼党员活动室",
                   "phone": phone, "note": "党员活动室开放，接待党员学习和组织关系咨询", "audience": "members"})
    return {"duties": duties}


def service_file(world: World, year: int) -> dict:
    """Each 在职报到 member serves a few times a year, spread over the months recorded."""
    rng = world.rng(f"service-{year}")
    reporting = [m for m in world.members if m.category == "在职报到"]
    found = []
    for member in reporting:
        for month in sorted(rng.sample(months(year), rng.randint(2, 5))):  # at most once a month each
            days = saturdays(year, month) or workdays(year, month)
            entry = {"member": member.id, "date": rng.choice(days), "hours": rng.choice(SERVICE_HOURS),
                     "what": rng.choice(SERVICE_WORK)}
            if rng.random() < 0.25:
                entry["need"] = rng.choice(SERVICE_NEEDS)
            found.append(entry)
    found.sort(key=lambda e: (e["date"], e["member"]))
    return {"services": [{"id": f"s{year}-{n:03d}", **e} for n, e in enumerate(found, start=1)]}


# ----------------------------------------------------------------------------- writing


def build_world(slug: str, profile: dict, seed: int) -> World:
    world = World(slug, profile, seed)
    rng = world.rng("phones")
    numbers = set()
    while len(numbers) < 3:
        numbers.add(phone(rng))
    world.phones = dict(zip(("office", "supervision", "hotline"), sorted(numbers), strict=True))
    build_organization(world)
    build_members(world)
    build_partners(world)
    build_activities(world)
    build_finances(world)
    build_grids(world)
    return world


def generate(root: Path, slug: str, profile: dict, seed: int) -> Path:
    """Write the community ``slug`` under ``root/communities/slug/`` and return that folder.

    ``root`` is a data folder (what ``dangwu check`` takes). Files are overwritten, nothing else
    in the folder is touched.
    """
    world = build_world(slug, profile, seed)
    folder = Path(root) / "communities" / slug
    note = (f"{profile['name']}：示例数据，人名、单位、地点和电话均为虚构。\n"
            f"由 bench/synth.py 生成（种子 {seed}）；改数据请改生成器后重新生成。")
    files = {
        "community.yml": community_file(world),
        "organization.yml": organization_file(world),
        "members.yml": members_file(world),
        "partners.yml": partners_file(world),
        "grids.yml": grids_file(world),
    }
    commitments, notices = build_commitments(world), build_notices(world)
    for year in YEARS:
        files[f"activities/{year}.yml"] = {"activities": world.activities[year]}
        files[f"finances/{year}.yml"] = world.ledgers[year]
        files[f"commitments/{year}.yml"] = commitments[year]
        files[f"notices/{year}.yml"] = notices[year]
        service = service_file(world, year)
        if service["services"]:  # a community without 在职报到 members keeps no 双报到 file
            files[f"service/{year}.yml"] = service
    files[f"rota/{YEARS[-1]}.yml"] = rota_file(world, YEARS[-1])
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(content, note), encoding="utf-8", newline="\n")
    return folder


def generate_samples(root: Path) -> list[Path]:
    """(Re)write the three sample communities under ``root/communities/``."""
    return [generate(root, slug, profile, seed) for slug, (profile, seed) in SAMPLES.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成虚构的示例社区数据（确定性，可重复）")
    parser.add_argument("outdir", type=Path, help="数据文件夹：社区写到 OUTDIR/communities/SLUG/")
    parser.add_argument("--samples", action="store_true", help="重新生成三个示例社区")
    parser.add_argument("--slug", default="bench", help="社区编号（默认 bench）")
    parser.add_argument("--scale", type=int, default=1, help="规模：大型示例社区的几倍（默认 1）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    args = parser.parse_args(argv)
    if args.samples:
        folders = generate_samples(args.outdir)
    else:
        folders = [generate(args.outdir, args.slug, scaled(LARGE, args.scale), args.seed)]
    for folder in folders:
        print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
