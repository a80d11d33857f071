"""数据下载: every download file of the site with what it holds, in the order they are written."""
from __future__ import annotations

from generator.render.opendata import download_files
from generator.render.opendata.files import ATOM, CSV, JSON
from generator.render.pages import render

GROUPS = [
    (CSV, "用 Excel 或 WPS 表格直接打开，可以自己筛选、求和。"),
    (JSON, "供程序读取。字段名固定不变；金额以元为单位，写成带两位小数的文字，如 1280.50。"),
    (ATOM, "用 RSS 阅读器订阅，有新的公示和活动时会提醒。"),
]


def pages(ctx) -> dict[str, str]:
    files = download_files(ctx)
    groups = [(label, hint, [f for f in files if f.group == label]) for label, hint in GROUPS]
    return {"downloads/index.md": render("downloads.md.j2", groups=groups, **ctx.as_dict())}
