"""One community's build, in a worker process: load and check, render, build, verify, stage.

Nothing is rendered unless its records load without errors (and without personal data);
their cross-record checks run beside the rendering (``Checking``), and the build stops once
MkDocs is done when they refuse the community. Everything is made in the build folder (--work),
never in the output folder: a site is staged there for publishing only when its checks passed
and it was built and verified (personal data, external URLs, links inside the site).

What does not need MkDocs' pages is made beside it, in processes of their own
(``pipeline.aside``) on the cores MkDocs leaves idle: jieba's dictionary loads while the
community is loaded, and writes the search index once the pages are built; the sheets and their
PDFs, the kiosk and open data are written while MkDocs builds. The street around it (which
communities to build, publishing each as it passes) is ``generator.pipeline.street``;
publishing is a symlink swap, see ``publish.release``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from generator.checks import check_community, personal_data
from generator.engine import kept_words, search_index
from generator.engine import mkdocs as engine
from generator.load.alongside import Alongside, load_alongside
from generator.load.dataset import load_safely
from generator.pipeline.aside import Aside
from generator.privacy import guard
from generator.problems import Problem
from generator.problems.blocking import publish_blockers
from generator.publish import csp, html_scan, links, manifest, offline, release, scancache
from generator.publish import failures as failed
from generator.publish.inputs import History
from generator.render.kiosk import write_kiosk
from generator.render.opendata import write_downloads
from generator.render.pages.context import PageContext
from generator.render.pages.site import nav, render_site, search_order, search_words
from generator.render.printing import SheetsFailed, pdf_cache_for, start_sheets
from generator.render.printing.pending import Unkept
from generator.views.photos import shown_photos


@dataclass
class Result:
    slug: str
    name: str
    pages: int = 0
    seconds: float = 0.0
    build_id: str = ""
    staged: Path | None = None
    failures: list[Problem] = field(default_factory=list)  # why it was not staged (publish.failures)
    summary: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # as the clerk reads them, when checks failed
    blockers: int = 0  # how many of them stop the publish


def runs_dir(work: Path) -> Path:
    """Where each community build gets a fresh folder of its own, removed when it ends. ``work``
    is the build folder the command line chose (``--work``, default ./build)."""
    return work / ".runs"


def build_dir_for(work: Path, slug: str, audience: str) -> Path:
    """The preview's folder (``dangwu serve --community``) in the build folder ``work``; a
    build renders into its own (``runs_dir``)."""
    return work / (slug if audience == "public" else f".members/{slug}")


def render_docs(community, today: date, audience: str, root: Path,
                alongside: Alongside | None = None) -> tuple[PageContext, dict[str, str], Path]:
    """Render a community's Markdown and config into ``root`` (the preview's ``build_dir_for``,
    or a build's own folder; only changed files are written). Only the photos a shown record
    uses are copied: a members-only activity's photos never reach the public site. ``alongside``
    is its history and hand-written pages as loaded (read now when not given); with it, no
    process is started."""
    ctx = PageContext(community, today, audience, alongside)
    return ctx, write_pages(ctx, root), root


def write_pages(ctx: PageContext, root: Path) -> dict[str, str]:
    """``render_docs`` for a page context made already: the pages written (path → Markdown)."""
    community, audience = ctx.community, ctx.audience
    pages = render_site(ctx)
    folder = community.root / "photos"
    photos = {f"photos/{name}": folder / name for name in sorted(shown_photos(community, audience))
              if "/" not in name and not name.startswith(".") and (folder / name).is_file()}
    engine.write_docs(root / "docs", pages, photos)
    return pages


def _configure(ctx: PageContext, pages: dict, root: Path, site_dir: Path, own_search_index: bool = False) -> Path:
    from generator.views.format import cn_date

    info = ctx.info
    suffix = "（党内）" if ctx.audience == "members" else ""
    updated = latest_record_date(ctx.community)
    # No site_url: Material would write an absolute canonical link to another origin.
    return engine.write_config(
        root.resolve(), site_name=f"{info.name}党务公开{suffix}", site_dir=site_dir.resolve(),
        nav=nav(pages), words=search_words(ctx), site_url=None, own_search_index=own_search_index,
        extra={"portal": True, "community": {
            "slug": ctx.community.slug, "name": info.name, "street": info.street,
            "organization": info.organization.name, "office_phone": info.office.phone,
            "supervision_phone": info.supervision.phone, "audience": ctx.audience,
            "mailbox": info.supervision.mailbox, "reception": info.supervision.reception,
            "office_address": info.office.address,
            "hours": [f"{h.days} {h.time}" + (f"（{h.note}）" if h.note else "") for h in info.hours],
            "updated": cn_date(updated) if updated else "",
        }},
    )


def allowed_phones(info) -> frozenset[str]:
    from generator.privacy.detect import phone_digits

    return frozenset(phone_digits(p) for p in [info.office.phone, info.supervision.phone, *info.phones])


def verify_output(site: Path, ctx: PageContext, cache=None) -> list[Problem]:
    """Everything that must hold before a site may be published, as problems (``publish.failures``),
    each at the clerk's record when one holds what was found. With a ``cache`` (publish.scancache)
    bytes scanned before, in any community, are not scanned again."""
    failures = []
    for hit in guard.scan_output(site, allowed_phones(ctx.info), ctx.community.sources, cache=cache):
        kind = hit.finding.kind
        failures.append(failed.personal_data(hit.file, personal_data.KINDS_ZH.get(kind, kind),
                                             personal_data.KINDS_EN.get(kind, kind), hit.finding.masked, hit.source))
    from generator.checks.markdown_fields import source_of

    def record(url: str) -> str | None:  # the clerk's record, when a field of it holds the URL
        return source_of(ctx.community, ctx.today, url)
    parses = html_scan.Parses()  # each page parsed once for both scans below
    for ref in offline.scan(site, cache=cache, parses=parses):
        failures.append(failed.external_url(ref.file, ref.url, ref.where, record(ref.url)))
    for link in links.check(site, cache=cache, parses=parses):
        failures.append(failed.broken_link(link.file, link.url, record(link.url)))
    return failures


def build_id_of(site: Path, files: dict[str, str] | None = None) -> str:
    """The release id: a hash of every file's path and bytes (``files``: path -> SHA-256 when
    the caller has them already), the manifest left out."""
    files = manifest.file_hashes(site) if files is None else files
    digest = hashlib.sha256()
    for rel, sha in sorted(files.items()):
        digest.update(rel.encode() + b"\0")
        digest.update(bytes.fromhex(sha))
    return digest.hexdigest()[:12]


def build_one(community, today: date, audience: str, out: Path, provenance: dict, work: Path,
              alongside: Alongside, cores: int = 1, index: Aside | None = None,
              checking: Checking | None = None) -> Result:
    """Render into a folder of this build's own under the build folder ``work`` (two builds from
    one working folder, or a build and a preview, never read each other's pages), build, verify
    and stage one community. ``cores``: how many this build may keep busy (its PDFs render in as
    many processes); ``index``: the aside that writes the search index (``search_index_aside``),
    when one was started before the community was loaded (else it starts once the pages are
    rendered); ``checking``: its cross-record checks, still running (``Checking``): nothing
    leaves the build folder unless they pass."""
    runs = runs_dir(work)
    runs.mkdir(parents=True, exist_ok=True)
    clear_abandoned_runs(runs)
    own = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-{community.slug}-{audience}-", dir=runs))
    words = kept_words.folder_for(work, community.slug, audience)
    try:
        return _build_in(own, community, today, audience, out, provenance, alongside, cores, index, checking,
                         words)
    finally:
        shutil.rmtree(own, ignore_errors=True)


def search_index_aside(words: Path, pages: dict[str, str] | None = None) -> Aside:
    """The process that writes the search index once the pages are built (``write_search_index``),
    with the words kept from the community's last build in ``words`` (``engine.kept_words``).
    When they cannot serve the ``pages`` (none kept, or characters they never had), it first
    loads jieba's whole dictionary (about a second), while the community is built."""
    whole = kept_words.needs_whole_dictionary(words, pages.values() if pages is not None else None)
    return Aside(write_search_index, words, waits=True, prepare=engine.preload if whole else None)


def clear_abandoned_runs(runs: Path) -> None:
    """Remove the folders of killed builds (named by the id of a process that no longer runs);
    a folder of a build still running, here or from another terminal, is left alone."""
    for folder in runs.iterdir():
        pid = folder.name.split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _build_in(work: Path, community, today: date, audience: str, out: Path, provenance: dict,
              alongside: Alongside, cores: int, index: Aside | None, checking: Checking | None,
              words: Path) -> Result:
    """Render; then MkDocs builds the pages while processes work beside it (``pipeline.aside``):
    ``index`` (started before the community loaded, or once its pages are rendered) writes the
    search index once the pages are built, with the words kept in ``words``; ``checking`` checks
    the records; another writes what needs only the records (print sheets, kiosk, open data).
    What they write joins the site before it is verified. The site is built, verified and given
    its manifest in the build folder ``work``; only then is it staged in ``out``."""
    started = time.perf_counter()
    result = Result(community.slug, community.info.name)
    scans = scancache.cache_for(out)
    site = work / ".staging" / community.slug  # a .staging folder: hooks.py cuts Material's index down
    ctx = PageContext(community, today, audience, alongside)
    beside = Aside(write_beside_the_pages, work / "beside", ctx, pdf_cache_for(out, community.slug), cores, scans,
                   release.live_folder(out, community.slug) / "print")
    try:
        pages = write_pages(ctx, work)
        index = index or search_index_aside(words, pages)
        config = _configure(ctx, pages, work, site, own_search_index=True)
        result.failures += [failed.mkdocs_warning(w) for w in engine.build(config)]
        refused = checking.refusal() if checking else None
        if refused:
            return refused
        drop_theme_copies(site)
        result.failures += csp.apply(site)  # scripts we do not ship
        # The pages are built: their search index now, while they are scanned here.
        index.send(site, search_order(pages), engine.userdict_of(work), work / "index")
        scan_ahead(site, ctx, scans)
        kept = index.result()
        problems, unkept, scanned = beside.result()
        result.failures += problems
        scans.put_all(scanned)
    except SheetsFailed as exc:  # no sheet is written then: never a half set published
        result.failures.append(exc.problem())
        result.seconds = time.perf_counter() - started
        return result
    finally:
        beside.stop()  # those not waited for: the build failed before it needed them
        if index:
            index.stop()
    move_beside(work / "index", site)
    move_beside(work / "beside", site)
    result.summary = portal_figures(ctx)
    (site / "summary.json").write_text(
        json.dumps(result.summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    result.failures += verify_output(site, ctx, scans)
    files = manifest.file_hashes(site)
    result.build_id = build_id_of(site, files)
    manifest.write_manifest(site, manifest.build_manifest(
        site, result.build_id, community=community.slug, audience=audience, files=files, **provenance))
    result.pages = len(pages)
    if not result.failures:  # verified: into out/.staging, from where it is published
        if unkept:
            unkept.keep(site / "print", pdf_cache_for(out, community.slug))
        kept_words.keep(words, kept)
        result.staged = release.staging_dir(out, community.slug, str(os.getpid()))
        shutil.move(site, result.staged)
    result.seconds = time.perf_counter() - started
    return result


def write_search_index(words: Path, site: Path, nav_order: dict[str, float], userdict: Path,
                       into: Path) -> dict[str, bytes]:
    """The search index of the built ``site`` written into ``into`` (``engine.search_index``),
    jieba keeping the community's names in ``userdict`` whole, with the words kept in ``words``
    from the last build. Returns what to keep there for the next, once the site is verified."""
    kept: dict[str, bytes] = {}

    def words_of(runs: list[str]) -> list[str]:
        found, files = kept_words.site_words_kept(runs, userdict, words, site)
        kept.update(files)
        return found
    search_index.write(site, nav_order, words_of, into)
    return kept


def write_beside_the_pages(folder: Path, ctx: PageContext, pdf_cache, renderers: int,
                           scans, earlier_sheets: Path) -> tuple[list[Problem], Unkept | None, dict]:
    """What needs the records, not MkDocs' pages, written into ``folder`` while MkDocs builds:
    the 公开栏 sheets (kept PDFs reused, the others rendered in ``renderers`` processes of their
    own; an unchanged sheet dated as in ``earlier_sheets``, the live site's), the kiosk and open
    data (data/: JSON, CSV, feed.xml), with the policy on its pages and scanned while the PDFs
    render. Returns the inline scripts that are not ours (``csp``), the PDFs rendered and the
    scans' results, kept once the checks passed (``Unkept``, ``scancache.Deferred``): this runs
    before they do. Raises SheetsFailed when a PDF was not made."""
    sheets = start_sheets(ctx, pdf_cache, renderers, earlier_sheets)
    write_kiosk(folder, ctx)
    write_downloads(folder, ctx)
    problems = csp.apply(folder)
    deferred = scancache.Deferred(scans)
    scan_ahead(folder, ctx, deferred)
    sheets.write(folder / "print", keep=False)
    return problems + csp.apply(folder, "print"), sheets.unkept(), deferred.held


def scan_ahead(folder: Path, ctx: PageContext, cache) -> None:
    """The scans of ``verify_output`` on part of a site, in a process that would otherwise wait:
    their results are kept by content (publish.scancache), so verifying the whole site later
    reads them instead of scanning again. What they find is reported by that verification."""
    guard.scan_output(folder, allowed_phones(ctx.info), ctx.community.sources, cache=cache)
    parses = html_scan.Parses()
    offline.scan(folder, cache=cache, parses=parses)
    links.check(folder, cache=cache, parses=parses)


# MkDocs copies theme/kiosk and theme/print (their templates too) into the site: those copies
# go, and what was written beside the pages takes their place (nothing, on a members-only site).
THEME_COPIES = ("kiosk", "print")


def drop_theme_copies(site: Path) -> None:
    """Material's source maps (.map, over 1 MB, for a developer's browser tools) and the theme
    folders MkDocs copied (``THEME_COPIES``): never published."""
    for path in sorted((site / "assets").rglob("*.map")):
        path.unlink()
    for name in THEME_COPIES:
        if (site / name).exists():
            shutil.rmtree(site / name)


def move_beside(beside: Path, site: Path) -> None:
    """Move what an aside wrote (``write_beside_the_pages``, ``write_search_index``) into the
    built site, in its place there (verified with the site after)."""
    for path in sorted(beside.rglob("*")) if beside.is_dir() else []:
        if path.is_file():
            target = site / path.relative_to(beside)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)


def portal_figures(ctx: PageContext) -> dict:
    from generator.views.board import board
    from generator.views.catalog import shown_catalog_status
    from generator.views.format import cn_date, money

    figures = board(ctx.community, ctx.today, ctx.audience, ctx.name)
    rollup = figures["commitments"]
    ledgers = figures["ledgers"]
    total = lambda attr: money(sum((getattr(fl, attr) for fl in ledgers), start=0))  # noqa: E731
    info = ctx.info
    return {
        "slug": ctx.community.slug, "name": info.name, "short_name": info.short_name,
        "street": info.street, "district": info.district,
        "organization": info.organization.name, "office_phone": info.office.phone,
        "open_notices": len(figures["notices"]),
        "commitments_done": f"{rollup.done}/{rollup.total}" if rollup else "—",
        # 逾期 means what the commitment pages mean by 已逾期 (views.commitments, the same roll-up
        # as the home board); a catalogue item behind its rhythm is 待更新, as on 公开目录.
        "commitment_year": figures["commitment_year"],
        "overdue_commitments": rollup.overdue if rollup else 0,
        "catalog_due": sum(1 for s in shown_catalog_status(ctx.community, ctx.today, ctx.audience) if s.overdue),
        "money_in": total("income"), "money_out": total("spending"), "balance": total("closing"),
        "finance_year": figures["finance_year"],
        "updated": cn_date(latest_record_date(ctx.community) or ctx.today),
    }


def latest_record_date(community) -> date | None:
    dates = [a.date for y in community.activities.values() for a in y.activities]
    dates += [n.start for y in community.notices.values() for n in y.notices]
    dates += [e.date for y in community.finances.values() for e in y.entries]
    return max(dates) if dates else None


@dataclass(frozen=True)
class Job:
    """What a worker needs to build one community: its folder, not its records (loading and
    checking happen in the worker, so the parent never holds a street of communities)."""
    folder: Path
    today: date
    audience: str
    out: Path
    source_commit: str
    history: History
    key: str
    work: Path  # the build folder (--work): each build renders in a fresh folder under it
    cores: int = 1  # the machine's cores for each community building at once (street._build)

    def provenance(self) -> dict:
        built = datetime.fromtimestamp(int(self.history.epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"source_commit": self.source_commit, "built_at": built,
                "inputs": {"key": self.key, "today": self.today.isoformat()}}


def refusal(slug: str, name: str, problems: list[Problem]) -> Result | None:
    """The result of a community whose problems stop its publish (errors, and warnings that
    must never be published), or None when they do not."""
    blockers = publish_blockers(problems)
    if not blockers:
        return None
    return Result(slug, name, problems=[p.as_text() for p in problems], blockers=len(blockers))


class Checking:
    """A loaded community's cross-record checks (``check_community``), run beside its build: the
    build waits for them once MkDocs is done, and stops there when they refuse the community.
    Nothing it made has left its build folder by then."""

    def __init__(self, community, today: date, loaded: list[Problem], slug: str, name: str):
        self.loaded, self.slug, self.name = loaded, slug, name
        self.aside = Aside(check_community, community, today)
        self.verdict: Result | None = None
        self.asked = False

    def refusal(self) -> Result | None:
        """Waits for the checks; the community's refusal when they found what blocks a publish."""
        self.asked = True
        found = self.aside.result()
        self.verdict = refusal(self.slug, self.name, sorted(self.loaded + found, key=Problem.sort_key))
        return self.verdict

    def settled(self) -> Result | None:
        """After the build failed: the refusal, if the checks refuse the community (what they
        found explains the failure better), else None."""
        if self.asked:
            return self.verdict
        try:
            return self.refusal()
        except Exception:
            return None

    def stop(self) -> None:
        self.aside.stop()


def _worker(job: Job) -> Result:
    """Load, check, build, verify and stage one community, in a process of its own."""
    os.environ["SOURCE_DATE_EPOCH"] = job.history.epoch  # this process builds this community only
    slug = name = job.folder.name
    words = kept_words.folder_for(job.work, slug, job.audience)
    # Nothing kept from a last build: jieba's dictionary loads from now on (else once rendered).
    index = search_index_aside(words) if kept_words.needs_whole_dictionary(words, None) else None
    checking: Checking | None = None
    try:
        community, problems = load_safely(job.folder)
        name = community.info.name if community is not None and community.info is not None else slug
        if community is None or any(p.severity == "error" for p in problems):
            if community is not None:  # personal data is reported even then
                problems = sorted(problems + personal_data.check(community, job.today), key=Problem.sort_key)
            return Result(slug, name, problems=[p.as_text() for p in problems],
                          blockers=max(len(publish_blockers(problems)), 1))
        checking = Checking(community, job.today, problems, slug, name)
        alongside = load_alongside(community.root)  # history and hand-written pages, read once here
        return build_one(community, job.today, job.audience, job.out, job.provenance(), job.work, alongside,
                         job.cores, index, checking)
    except OSError as exc:  # a full disk while rendering or staging: say so in words
        return (checking and checking.settled()) or Result(slug, name, failures=[failed.write_failed(exc)])
    except Exception as exc:  # the build of one community failed: report it, publish nothing
        return (checking and checking.settled()) or Result(
            slug, name, failures=[failed.build_failed(f"{type(exc).__name__}: {exc}")])
    finally:
        for aside in (index, checking):  # when its records failed their checks: nothing to wait for
            if aside:
                aside.stop()


def write_failure(exc: OSError) -> str:
    """A file-system error as the keeper of the server reads it, printed like every problem."""
    return failed.write_failed(exc).as_text()


def run(data_dir: Path, slugs, out: Path, today: date, audience: str, log=print,
        jobs: int | None = None, shard: tuple[int, int] | None = None, *,
        work: Path, source_date_epoch: str | None) -> int:
    """`dangwu build`: see ``generator.pipeline.street``."""
    from generator.pipeline.street import run as run_street

    return run_street(data_dir, slugs, out, today, audience, log=log, jobs=jobs, shard=shard,
                      work=work, source_date_epoch=source_date_epoch)
