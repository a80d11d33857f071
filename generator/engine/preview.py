"""The live preview's MkDocs, kept warm in one process (`dangwu serve --community`).

`mkdocs serve` rebuilds every page on any change, and learns of a change by polling twice a
second after our own watcher re-rendered the Markdown: a one-word edit waited for two watchers
and a full build. Here MkDocs' live-reload server watches the records itself (polling every
0.1 s) and its one builder does both steps: ``refresh()`` re-renders the Markdown (written only
when it changed) and says how much MkDocs must rebuild:

- ``DIRTY``: only the pages whose Markdown changed (MkDocs' dirty build, by file time);
- ``FULL``: every page, when what every page shows changed (the config: site name, nav,
  footer; the preview's problem banner) or a page came or went (navigation, links);
- ``NOTHING``: the records read the same (an editor's swap file, a save without a change).

The browser reloads after each build; a request made during a build waits for it to finish,
so a half-built site is never served. Search is kept whole by preview_search.py.
"""
from __future__ import annotations

import logging
import shutil
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

import jinja2

FULL, DIRTY, NOTHING = "full", "dirty", "nothing"
POLL_SECONDS = 0.1  # how often the records are looked at; MkDocs' default is 0.5 s
SEARCH_HOOK = Path(__file__).with_name("preview_search.py")


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale: here it is not (a page
    coming or going rebuilds everything), and a clerk should not read that after each save."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(config_path: Path, *, host: str, port: int, watch: list[Path], hooks: list[str],
          refresh: Callable[[], str]) -> None:
    """Serve the site of ``config_path`` until Ctrl+C, rebuilding as ``refresh()`` says after
    any change under ``watch``. The config's own hooks run, then ``hooks`` (preview only)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    site_dir = tempfile.mkdtemp(prefix="dangwu-preview-site-")
    url = f"http://{host}:{port}/"
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())

    def config():
        loaded = load_config(config_file=str(config_path), site_dir=site_dir,
                             hooks=[*_own_hooks(config_path), *hooks, str(SEARCH_HOOK)])
        loaded.site_url = url  # as `mkdocs serve` does: links and the live-reload script use it
        _keep_theme_warm(loaded.theme)
        return loaded

    def builder(mode: str | None = None):
        mode = mode or refresh()
        if mode != NOTHING:
            build(config(), serve_url=url, dirty=mode == DIRTY)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              polling_interval=POLL_SECONDS)
    signal.signal(signal.SIGTERM, _stop)  # a terminated preview removes its site folder too
    try:
        builder(FULL)
        for folder in watch:
            server.watch(str(folder))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process, keyed by name and source checksum. MkDocs
    makes a new Jinja environment for every build, which compiled Material's templates again on
    every save (~0.2 s)."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()
_THEME_FILES: dict = {}


def _keep_theme_warm(theme) -> None:
    """Every build's theme environment shares the compiled templates and the list of theme
    files (MkDocs walks and filters the theme folders on every build; the preview does not
    watch the theme, so the list cannot change under it)."""
    make = theme.get_env

    def get_env():
        env = make()
        env.bytecode_cache = _COMPILED
        walk = env.list_templates

        def list_templates(extensions=None, filter_func=None):
            key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__qualname__", None))
            if key not in _THEME_FILES:
                _THEME_FILES[key] = walk(extensions, filter_func)
            return list(_THEME_FILES[key])

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


def _stop(signum, frame):
    raise KeyboardInterrupt


def _own_hooks(config_path: Path) -> list[str]:
    import yaml

    return yaml.safe_load(config_path.read_text(encoding="utf-8")).get("hooks", [])
