"""Which download files a community site has, what each holds (in plain Chinese), and its bytes.

The 数据下载 page lists exactly this list and ``write_downloads`` writes exactly it, so the page
never links to a file that was not written.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from generator.render.opendata import (
    activities,
    commitments,
    deliberations,
    feed,
    finances,
    grids,
    notices,
    organization,
    partners,
    rota,
    service,
)
from generator.render.opendata import lists as list_data
from generator.render.opendata.common import csv_bytes, json_bytes
from generator.views.format import cn_date

CSV, JSON, ATOM = "表格（CSV）", "数据（JSON）", "订阅（Atom）"


@dataclass(frozen=True)
class Download:
    name: str  # the file under data/
    group: str  # CSV, JSON or ATOM
    title: str
    description: str
    make: Callable[[], bytes] = field(compare=False, repr=False)


def _table(module, ctx, year: int) -> bytes:
    return csv_bytes(*module.table(ctx, year))


def _document(module, ctx) -> bytes:
    return json_bytes(module.document(ctx))


# One CSV per year of each kind: (kind, module, title, what it holds). ``{today}`` is the build day,
# for the columns that say where a record stands "截至" then.
YEARLY_CSV = [
    ("finances", finances, "财务收支明细", "每种经费的年初余额，以及每一笔收入、支出和这笔之后的余额，与财务页面一致。"),
    ("activities", activities, "活动", "每次活动的日期、类别、组织、地点、出席人数和内容摘要。"),
    ("commitments", commitments, "承诺", "每条承诺的承诺人、现状、目标、完成时限，以及截至{today}的状态和进度。"),
    ("deliberations", deliberations, "议事", "每项议事的日期、议题、来源、参会人数、决定、落实单位，以及截至{today}的反馈情况。"),
    ("service", service, "在职党员双报到服务", "每次服务的日期、党员（姓名按本站规则显示）、单位、时长和服务内容。"),
    ("lists", list_data, "需求清单和微心愿",
     "每条需求和微心愿的提出日期、提出方、认领方，以及截至{today}的状态和用时（工作日）。"),
    ("rota", rota, "值班表", "每条值班和错时服务的日期或星期、时间、值班岗位和党员（姓名按本站规则显示）、地点和办公电话。"),
]


def csv_files(ctx) -> list[Download]:
    today = cn_date(ctx.today)
    return [Download(f"{kind}-{year}.csv", CSV, f"{year}年{title}", text.format(today=today),
                     partial(_table, module, ctx, year))
            for kind, module, title, text in YEARLY_CSV
            for year in sorted(ctx.years(kind), reverse=True)]


def json_files(ctx) -> list[Download]:
    names = "普通党员姓名部分遮挡，" if ctx.audience == "public" else ""
    described = [
        ("organization.json", "组织和党员", organization,
         f"组织架构、班子成员与分工、责任岗位和党员名册（{names}不含其他个人信息），按国际通用的组织和人员数据格式整理，便于和其他系统交换。"),
        ("finances.json", "财务", finances, "各年度每种经费的收支明细、余额、季度和类别汇总，以及服务群众项目。"),
        ("commitments.json", "承诺", commitments, "各年度的承诺、检查记录，以及当前的状态和进度。"),
        ("activities.json", "活动", activities, "各年度开展的活动。"),
        ("notices.json", "公示", notices, "全部公示，含公示期和按工作日计算的状态。"),
        ("partners.json", "共建单位", partners, "共驻共建单位、共建协议和共同开展的活动。"),
    ]
    if ctx.years("deliberations"):  # a community that keeps no 议事 has no file of them
        described.append(("deliberations.json", "议事", deliberations,
                          "各年度议事的议题、参会人数、方案和票数、决定、落实单位和向居民的反馈。"))
    if ctx.community.grids is not None:  # only a community that keeps grids.yml
        described.append(("grids.json", "网格", grids, "每个网格包含的楼栋、负责人及岗位、职责和办公电话（不含住户信息）。"))
    if ctx.years("service"):
        described.append(("service.json", "双报到服务", service,
                          "各年度在职党员到社区报到服务的每次记录，以及每人的次数、时长（按名册顺序，不是排名）和合计。"))
    if ctx.years("lists"):  # only a community that keeps 三张清单
        described.append(("lists.json", "三张清单和微心愿", list_data,
                          "各年度的需求清单（含微心愿）、资源清单和项目清单，每条需求的状态、认领方和从提出到完成的工作日数。"))
    if ctx.years("rota"):  # only a community that keeps a rota
        described.append(("rota.json", "值班表", rota,
                          "各年度的值班和错时服务：日期或每周几、时间、值班岗位和党员、地点、办公电话，以及算出的具体日期。"))
    return [Download(name, JSON, title, text, partial(_document, module, ctx))
            for name, title, module, text in described]


def feed_file(ctx) -> Download:
    return Download("feed.xml", ATOM, "公示和活动的订阅",
                    f"最新的 {feed.LIMIT} 条公示和活动。把这个文件的网址添加到 RSS 阅读器，有新公示、新活动时就能看到。",
                    partial(feed.community_feed, ctx))


def download_files(ctx) -> list[Download]:
    """Every download of the site, in the order the page lists them."""
    return [*csv_files(ctx), *json_files(ctx), feed_file(ctx)]
