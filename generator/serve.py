"""`dangwu serve`: preview while editing.

With one community (``--community SLUG``): MkDocs' live-reload server over build/<slug>/docs,
and a watcher that re-renders the pages when a YAML file changes. Pages are written only when
their text changed, so MkDocs rebuilds once per edit and never loops. A file with errors
prints its problems and leaves the preview as it was.

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

from generator.checks import load_and_check
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


def _watch(folder: Path, callback) -> Observer:
    observer = Observer()
    observer.schedule(_OnChange(callback), str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def rerender(data_dir: Path, slug: str, today: date | None) -> bool:
    from generator.build import render_docs

    communities, problems = load_and_check(data_dir, [slug], today or date.today())
    for problem in problems:
        print(problem.as_text(), flush=True)
    if errors(problems):
        print("有错误：预览保持上一次的样子，改正后会自动更新。", flush=True)
        return False
    render_docs(communities[0], today or date.today(), "public")
    print(f"{time.strftime('%H:%M:%S')} 已更新 {slug} 的页面", flush=True)
    return True


def serve_community(data_dir: Path, slug: str, today: date | None, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.build import _configure, render_docs
    from generator.engine.mkdocs import preload

    communities, problems = load_and_check(data_dir, [slug], today or date.today())
    if errors(problems):
        for problem in problems:
            print(problem.as_text())
        return 1
    ctx, pages, root = render_docs(communities[0], today or date.today(), "public")
    config = _configure(ctx, pages, root, root / "preview-site")
    preload()
    _watch(communities[0].root, lambda: rerender(data_dir, slug, today))
    print(f"预览：http://{HOST}:{port}/  （修改 {communities[0].root}/ 里的文件后页面自动刷新；Ctrl+C 退出）")
    mkdocs_serve(str(config), livereload=True, dev_addr=f"{HOST}:{port}")
    return 0


def serve_site(data_dir: Path, out: Path, today: date | None, port: int) -> int:
    def build(slugs=None):
        args = [sys.executable, "-m", "generator", "build", str(data_dir), "--out", str(out)]
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


def serve(data_dir: Path, slugs, out: Path, today: date | None, port: int) -> int:
    if slugs:
        return serve_community(data_dir, slugs[0], today, port)
    return serve_site(data_dir, out, today, port)
