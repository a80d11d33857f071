"""Write a community's 公开栏 sheets: kept PDFs reused, the others rendered while MkDocs builds.

``start_sheets(ctx, cache, background=True)`` renders each sheet's HTML (fast), takes the PDFs
whose key is in the cache (``printing.pdfcache``) and forks a process (``RENDERERS``) that
renders the rest on the core MkDocs leaves idle: the sheets need only the page context, not
MkDocs' output. ``write(folder)`` waits for it and writes every sheet, or raises
``SheetsFailed`` (a Chinese message) and writes none: a build never publishes half a set.
``write_sheets(folder, ctx)`` does both at once, in this process (``dangwu print``).
"""
from __future__ import annotations

import os
import pickle
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem, messages
from generator.render.pages.context import PageContext
from generator.render.printing import render
from generator.render.printing.libraries import import_weasyprint_quickly
from generator.render.printing.pdfcache import PdfCache, pdf_key
from generator.render.printing.sheets import Sheet, sheets

# Processes rendering one community's sheets, at most (never more than cores). Two cut a cold
# 10× community's build from 49 s to 44 s but cost 8 % more CPU (each sets up the CJK fonts),
# which a street build, its cores all busy with communities, pays in full: one.
RENDERERS = 1

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


def reason_of(exc: BaseException) -> str:
    if type(exc) is RuntimeError and exc.args:
        return str(exc)  # ours, already in words (Pango missing, say)
    return f"{type(exc).__name__}: {exc}"


class _Renderer:
    """A forked process rendering ``htmls`` (name -> HTML); its PDFs come back through a pipe.
    ``titles`` name the sheets in a failure's message."""

    def __init__(self, htmls: dict[str, str], titles: list[str]):
        self.titles = titles
        self.parent = os.getpid()
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _render_and_send(htmls, write)  # never returns
        os.close(write)
        self.read = read

    def join(self) -> tuple[dict[str, bytes], str]:
        """(the PDFs, "") or ({}, why not, in words)."""
        with os.fdopen(self.read, "rb") as stream:
            data = stream.read()  # to EOF first: a child blocked on a full pipe never exits
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        code = os.waitstatus_to_exitcode(status)
        try:
            outcome, value = pickle.loads(data)
        except Exception:
            outcome, value = "lost", None
        if outcome == "ok" and code == 0:
            return value, ""
        if outcome == "error":
            return {}, value
        return {}, f"生成 PDF 的进程意外结束（{f'信号 {-code}' if code < 0 else f'退出码 {code}'}）"

    def __del__(self):
        """Never joined (the build failed before the sheets were written): stop and reap it."""
        if getattr(self, "pid", 0) and os.getpid() == self.parent:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                os.close(self.read)
            except OSError:
                pass


def _render_and_send(htmls: dict[str, str], fd: int) -> None:
    code = 1
    payload: tuple[str, object]  # ("ok", PDFs) or ("error", the reason in words)
    try:
        try:
            payload = ("ok", render.render_pdfs(htmls))
            code = 0
        except BaseException as exc:  # noqa: BLE001 - everything goes to the parent, in words
            payload = ("error", reason_of(exc))
        with os.fdopen(fd, "wb") as stream:
            stream.write(pickle.dumps(payload))
    finally:
        os._exit(code)  # no atexit handlers, no flushing the parent's buffers a second time


@dataclass
class PendingSheets:
    ctx: PageContext
    pages: list[tuple[Sheet, str]]  # each sheet and its HTML, in board order
    cache: PdfCache | None = None
    keys: dict[str, str] = field(default_factory=dict)  # sheet name -> PDF key, with a cache
    ready: dict[str, bytes] = field(default_factory=dict)  # PDFs kept or rendered already
    renderers: list[_Renderer] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # the sheets rendered this time, not kept

    def write(self, folder: Path, site_link: bool = True) -> list[tuple[Sheet, int]]:
        """Write ``folder`` afresh: the stylesheet, ``<sheet>.html`` and ``<sheet>.pdf`` for every
        sheet, and the index page 打印公开栏. Returns each sheet with the size of its PDF."""
        folder = Path(folder)
        if folder.exists():
            shutil.rmtree(folder)  # also the theme's templates MkDocs copied there
        if self.ctx.audience != "public":
            return []  # only a public site has sheets: the board on the wall is read by everyone
        pdfs = {**self.ready, **join_all(self.renderers, [sheet.title for sheet, _ in self.pages])}
        self.renderers = []
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


def start_sheets(ctx, cache: PdfCache | None = None, background: bool = False) -> PendingSheets:
    """The sheets' HTML now; their PDFs from ``cache`` where kept, the others rendered now or,
    with ``background``, in processes of their own (``renderers()``) until ``write``. Raises
    RuntimeError (in words) when no Chinese font is installed: the PDFs would print empty boxes."""
    if ctx.audience != "public":
        return PendingSheets(ctx, [])
    if render.cjk_font_missing():
        raise RuntimeError(render.NO_CJK_FONT)
    pending = PendingSheets(ctx, [(sheet, render.render_sheet(ctx, sheet)) for sheet in sheets(ctx)], cache)
    if cache is not None:
        stylesheet, base = (render.THEME / render.STYLESHEET).read_bytes(), render.base_url()
        pending.keys = {sheet.name: pdf_key(html, stylesheet, base) for sheet, html in pending.pages}
        kept = {name: cache.get(key) for name, key in pending.keys.items()}
        pending.ready = {name: pdf for name, pdf in kept.items() if pdf is not None}
    todo = {sheet.name: html for sheet, html in pending.pages if sheet.name not in pending.ready}
    pending.rendered = list(todo)
    if todo and background:
        import_weasyprint()  # once, before forking: each renderer has it loaded
        titles = {sheet.name: sheet.title for sheet, _ in pending.pages}
        pending.renderers = [_Renderer(part, [titles[name] for name in part]) for part in shares(todo, renderers())]
    elif todo:
        pending.ready.update(render.render_pdfs(todo))
    return pending


def renderers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(RENDERERS, cores))


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
    """WeasyPrint (about 1.3 s to import) loaded once: a street build calls it in the parent
    before the community workers fork, so no worker pays it; otherwise before a renderer forks."""
    try:
        import_weasyprint_quickly()
    except OSError:
        pass  # Pango missing: each renderer says so in words (render.NO_PANGO)


def write_sheets(folder: Path, ctx, site_link: bool = True, cache: PdfCache | None = None) -> list[tuple[Sheet, int]]:
    """Write ``folder`` afresh with every sheet (see ``PendingSheets.write``), rendered here."""
    return start_sheets(ctx, cache).write(folder, site_link)
