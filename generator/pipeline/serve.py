"""`dangwu serve`: preview while editing.

With one community (``--community SLUG``): one warm process (generator/engine/preview.py) whose
MkDocs live-reload server watches the records; on a save it reloads the changed files, renders
the Markdown (written only when its text changed) and rebuilds only the changed pages, or every
page when the config, the set of pages or the banner changed. A file with errors prints its
problems and leaves the preview as it was, under a banner listing each problem's file:line and
message (generator/engine/preview_banner.py) until it is fixed.

Without ``--community``: builds every community and the portal, serves ``site/`` as it will
be published, and rebuilds a community when its records change.
"""
from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator import resources
from generator.checks import load_and_check
from generator.engine import preview_banner
from generator.load.alongside import load_alongside
from generator.load.dataset import reusing
from generator.problems import errors

HOST = "127.0.0.1"


class _OnChange(FileSystemEventHandler):
    """Calls back (debounced) when a record file under a community folder changes."""

    def __init__(self, callback, delay: float = 0.3):
        self.callback, self.delay = callback, delay
        self.timer: threading.Timer | None = None

    CHANGES = {"created", "modified", "moved", "deleted"}  # not opened/closed: reading is no change

    def on_any_event(self, event):
        path = str(getattr(event, "dest_path", "") or event.src_path)
        if event.is_directory or event.event_type not in self.CHANGES:
            return
        if not path.endswith((".yml", ".md", ".jpg", ".png")):
            return
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(self.delay, self.callback)
        self.timer.start()


def _watch(folder: Path, callback) -> BaseObserver:  # Observer names this platform's kind
    observer = Observer()
    observer.schedule(_OnChange(callback), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


class CommunityPreview:
    """One community's preview between saves: the files as last read, the pages as last written.

    ``refresh()`` is MkDocs' builder step (generator/engine/preview.py): it reloads only the
    record files whose bytes changed, checks the whole community again (rules cross files),
    renders every page but writes only those whose text changed, and says how much MkDocs must
    rebuild. A file with errors keeps the last good pages under the problem banner.
    """

    def __init__(self, data_dir: Path, slug: str, today: date | None, work: Path):
        from generator.pipeline.community import build_dir_for

        self.data_dir, self.slug, self.today = data_dir, slug, today
        self.community_root = data_dir / "communities" / slug
        self.root = build_dir_for(work, slug, "public")
        self.files: dict = {}  # the loader's reuse cache (generator.load.dataset.reusing)
        self.pages: set[str] = set()
        self.stamp: tuple | None = None
        self.announce = False  # the first render is the start, not an update

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    def watched(self) -> list[Path]:
        return [self.community_root, resources.CONTENT]

    def refresh(self) -> str:
        from generator.engine.preview import DIRTY, FULL, NOTHING
        from generator.pipeline.community import _configure, render_docs

        today = self.today or date.today()
        stamp = (today, *_stamps(self.watched()))
        if stamp == self.stamp:
            return NOTHING
        self.stamp = stamp
        with reusing(self.files):
            communities, problems = load_and_check(self.data_dir, [self.slug], today)
        for problem in problems:
            print(problem.as_text(), flush=True)
        if errors(problems):
            changed = preview_banner.write_problems(self.root, problems, kept_last_good=True)
            if self.announce:  # at the start, serve_community says what happens next
                print("有错误：预览保持上一次的样子（页面顶部列出问题），改正后会自动更新。", flush=True)
            return FULL if changed else NOTHING
        site_wide = [self.config, self.root / "userdict.txt"]
        before = [_bytes(p) for p in site_wide]
        alongside = load_alongside(communities[0].root)  # the history (new commits too) and hand-written pages
        ctx, pages, root = render_docs(communities[0], today, "public", self.root, alongside)
        _configure(ctx, pages, root, root / "preview-site")
        banner_changed = preview_banner.write_problems(self.root, problems, kept_last_good=False)
        every_page = banner_changed or set(pages) != self.pages or before != [_bytes(p) for p in site_wide]
        self.pages = set(pages)
        if self.announce:
            print(f"{time.strftime('%H:%M:%S')} 已更新 {self.slug} 的页面", flush=True)
        self.announce = True
        return FULL if every_page else DIRTY


def _stamps(folders: list[Path]) -> list[tuple]:
    """What a save changes: each file's path, time and size (cheap; the loader compares bytes)."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            try:
                info = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            found.append((str(path), info.st_mtime_ns, info.st_size))
    return found


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def serve_community(data_dir: Path, slug: str, today: date | None, port: int, work: Path) -> int:
    from generator.engine import preview
    from generator.engine.mkdocs import preload

    live = CommunityPreview(data_dir, slug, today, work)
    live.refresh()
    if not live.pages:  # errors at the start: nothing rendered
        if not live.config.is_file():  # no earlier preview to show under the banner
            print("有错误：改正后再运行 dangwu serve。")
            return 1
        print("有错误：预览显示上一次的样子（页面顶部列出问题），改正后会自动更新。")
    preload()
    print(f"预览：http://{HOST}:{port}/  （修改 {live.community_root}/ 里的文件后页面自动刷新；Ctrl+C 退出）",
          flush=True)
    # Only the preview adds the banner hook: a build never shows it.
    preview.serve(live.config, host=HOST, port=port, watch=live.watched(), hooks=[preview_banner.__file__],
                  refresh=live.refresh)
    return 0


def serve_site(data_dir: Path, out: Path, today: date | None, port: int, work: Path) -> int:
    def build(slugs=None):
        args = [sys.executable, "-m", "generator", "build", str(data_dir), "--out", str(out), "--work", str(work)]
        args += [f"--community={s}" for s in slugs or []]
        args += [f"--today={today}"] if today else []
        return subprocess.run(args).returncode

    if build() != 0 and not (out / "index.html").exists():
        return 1
    for folder in sorted((data_dir / "communities").iterdir()):
        if folder.is_dir():
            _watch(folder, functools.partial(build, [folder.name]))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    server = ThreadingHTTPServer((HOST, port), handler)
    print(f"门户：http://{HOST}:{port}/  （修改记录后自动重新生成；Ctrl+C 退出）", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def serve(data_dir: Path, slugs, out: Path, today: date | None, port: int, *, work: Path) -> int:
    """``work``: the build folder, where the preview renders (``--work``, default ./build)."""
    if slugs:
        return serve_community(data_dir, slugs[0], today, port, work)
    return serve_site(data_dir, out, today, port, work)
