"""Which download files a community site has, what each holds (in plain Chinese), and its bytes.

The 数据下载 page lists exactly this list and ``write_downloads`` writes exactly it, so the page
never links to a file that was not written.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from generator.render.opendata import activities, commitments, feed, finances, notices, organization, partners
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


def csv_files(ctx) -> list[Download]:
    out = []
    for year in sorted(ctx.years("finances"), reverse=True):
        out.append(Download(f"finances-{year}.csv", CSV, f"{year}年财务收支明细",
                            "每种经费的年初余额，以及每一笔收入、支出和这笔之后的余额，与财务页面一致。",
                            partial(_table, finances, ctx, year)))
    for year in sorted(ctx.years("activities"), reverse=True):
        out.append(Download(f"activities-{year}.csv", CSV, f"{year}年活动",
                            "每次活动的日期、类别、组织、地点、出席人数和内容摘要。",
                            partial(_table, activities, ctx, year)))
    for year in sorted(ctx.years("commitments"), reverse=True):
        out.append(Download(f"commitments-{year}.csv", CSV, f"{year}年承诺",
                            f"每条承诺的承诺人、现状、目标、完成时限，以及截至{cn_date(ctx.today)}的状态和进度。",
                            partial(_table, commitments, ctx, year)))
    return out


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
    return [Download(name, JSON, title, text, partial(_document, module, ctx))
            for name, title, module, text in described]


def feed_file(ctx) -> Download:
    return Download("feed.xml", ATOM, "公示和活动的订阅",
                    f"最新的 {feed.LIMIT} 条公示和活动。把这个文件的网址添加到 RSS 阅读器，有新公示、新活动时就能看到。",
                    partial(feed.community_feed, ctx))


def download_files(ctx) -> list[Download]:
    """Every download of the site, in the order the page lists them."""
    return [*csv_files(ctx), *json_files(ctx), feed_file(ctx)]
