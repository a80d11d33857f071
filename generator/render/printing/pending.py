"""Write a community's 公开栏 sheets: kept PDFs reused, the others rendered while MkDocs builds.

``start_sheets(ctx, cache, renderers=N)`` renders each sheet's HTML (fast), takes the PDFs
whose key is in the cache (``printing.pdfcache``) and forks N processes (``pipeline.aside``)
that render the rest on the cores MkDocs leaves idle: the sheets need only the page context,
not MkDocs' output. ``write(folder)`` waits for it and writes every sheet, or raises
``SheetsFailed`` (a Chinese message) and writes none: a build never publishes half a set.
``write_sheets(folder, ctx)`` does both at once, in this process (``dangwu print``).

A sheet's 公开时间 is the day its content went up, not the day of the build: given the sheets
published before (``earlier``), one whose content is unchanged keeps their date, so its HTML is
the same, its PDF is taken from the cache and a reprinted copy matches the one on the wall. The
first build of each day would otherwise render every PDF again for the date alone.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.pipeline.aside import Aside, AsideFailed, reason_of
from generator.problems import Problem, messages
from generator.publish.csp import add_csp
from generator.render.pages.context import PageContext
from generator.render.printing import render
from generator.render.printing.libraries import import_weasyprint_quickly
from generator.render.printing.pdfcache import PdfCache, pdf_key
from generator.render.printing.sheets import Sheet, sheets

messages.add({
    "print-sheets-failed": (
        "公开栏的打印版 PDF 没有生成（{names}）：{reason}。为免张贴的公开栏缺页或过期，这个社区这次没有发布。",
        "the PDFs of the printed board were not made ({names}): {reason}. Nothing of this community was "
        "published, so no posted sheet is missing or out of date.",
    ),
})


class SheetsFailed(RuntimeError):
    """Rendering a sheet's PDF failed; the message says which and why, in Chinese. A build
    reports it as the problem ``print-sheets-failed`` (in no file: the build failed)."""

    def __init__(self, names: str, reason: str):
        self.names, self.reason = names, reason
        super().__init__(self.problem().message())

    def problem(self) -> Problem:
        return Problem("print-sheets-failed", "", params={"names": self.names, "reason": self.reason})

    def __reduce__(self):  # rebuilt from its fields when it comes back from another process
        return SheetsFailed, (self.names, self.reason)


class _Renderer:
    """A forked process rendering ``htmls`` (name -> HTML) into PDFs (``pipeline.aside``).
    ``titles`` name the sheets in a failure's message."""

    def __init__(self, htmls: dict[str, str], titles: list[str]):
        self.titles = titles
        self.aside = Aside(_render_pdfs, htmls)

    def join(self) -> tuple[dict[str, bytes], str]:
        """(the PDFs, "") or ({}, why not, in words)."""
        try:
            return self.aside.result(), ""
        except AsideFailed as exc:
            return {}, f"生成 PDF 的进程意外结束（{exc.reason}）" if exc.died else exc.reason
        except Exception as exc:  # what rendering raised, there
            return {}, reason_of(exc)


def _render_pdfs(htmls: dict[str, str]) -> dict[str, bytes]:
    import_weasyprint()  # here, in the renderer: the build goes on meanwhile (already loaded in a street's workers)
    return render.render_pdfs(htmls)


@dataclass
class PendingSheets:
    ctx: PageContext
    pages: list[tuple[Sheet, str]]  # each sheet and its HTML, in board order
    cache: PdfCache | None = None
    keys: dict[str, str] = field(default_factory=dict)  # sheet name -> PDF key, with a cache
    ready: dict[str, bytes] = field(default_factory=dict)  # PDFs kept or rendered already
    renderers: list[_Renderer] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # the sheets rendered this time, not kept

    def write(self, folder: Path, site_link: bool = True, keep: bool = True) -> list[tuple[Sheet, int]]:
        """Write ``folder`` afresh: the stylesheet, ``<sheet>.html`` and ``<sheet>.pdf`` for every
        sheet, and the index page 打印公开栏. Returns each sheet with the size of its PDF. The
        PDFs rendered go into the cache now, or with ``keep=False`` once the caller says
        (``unkept()``: a build keeps them when its site is verified)."""
        folder = Path(folder)
        if folder.exists():
            shutil.rmtree(folder)  # also the theme's templates MkDocs copied there
        if self.ctx.audience != "public":
            return []  # only a public site has sheets: the board on the wall is read by everyone
        pdfs = {**self.ready, **join_all(self.renderers, [sheet.title for sheet, _ in self.pages])}
        self.renderers = []
        if keep:
            self._keep(pdfs)
        folder.mkdir(parents=True)
        shutil.copyfile(render.THEME / render.STYLESHEET, folder / render.STYLESHEET)
        made = []
        for sheet, html in self.pages:
            (folder / f"{sheet.name}.html").write_text(html, encoding="utf-8")
            (folder / f"{sheet.name}.pdf").write_bytes(pdfs[sheet.name])
            made.append((sheet, len(pdfs[sheet.name])))
        (folder / render.INDEX).write_text(render.render_index(self.ctx, made, site_link), encoding="utf-8")
        return made

    def _keep(self, pdfs: dict[str, bytes]) -> None:
        if self.cache is None:
            return
        for name in self.rendered:
            self.cache.put(self.keys[name], pdfs[name])
        self.cache.prune(len(self.pages))

    def unkept(self) -> Unkept | None:
        """The PDFs rendered by ``write(keep=False)``, to keep later; None without a cache."""
        if self.cache is None:
            return None
        return Unkept({name: self.keys[name] for name in self.rendered}, len(self.pages))


@dataclass(frozen=True)
class Unkept:
    """PDFs rendered and written but not yet in the cache: a sheet of records that fail their
    checks or a site that fails verification must not stay behind in it."""

    keys: dict[str, str]  # sheet name -> its key in the cache
    sheets: int

    def keep(self, folder: Path, cache: PdfCache) -> None:
        """Keep the PDFs written in ``folder`` (``<sheet>.pdf``)."""
        for name, key in self.keys.items():
            cache.put(key, (folder / f"{name}.pdf").read_bytes())
        cache.prune(self.sheets)


def start_sheets(ctx, cache: PdfCache | None = None, renderers: int = 0,
                 earlier: Path | None = None) -> PendingSheets:
    """The sheets' HTML now, dated as in the folder ``earlier`` where unchanged; their PDFs from
    ``cache`` where kept, the others rendered now or, with ``renderers``, in that many processes
    of their own until ``write`` (two set up the CJK fonts twice: worth it only on a core nothing
    else needs). Raises RuntimeError (in words) when no Chinese font is installed: the PDFs
    would print empty boxes."""
    if ctx.audience != "public":
        return PendingSheets(ctx, [])
    if render.cjk_font_missing():
        raise RuntimeError(render.NO_CJK_FONT)
    pages = [dated_as_before(ctx, sheet, earlier) for sheet in sheets(ctx)]
    pending = PendingSheets(ctx, pages, cache)
    if cache is not None:
        stylesheet, base = (render.THEME / render.STYLESHEET).read_bytes(), render.base_url()
        pending.keys = {sheet.name: pdf_key(html, stylesheet, base) for sheet, html in pending.pages}
        kept = {name: cache.get(key) for name, key in pending.keys.items()}
        pending.ready = {name: pdf for name, pdf in kept.items() if pdf is not None}
    todo = {sheet.name: html for sheet, html in pending.pages if sheet.name not in pending.ready}
    pending.rendered = list(todo)
    if todo and renderers:
        titles = {sheet.name: sheet.title for sheet, _ in pending.pages}
        pending.renderers = [_Renderer(part, [titles[name] for name in part]) for part in shares(todo, renderers)]
    elif todo:
        pending.ready.update(render.render_pdfs(todo))
    return pending


CREATED = re.compile(r'<meta name="dcterms\.created" content="(\d{4}-\d{2}-\d{2})">')


def dated_as_before(ctx, sheet: Sheet, earlier: Path | None) -> tuple[Sheet, str]:
    """``sheet`` and its HTML; when the sheet of that name in ``earlier`` is this very sheet
    dated an earlier day, dated that day. Only a sheet dated by the build day (not a 公示, dated
    the day it went up) is compared; a day later than the build's is never kept."""
    day, before = _published_before(sheet, earlier) if sheet.published == ctx.today else (None, "")
    if day is not None and day < ctx.today:
        dated = replace(sheet, published=day)
        html = render.render_sheet(ctx, dated)
        # A site's sheets were published with their content security policy added (``dangwu print``'s are not).
        if before in (html, add_csp(html)):
            return dated, html
    return sheet, render.render_sheet(ctx, sheet)


def _published_before(sheet: Sheet, earlier: Path | None) -> tuple[date | None, str]:
    """(公开时间, HTML) of the sheet of that name in ``earlier``; (None, "") when there is none."""
    try:
        before = (earlier / f"{sheet.name}.html").read_text(encoding="utf-8") if earlier else ""
        found = CREATED.search(before)
        return (date.fromisoformat(found.group(1)), before) if found else (None, "")
    except (OSError, UnicodeDecodeError, ValueError):  # a new sheet, none published yet, or not ours
        return None, ""


def shares(htmls: dict[str, str], count: int) -> list[dict[str, str]]:
    """``htmls`` in ``count`` parts of about equal work (a longer page takes longer to lay out),
    each in board order; no empty part."""
    parts: list[dict[str, str]] = [{} for _ in range(min(count, len(htmls)))]
    load = [0] * len(parts)
    for name in sorted(htmls, key=lambda n: -len(htmls[n])):
        lightest = load.index(min(load))
        parts[lightest][name] = htmls[name]
        load[lightest] += len(htmls[name])
    order = list(htmls)
    return [dict(sorted(part.items(), key=lambda item: order.index(item[0]))) for part in parts]


def join_all(running: list[_Renderer], order: list[str]) -> dict[str, bytes]:
    """Every renderer's PDFs. Each is waited for even when one failed (no process left behind);
    then SheetsFailed names every sheet not made (titles, in board ``order``) and the first reason."""
    pdfs, titles, reasons = {}, [], []
    for renderer in running:
        made, reason = renderer.join()
        pdfs.update(made)
        if reason:
            titles += renderer.titles
            reasons.append(reason)
    if reasons:
        raise SheetsFailed("、".join(sorted(titles, key=order.index)), reasons[0])
    return pdfs


def import_weasyprint() -> None:
    """WeasyPrint (about 0.5 s to import) loaded once: a street build with more communities than
    workers calls it in the parent before they fork, so no worker pays it; otherwise each
    renderer loads it, beside the build."""
    try:
        import_weasyprint_quickly()
    except OSError:
        pass  # Pango missing: each renderer says so in words (render.NO_PANGO)


def write_sheets(folder: Path, ctx, site_link: bool = True, cache: PdfCache | None = None,
                 earlier: Path | None = None) -> list[tuple[Sheet, int]]:
    """Write ``folder`` afresh with every sheet (see ``PendingSheets.write``), rendered here;
    an unchanged sheet keeps its date in ``earlier``."""
    return start_sheets(ctx, cache, earlier=earlier).write(folder, site_link)
