"""The files of a new community (``dangwu new community SLUG``), as the clerk will first see them.

Every value is a placeholder that ``dangwu check`` accepts with a warning (so the clerk can
preview at once) while being plainly something to replace: "（请填写…）", and the office phone
010-00000000; ``dangwu build`` refuses to publish them (generator/checks/placeholders.py).
``$year`` is replaced by the current year, ``$since`` by the day the community was created:
months and quarters before it are not held against the new community (三会一课, 公开目录).
"""
from __future__ import annotations

from datetime import date
from string import Template

COMMUNITY = """\
# 社区基本信息：改好每个“（请填写…）”和电话 010-00000000。电话只写组织的座机，不写个人手机。
name: "（请填写社区名称，如 和平里社区）"  # 社区名称
short_name: "（请填写简称，如 和平里）"  # 简称：用于门户和大屏
street: "（请填写所属街道）"  # 所属街道
district: "（请填写所属区）"  # 所属区
organization:
  name: "（请填写社区党组织全称，如 中共××街道××社区委员会）"  # 组织全称
  kind: 党支部  # 组织类别：党委、党总支或党支部
office:
  address: "（请填写党群服务中心地址）"  # 办公地址（可以公开；个人住址不可以）
  phone: "010-00000000"  # 办公电话：组织的座机
hours:  # 办公时间：每个时间段一项
  - days: 周一至周五
    time: "8:30-17:30"
supervision:  # 监督渠道
  phone: "010-00000000"  # 监督电话
  mailbox: "（请填写意见箱位置，如 党群服务中心一楼大厅）"  # 意见箱
  reception: "（请填写接待日，如 每月第一个周三上午）"  # 接待日
masking: middle  # 姓名显示：full 全名，middle 张*明，surname 张*
records_since: $since  # 开始记录的日期：这以前的月份不检查三会一课和按期公开；补记以前的记录时可以改早
"""

ORGANIZATION = """\
# 组织和班子：每个党组织一项；班子成员因职务公开，显示全名。
units:
  - id: zb  # 编号：字母、数字或短横线，别处用它指这个组织
    name: "（请填写党组织名称，如 和平里社区党支部）"  # 名称
    kind: 党支部  # 类别：党委、党总支、党支部或党小组
    committee:  # 班子成员：每人一项
      - name: "（请填写书记姓名）"  # 姓名
        role: 书记  # 职务
        duties: 主持全面工作  # 分工
posts: []  # 设岗定责：每个责任岗位一项，写编号 id、岗位名称 name、所属组织 unit
"""

MEMBERS = """\
# 党员名册：只写可以公开的信息，不写身份证号、手机、住址。添加一人：dangwu new member --community $slug
members: []
"""

PARTNERS = """\
# 共建单位：每个单位一项（编号、名称、类别）。
partners: []
"""

ACTIVITIES = """\
# $year 年活动：每次一项。添加：dangwu new activity --community $slug --date $year-03-05
activities: []
"""

NOTICES = """\
# $year 年公示：每条一项，公示期不少于 5 个工作日。添加：dangwu new notice --community $slug
notices: []
"""

COMMITMENTS = """\
# $year 年承诺：每条一项，写明现状和可检验的目标。添加：dangwu new commitment --community $slug
commitments: []
"""

FINANCES = """\
# $year 年经费：每种经费一项；收支每笔一项。添加一笔：dangwu new entry --community $slug --fund service
# 也可以从 Excel 导入：dangwu import finances 账本.xlsx --community $slug --fund service
funds:
  - id: service
    name: 党组织服务群众经费
  - id: dues
    name: 党费  # 党费默认仅党内公开
opening:  # 年初余额：按上年结余填写，带两位小数、加引号
  service: "0.00"
  dues: "0.00"
entries: []
"""

README = """\
# 本社区的记录

这个文件夹里的每个 .yml 文件是一类公开记录，改好后运行 `dangwu check` 检查，
运行 `dangwu serve --community $slug` 预览。

| 文件 | 内容 |
|---|---|
| community.yml | 社区名称、党群服务中心地址和电话、办公时间、监督渠道 |
| organization.yml | 党组织、班子成员和分工、责任岗位 |
| members.yml | 党员名册（只写可以公开的信息） |
| partners.yml | 共驻共建单位 |
| activities/$year.yml | 当年的三会一课、主题党日、志愿服务等活动 |
| notices/$year.yml | 当年的公示 |
| deliberations/$year.yml | 当年的议事（社区议事厅、民情恳谈会）：`dangwu new deliberation` 添加，第一次添加时自动建立 |
| commitments/$year.yml | 当年的公开承诺和检查记录 |
| finances/$year.yml | 当年的经费、年初余额和收支明细 |

添加记录：`dangwu new activity|notice|commitment|entry|member --community $slug`，
它会在对应文件末尾加一条模板，并告诉你在哪一行修改。
"""

FILES = {
    "community.yml": COMMUNITY,
    "organization.yml": ORGANIZATION,
    "members.yml": MEMBERS,
    "partners.yml": PARTNERS,
    "activities/$year.yml": ACTIVITIES,
    "notices/$year.yml": NOTICES,
    "commitments/$year.yml": COMMITMENTS,
    "finances/$year.yml": FINANCES,
    "README.md": README,
}


def community_files(slug: str, since: date) -> dict[str, str]:
    """Path inside the community folder → text, for a new community whose records start ``since``."""
    values = {"slug": slug, "year": str(since.year), "since": since.isoformat()}
    return {Template(name).substitute(values): Template(text).substitute(values) for name, text in FILES.items()}
