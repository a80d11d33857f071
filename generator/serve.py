"""`dangwu serve`: preview while editing.

With one community (``--community SLUG``): MkDocs' live-reload server over build/<slug>/docs,
and a watcher that re-renders the pages when a YAML file changes. Pages are written only when
their text changed, so MkDocs rebuilds once per edit and never loops. A file with errors
prints its problems and leaves the preview as it was, under a banner listing each problem's
file:line and message (generator/preview_banner.py) until it is fixed.

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

import yaml
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from generator import preview_banner
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
    from generator.build import build_dir_for, render_docs

    communities, problems = load_and_check(data_dir, [slug], today or date.today())
    for problem in problems:
        print(problem.as_text(), flush=True)
    build_dir = build_dir_for(slug, "public")
    if errors(problems):
        preview_banner.write_problems(build_dir, problems, kept_last_good=True)
        print("有错误：预览保持上一次的样子（页面顶部列出问题），改正后会自动更新。", flush=True)
        return False
    render_docs(communities[0], today or date.today(), "public")
    preview_banner.write_problems(build_dir, problems, kept_last_good=False)  # after the pages: one reload
    print(f"{time.strftime('%H:%M:%S')} 已更新 {slug} 的页面", flush=True)
    return True


def _preview_options(config: Path, build_dir: Path) -> dict:
    """The banner hook on top of the community's own hooks, and its problems file watched.
    Only the preview passes these: a build never shows the banner."""
    hooks = yaml.safe_load(config.read_text(encoding="utf-8")).get("hooks", [])
    return {"hooks": [*hooks, preview_banner.__file__],
            "watch": [str(preview_banner.problems_path(build_dir))]}


def serve_community(data_dir: Path, slug: str, today: date | None, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.build import _configure, build_dir_for, render_docs
    from generator.engine.mkdocs import preload

    communities, problems = load_and_check(data_dir, [slug], today or date.today())
    for problem in problems:
        print(problem.as_text())
    root = build_dir_for(slug, "public")
    if errors(problems):
        config = root / "mkdocs.yml"
        if not config.is_file():  # no earlier preview to show under the banner
            print("有错误：改正后再运行 dangwu serve。")
            return 1
        print("有错误：预览显示上一次的样子（页面顶部列出问题），改正后会自动更新。")
        preview_banner.write_problems(root, problems, kept_last_good=True)
    else:
        ctx, pages, root = render_docs(communities[0], today or date.today(), "public")
        config = _configure(ctx, pages, root, root / "preview-site")
        preview_banner.write_problems(root, problems, kept_last_good=False)
    preload()
    community_root = data_dir / "communities" / slug
    _watch(community_root, lambda: rerender(data_dir, slug, today))
    print(f"预览：http://{HOST}:{port}/  （修改 {community_root}/ 里的文件后页面自动刷新；Ctrl+C 退出）", flush=True)
    mkdocs_serve(str(config), livereload=True, dev_addr=f"{HOST}:{port}", **_preview_options(config, root))
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
