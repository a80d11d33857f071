"""`dangwu build` over a street: each community is checked, built and published on its own.

- An unchanged community (same input key as its live release, see ``publish.inputs``) is
  skipped before anything of it is loaded: "未变化，跳过".
- The others go to a pool of worker processes (``--jobs``, default the machine's cores); a
  worker gets the community's folder and loads, checks, builds, verifies and stages it.
- Each community that passes is published as soon as it is ready (results arriving together
  share one portal update). One that fails keeps its previous site; a note beside its releases
  makes the portal show it as 未更新, with the date of its live build and the reason, until a
  build of it passes. The exit status is 1 when any community failed.
- ``--shard I/N`` builds the communities whose stable hash falls in part I of N and writes no
  street files; `dangwu portal` then assembles the portal and street feed from what is live.

Per batch the order of ``publish_all`` is kept: release folders, kept manifests, the portal and
street feed are prepared first, then the links move, so a full disk never leaves half a site.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.engine import mkdocs as engine
from generator.load.dataset import community_dirs
from generator.load.unsafe import unsafe_outside_communities
from generator.pipeline.community import Job, Result, _worker, write_failure
from generator.problems import Problem
from generator.problems.blocking import refuse_on_blockers
from generator.publish import inputs, release, street
from generator.publish.failures import build_failed
from generator.render.printing import import_weasyprint

MIN_GAP = 1.0  # seconds between two portal updates while communities are still building


def in_shard(slug: str, shard: tuple[int, int] | None) -> bool:
    """Part I of N (1-based) by a stable hash of the name: the same community always lands in
    the same part, whatever communities are added or removed."""
    if shard is None:
        return True
    index, count = shard
    return int(hashlib.sha256(slug.encode()).hexdigest(), 16) % count == index - 1


def street_problems(data_dir: Path, slugs) -> list[Problem]:
    """What stops the whole run: links or special files in the data folder outside the
    communities, an unknown --community, no communities at all."""
    problems = unsafe_outside_communities(data_dir)
    known = {d.name for d in community_dirs(data_dir)}
    if slugs:
        problems += [Problem("unknown-community", str(data_dir), 0, 0, params={"slug": s})
                     for s in slugs if s not in known]
    elif not known:
        problems.append(Problem("no-communities", str(data_dir / "communities"), 0, 0))
    return sorted(problems, key=Problem.sort_key)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def head_commit(data_dir: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(data_dir), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(data_dir: Path, slugs, out: Path, today: date, audience: str, log: Callable[[str], object] = print,
        jobs: int | None = None, shard: tuple[int, int] | None = None, *,
        work: Path, source_date_epoch: str | None) -> int:
    """``work``: the build folder (renders, under ``work/.runs``); ``source_date_epoch``: the
    time every site stamps when the caller fixed one (else each community's last commit)."""
    problems = street_problems(data_dir, slugs)
    if refuse_on_blockers(problems, log, "没有构建，已发布的网站保持不变"):
        return 1
    folders = [d for d in community_dirs(data_dir) if (not slugs or d.name in slugs) and in_shard(d.name, shard)]
    if not folders:
        log(f"第 {shard[0]}/{shard[1]} 份没有分到社区：没有要构建的。" if shard else "没有要构建的社区。")
        return 0
    try:
        with release.locked(out, f"{shard[0]}/{shard[1]}" if shard else None):
            return StreetRun(data_dir, out, today, audience, log, shard is None, work,
                             source_date_epoch).run(folders, jobs)
    except release.PublishError as exc:
        log(f"{exc}\n没有发布任何内容，已发布的网站保持不变。")
        return 1
    except OSError as exc:
        log(write_failure(exc))
        log("没有发布任何内容，已发布的网站保持不变。")
        return 1


@dataclass
class StreetRun:
    data_dir: Path
    out: Path
    today: date
    audience: str
    log: Callable[[str], object]
    writes_street: bool  # False for a shard: `dangwu portal` writes the street files
    work: Path  # the build folder: each community renders in a fresh folder under it
    source_date_epoch: str | None  # fixed by the caller, else each community's last commit time
    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    street_stale: bool = False  # notes changed since the portal was last made
    stopped: bool = False  # publishing could not go on (a full disk, say): nothing more is written
    street_held: bool = False  # a community's place is taken by a plain folder: the portal would drop it
    gap: float = MIN_GAP

    def run(self, folders: list[Path], jobs: int | None) -> int:
        slugs = [f.name for f in folders]
        release.clear_staging(self.out, None if self.writes_street else slugs)
        try:
            todo = self._changed(folders)
            jobs = jobs or available_cores()
            if len(todo) > jobs:  # workers forked one after another: load once, here, what each would load
                engine.preload()  # jieba's dictionary
                if self.audience == "public":
                    import_weasyprint()  # likewise for the sheets' renderers
            # With a worker for each community, each loads them beside its own build instead
            # (community.build_one): here they would only delay every worker.
            if todo:
                self._build(todo, jobs)
            if self._street_written() and street.live_releases(self.out) and (
                    self.street_stale or street.outdated(self.out)):
                street.assemble(self.out, self.today)
        finally:
            release.clear_staging(self.out, None if self.writes_street else slugs)
        self._summary()
        return 1 if self.failed else 0

    def _changed(self, folders: list[Path]) -> list[Job]:
        """The communities whose inputs differ from their live release's; the rest skipped."""
        street_digest, commit = inputs.street_digest(self.data_dir), head_commit(self.data_dir)
        todo = []
        for folder in folders:
            slug = folder.name
            history = inputs.history_of(folder, self.source_date_epoch)
            key = inputs.community_key(folder, street_digest, history, self.today, self.audience)
            if release.live_inputs(self.out, slug).get("key") == key:
                self.log(f"{slug}：未变化，跳过")
                self.skipped.append(slug)
                self.street_stale |= release.clear_not_updated(self.out, slug)
                continue
            try:
                release.refuse_foreign(self.out, slug)
            except release.PublishError as exc:
                self.log(f"[{slug}] {exc}\n[{slug}] 这个社区没有构建，已发布的网站保持不变。")
                self.failed.append(slug)
                self.street_held = True
                continue
            todo.append(Job(folder, self.today, self.audience, self.out, commit, history, key, self.work))
        return todo

    def _build(self, todo: list[Job], jobs: int) -> None:
        context = multiprocessing.get_context("fork")  # MkDocs is not thread-safe: a process each
        arrived: queue.SimpleQueue = queue.SimpleQueue()
        workers = min(jobs, len(todo))
        share = max(1, available_cores() // workers)  # one community alone may keep every core busy
        todo = [replace(job, cores=share) for job in todo]
        with context.Pool(processes=workers, maxtasksperchild=1) as pool:
            for job in todo:
                pool.apply_async(_worker, (job,), callback=arrived.put, error_callback=_failed(job, arrived))
            done = 0
            while done < len(todo):
                batch = self._next_batch(arrived, len(todo) - done)
                for result in batch:
                    done += 1
                    self._report(result, done, len(todo))
                if not self._publish([r for r in batch if r.staged and not r.failures]):
                    pool.terminate()
                    return

    def _next_batch(self, arrived: queue.SimpleQueue, pending: int) -> list[Result]:
        """The next result, and those that arrive within the gap after it while more are pending:
        one portal update for results that finish together."""
        batch = [arrived.get()]
        deadline = time.monotonic() + self.gap
        while len(batch) < pending:
            try:
                batch.append(arrived.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        return batch

    def _report(self, r: Result, done: int, total: int) -> None:
        if r.problems or r.blockers:
            for line in r.problems:
                self.log(line)
            self.log(f"[{done}/{total}] {r.slug} {r.name}：未通过检查")
            self.log(f"[{r.slug}] 有 {r.blockers} 个问题必须先改正：没有构建，已发布的网站保持不变。请先改正后再运行。")
            self._not_updated(r.slug, f"记录检查未通过，有 {r.blockers} 个问题待社区改正")
        elif r.failures or not r.staged:
            self.log(f"[{done}/{total}] {r.slug} {r.name}：失败，{r.seconds:.1f} 秒")
            for failure in r.failures:
                self.log(f"[{r.slug}] {failure.as_text()}")
            self.log(f"[{r.slug}] 构建未通过检查：这个社区没有发布任何内容，已发布的网站保持不变。")
            self._not_updated(r.slug, failed_reason(r.failures))
        else:
            self.log(f"[{done}/{total}] {r.slug} {r.name}：完成，{r.pages} 页，{r.seconds:.1f} 秒")

    def _not_updated(self, slug: str, reason: str) -> None:
        """Remember why the live site of ``slug`` stays (for the portal's 未更新); none when
        nothing of it is live: there is no card to mark."""
        self.failed.append(slug)
        if release.current(self.out, slug) is None:
            return
        live = release.live_inputs(self.out, slug)
        note = {"reason": reason, "since": live.get("today"), "failed_on": self.today.isoformat()}
        if release.not_updated(self.out, slug) != note:
            release.note_not_updated(self.out, slug, note)
            self.street_stale = True

    def _publish(self, passed: list[Result]) -> bool:
        """Store and publish ``passed``; False (after saying why) when publishing cannot go on."""
        if not passed:
            return True
        started = time.monotonic()
        try:
            publish_all(self.out, passed, self.today, self._street_written())
        except (release.PublishError, OSError) as exc:
            names = "、".join(r.slug for r in passed)
            self.log(str(exc) if isinstance(exc, release.PublishError) else write_failure(exc))
            self.log(f"{names} 没有发布，已发布的网站保持不变；其余没有构建完的社区也已停止。")
            self.failed += [r.slug for r in passed]
            self.stopped = True
            return False
        for r in passed:
            release.clear_not_updated(self.out, r.slug)
            self.published.append(r.slug)
        self.street_stale = False
        self.gap = max(MIN_GAP, 3 * (time.monotonic() - started))
        return True

    def _street_written(self) -> bool:
        return self.writes_street and not self.stopped and not self.street_held

    def _summary(self) -> None:
        parts = [f"{len(self.published)} 个社区已发布到 {self.out}/"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} 个未变化")
        if self.failed:
            parts.append(f"{len(self.failed)} 个未通过（{'、'.join(sorted(self.failed))}，保持原来的网站）")
        self.log("完成：" + "，".join(parts))
        if not self.writes_street:
            self.log("这是分片构建：门户和街道订阅没有更新，所有分片完成后运行 dangwu portal。")
        elif self.street_held:
            self.log("有社区的发布位置被普通文件或文件夹占用：门户和街道订阅这次没有更新（移走后重新运行）。")


def failed_reason(failures: list[Problem]) -> str:
    """The 未更新 reason the portal shows: what failed, by its codes (which the build's log
    explains at each file), never the words themselves (they may quote what must not be public)."""
    codes = "、".join(dict.fromkeys(p.code for p in failures))
    return "生成的网站未通过发布前的核对" + (f"（{codes}）" if codes else "")


def _failed(job: Job, arrived: queue.SimpleQueue) -> Callable[[BaseException], None]:
    """A worker's error callback: the exception that ended it becomes its community's failure."""
    return lambda exc: arrived.put(Result(job.folder.name, job.folder.name, failures=[build_failed(str(exc))]))


def publish_all(out: Path, results: list[Result], today: date, writes_street: bool = True) -> None:
    """Everything that needs disk space first (release folders, kept manifests, portal, street
    feed), then the swaps, then renames: a full disk at any step leaves the published site whole."""
    for r in results:
        assert r.staged is not None, "publish_all is given staged results only"
        release.store(out, r.slug, r.staged, r.build_id)
    changes = {r.slug: r.build_id for r in results}
    if not writes_street:
        release.go_live(out, changes)
        return
    prepared = street.prepare(out, today, changes)
    try:
        release.go_live(out, changes)
    except BaseException:
        street.discard(prepared)
        raise
    prepared.commit()
