"""Render the 公开栏 sheets: an HTML page per sheet (``theme/print``) and its A4 PDF.

The PDF is made by WeasyPrint from the very HTML that is published beside it, so the text a
resident reads on paper is the text the personal-data guard scans in ``<sheet>.html``.
WeasyPrint uses the system's fonts through fontconfig and embeds only the glyphs a sheet uses;
it is never allowed to fetch anything but the sheet's own stylesheet (``_local_only``), read
from ``theme/print`` itself, so a PDF can be rendered before (and whatever) its output folder.
Writing the sheets, with kept PDFs and a process of their own, is ``printing.pending``.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

import jinja2
from markupsafe import Markup

from generator import resources
from generator.render.kiosk.qr import qr_svg, target_url
from generator.render.printing.sheets import RHYTHMS, Sheet
from generator.render.sanitize import render_markdown
from generator.render.templates import keep_compiled
from generator.views import format as fmt

THEME = resources.THEME / "print"
STYLESHEET = "sheet.css"
INDEX = "index.html"
NO_CJK_FONT = ("没有找到中文字体：打印公开栏的 PDF 用系统字体 fonts-noto-cjk，不会从网上下载。"
               "请运行 make install（或 sudo apt-get install fonts-noto-cjk）后重新运行。")
NO_PANGO = ("没有找到 Pango 库：打印公开栏的 PDF 由 WeasyPrint 用系统的 Pango 排版。"
            "请运行 make install（或 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0）后重新运行。")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(money=fmt.money, cn_date=fmt.cn_date, cn_month_day=fmt.cn_month_day,
                       md=lambda text: Markup(render_markdown(text or "")))
    return keep_compiled(env, "sheets")


def period_end(notice) -> str:
    """The last day of a 公示, its year left out when it is the start's (3月5日至3月11日)."""
    same_year = notice.end.year == notice.start.year
    return fmt.cn_month_day(notice.end) if same_year else fmt.cn_date(notice.end)


def render_sheet(ctx, sheet: Sheet) -> str:
    info = ctx.info
    url = target_url(info.base_url, sheet.path)
    return environment().get_template("sheet.html.j2").render(
        sheet=sheet, info=info, name=ctx.name, units=ctx.units, url=url,
        qr=Markup(qr_svg(url)), absolute=bool(info.base_url), period_end=period_end)


def render_index(ctx, made: list[tuple[Sheet, int]], site_link: bool) -> str:
    groups = [(rhythm, [(s, size_label(n)) for s, n in made if s.rhythm == rhythm]) for rhythm in RHYTHMS]
    return environment().get_template("index.html.j2").render(
        info=ctx.info, built=ctx.today, groups=[g for g in groups if g[1]], site_link=site_link)


def size_label(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


def _local_only():
    """WeasyPrint's fetcher for file: URLs only (a sheet never loads from another origin), and
    a missing stylesheet is an error rather than a sheet printed without its layout."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)


def base_url() -> str:
    return THEME.resolve().as_uri() + "/"


# An <a href> that is neither absolute (http, https, mailto, tel) nor within the page (#…).
RELATIVE_LINK = re.compile(r'(<a\b[^>]*?)\s+href="(?!https?:|mailto:|tel:|#)[^"]*"', re.IGNORECASE)


def paper_links(html: str) -> str:
    """The sheet's HTML with relative links (a clerk's ``[附件](../data/…)`` in a 公示) left as
    text: WeasyPrint would resolve them against ``theme/print`` on this server and write that
    ``file://`` path into the PDF. The published HTML keeps them; paper needs none."""
    return RELATIVE_LINK.sub(r"\1", html)


def pdf_bytes(html: str, font_config=None) -> bytes:
    """The sheet as an A4 PDF. Same HTML, same bytes: WeasyPrint writes no clock time (the PDF's
    dates come from the page's dcterms meta tags, i.e. the build day)."""
    try:
        import weasyprint
    except OSError as exc:  # Pango missing: WeasyPrint loads it when imported
        raise RuntimeError(NO_PANGO) from exc

    document = weasyprint.HTML(string=paper_links(html), base_url=base_url(), url_fetcher=_local_only())
    return document.write_pdf(font_config=font_config)


def render_pdfs(htmls: dict[str, str]) -> dict[str, bytes]:
    """Each named sheet's PDF. One font configuration for all of them: fontconfig and Pango set
    up the CJK fonts once rather than once a sheet (a few per cent at most, measured), and each
    PDF's bytes are the same as when it is rendered alone."""
    if not htmls:
        return {}
    try:
        from weasyprint.text.fonts import FontConfiguration
    except OSError as exc:
        raise RuntimeError(NO_PANGO) from exc
    fonts = FontConfiguration()
    return {name: pdf_bytes(html, fonts) for name, html in htmls.items()}


def cjk_font_missing() -> bool:
    """True when fontconfig knows no Chinese font (the PDF would print empty boxes)."""
    if not shutil.which("fc-list"):
        return False  # fontconfig's tools are not installed: cannot tell, let WeasyPrint try
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return found.returncode == 0 and not found.stdout.strip()
