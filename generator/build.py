"""`dangwu build`: check everything, render, build each community in its own process, verify, publish.

Two phases: nothing is rendered unless every record passed its checks, and nothing is
published unless every community built and passed verification (personal data, external
URLs, links inside the site). Publishing is a symlink swap; see ``publish.release``.
"""
from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from generator.checks import load_and_check
from generator.engine import mkdocs as engine
from generator.engine import search_index
from generator.pages.context import PageContext
from generator.pages.site import nav, render_site, search_order, search_words
from generator.blocking import publish_blockers
from generator.views.organization import roster
from generator.views.people import public_by_role
from generator.kiosk import write_kiosk
from generator.opendata import write_downloads
from generator.printing import write_sheets
from generator.publish import csp, guard, links, manifest, offline, release, street
from generator.views.photos import shown_photos


@dataclass
class Result:
    slug: str
    name: str
    pages: int = 0
    seconds: float = 0.0
    build_id: str = ""
    staged: Path | None = None
    failures: list[str] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


RUNS = Path("build") / ".runs"  # one fresh folder per community build, removed when it ends


def build_dir_for(slug: str, audience: str) -> Path:
    """The preview's folder (``dangwu serve --community``); a build renders into its own (RUNS)."""
    return Path("build") / (slug if audience == "public" else f".members/{slug}")


def render_docs(community, today: date, audience: str,
                root: Path | None = None) -> tuple[PageContext, dict[str, str], Path]:
    """Render a community's Markdown and config into ``root`` (default: the preview's
    build/<slug>/; only changed files are written). Only the photos a shown record uses are
    copied: a members-only activity's photos never reach the public site."""
    ctx = PageContext(community, today, audience)
    pages = render_site(ctx)
    folder = community.root / "photos"
    photos = {f"photos/{name}": folder / name for name in sorted(shown_photos(community, audience))
              if "/" not in name and not name.startswith(".") and (folder / name).is_file()}
    root = root or build_dir_for(community.slug, audience)
    engine.write_docs(root / "docs", pages, photos)
    return ctx, pages, root


def _configure(ctx: PageContext, pages: dict, root: Path, site_dir: Path) -> Path:
    from generator.views.format import cn_date

    info = ctx.info
    suffix = "（党内）" if ctx.audience == "members" else ""
    updated = latest_record_date(ctx.community)
    # No site_url: Material would write an absolute canonical link to another origin.
    return engine.write_config(
        root.resolve(), site_name=f"{info.name}党务公开{suffix}", site_dir=site_dir.resolve(),
        nav=nav(pages), words=search_words(ctx), site_url=None,
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


def full_names(ctx: PageContext) -> set[str]:
    """People this site names in full (the public site masks everyone else)."""
    if ctx.audience == "members":
        return {m.name for m in roster(ctx.community, "members")}
    return public_by_role(ctx.community, ctx.today)


def allowed_phones(info) -> frozenset[str]:
    from generator.privacy import phone_digits

    return frozenset(phone_digits(p) for p in [info.office.phone, info.supervision.phone, *info.phones])


def verify_output(site: Path, ctx: PageContext) -> list[str]:
    """Everything that must hold before a site may be published, as readable failures."""
    failures = []
    for hit in guard.scan_output(site, allowed_phones(ctx.info), ctx.community.sources):
        where = f"（来源 {hit.source}）" if hit.source else ""
        failures.append(f"输出文件 {hit.file} 含有个人信息（{hit.finding.kind}）{where}")
    from generator.checks.markdown_fields import source_of

    def record(url: str) -> str:  # the clerk's record first, when a field of it holds the URL
        found = source_of(ctx.community, ctx.today, url)
        return f"{found}: " if found else ""
    for ref in offline.scan(site):
        failures.append(f"{record(ref.url)}输出文件 {ref.file} 从外部加载 {ref.url}（<{ref.where}>）")
    for link in links.check(site):
        failures.append(f"{record(link.url)}输出文件 {link.file} 的链接 {link.url} 指向不存在的页面或锚点")
    return failures


def build_id_of(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            digest.update(path.relative_to(site).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def build_one(community, today: date, audience: str, out: Path, provenance: dict) -> Result:
    """Render into a folder of this build's own (two builds from one working folder, or a build
    and a preview, never read each other's pages), build, verify and stage one community."""
    RUNS.mkdir(parents=True, exist_ok=True)
    clear_abandoned_runs()
    work = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-{community.slug}-{audience}-", dir=RUNS))
    try:
        return _build_in(work, community, today, audience, out, provenance)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def clear_abandoned_runs() -> None:
    """Remove the folders of killed builds (named by the id of a process that no longer runs);
    a folder of a build still running, here or from another terminal, is left alone."""
    for folder in RUNS.iterdir():
        pid = folder.name.split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _build_in(work: Path, community, today: date, audience: str, out: Path, provenance: dict) -> Result:
    started = time.perf_counter()
    info = community.single("community")
    result = Result(community.slug, info.name)
    ctx, pages, root = render_docs(community, today, audience, work)
    staged = release.staging_dir(out, community.slug, str(os.getpid()))
    warnings = engine.build(_configure(ctx, pages, root, staged))
    result.failures += [f"MkDocs 警告：{w}" for w in warnings]
    search_index.write(staged, search_order(pages))
    write_kiosk(staged, ctx)  # also removes the theme's kiosk templates that MkDocs copied
    write_downloads(staged, ctx)  # data/: JSON, CSV, feed.xml, verified below like every page
    write_sheets(staged / "print", ctx)  # 公开栏 A4 sheets (HTML + PDF); removes copied theme files
    result.failures += [p.as_text() for p in csp.apply(staged)]  # scripts we do not ship
    result.failures += verify_output(staged, ctx)
    result.summary = portal_figures(ctx)
    (staged / "summary.json").write_text(
        json.dumps(result.summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    result.build_id = build_id_of(staged)
    manifest.write_manifest(staged, manifest.build_manifest(
        staged, result.build_id, community=community.slug, audience=audience, **provenance))
    result.staged, result.pages = staged, len(pages)
    result.seconds = time.perf_counter() - started
    return result


def portal_figures(ctx: PageContext) -> dict:
    from generator.pages.board import board
    from generator.views.catalog import catalog_status
    from generator.views.format import cn_date, money

    figures = board(ctx)
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
        "catalog_due": sum(1 for s in catalog_status(ctx.community, ctx.today) if s.overdue),
        "money_in": total("income"), "money_out": total("spending"), "balance": total("closing"),
        "finance_year": figures["finance_year"],
        "updated": cn_date(latest_record_date(ctx.community) or ctx.today),
    }


def latest_record_date(community) -> date | None:
    dates = [a.date for y in community.years("activities").values() for a in y.activities]
    dates += [n.start for y in community.years("notices").values() for n in y.notices]
    dates += [e.date for y in community.years("finances").values() for e in y.entries]
    return max(dates) if dates else None


def _worker(args):
    community, today, audience, out, provenance = args
    try:
        return build_one(community, today, audience, out, provenance)
    except OSError as exc:  # a full disk while rendering or staging: say so in words
        info = community.single("community")
        return Result(community.slug, info.name, failures=[write_failure(exc)])
    except Exception as exc:  # the build of one community failed: report it, publish nothing
        info = community.single("community")
        return Result(community.slug, info.name, failures=[f"构建失败：{type(exc).__name__}: {exc}"])


def write_failure(exc: OSError) -> str:
    """A file-system error as the keeper of the server reads it."""
    where = f"写入 {exc.filename} 时" if exc.filename else "写入文件时"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}磁盘空间已满：请清理服务器磁盘（或加大空间）后重新运行。"
    return f"{where}出错（{exc.strerror or exc}）：请检查输出文件夹的权限和磁盘后重新运行。"


def source_provenance(data_dir: Path) -> dict:
    """The commit the records come from and its time (SOURCE_DATE_EPOCH wins when set)."""
    def git(*args):
        try:
            return subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or git("log", "-1", "--format=%ct", "--", ".") or "0"
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    built = datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"source_commit": git("rev-parse", "HEAD") or "unknown", "built_at": built}


def run(data_dir: Path, slugs, out: Path, today: date, audience: str, log=print) -> int:
    communities, problems = load_and_check(data_dir, slugs, today)
    blockers = publish_blockers(problems)  # errors, and warnings that must never be published
    if blockers:
        for problem in problems:
            log(problem.as_text())
        log(f"有 {len(blockers)} 个问题必须先改正：没有构建，已发布的网站保持不变。请先改正后再运行。")
        return 1
    try:
        with release.locked(out):
            return _build_and_publish(communities, data_dir, out, today, audience, log)
    except release.PublishError as exc:
        log(f"{exc}\n没有发布任何内容，已发布的网站保持不变。")
        return 1
    except OSError as exc:
        log(write_failure(exc))
        log("没有发布任何内容，已发布的网站保持不变。")
        return 1


def _build_and_publish(communities, data_dir: Path, out: Path, today: date, audience: str, log) -> int:
    release.clear_staging(out)  # a killed earlier build may have left its staging behind
    provenance = source_provenance(data_dir)
    engine.preload()
    jobs = [(c, today, audience, out, provenance) for c in communities]
    results = _build_all(jobs, log)
    failed = [r for r in results if r.failures]
    if failed:
        for r in failed:
            for failure in r.failures:
                log(f"[{r.slug}] {failure}")
        log("构建未通过检查：没有发布任何内容，已发布的网站保持不变。")
        release.clear_staging(out)
        return 1
    try:
        publish_all(out, results, today)
    finally:
        release.clear_staging(out)
    log(f"完成：{len(results)} 个社区已发布到 {out}/")
    return 0


def publish_all(out: Path, results: list[Result], today: date) -> None:
    """Everything that needs disk space first (release folders, kept manifests, portal, street
    feed), then the swaps, then renames: a full disk at any step leaves the published site whole."""
    for r in results:
        release.store(out, r.slug, r.staged, r.build_id)
    changes = {r.slug: r.build_id for r in results}
    prepared = street.prepare(out, today, changes)
    try:
        release.go_live(out, changes)
    except BaseException:
        street.discard(prepared)
        raise
    prepared.commit()


def _build_all(jobs, log) -> list[Result]:
    """One process per community (MkDocs is not thread-safe); a line per community as it ends."""
    total = len(jobs)
    processes = min(os.cpu_count() or 1, total, 4)
    context = multiprocessing.get_context("fork")
    results = []
    with context.Pool(processes=processes, maxtasksperchild=1) as pool:
        for done, result in enumerate(pool.imap_unordered(_worker, jobs), start=1):
            state = "失败" if result.failures else "完成"
            log(f"[{done}/{total}] {result.slug} {result.name}：{state}，{result.pages} 页，{result.seconds:.1f} 秒")
            results.append(result)
    return sorted(results, key=lambda r: r.slug)
