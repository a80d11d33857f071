"""MkDocs hook (preview only): the search index stays whole across dirty builds.

A dirty build runs only the changed pages through Material's search plugin, which then writes an
index of those pages alone. This hook keeps the other pages' entries from the index the last
build wrote, drops those of pages that no longer exist, and adds the fresh ones, so search in
the preview finds every page, with a changed page's text as of the last save.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"
_state: dict = {"previous": [], "pages": set(), "built": set()}


def _page(entry: dict) -> str:
    return entry.get("location", "").split("#", 1)[0]


def _read(config) -> dict | None:
    try:
        return json.loads((Path(config.site_dir) / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def on_pre_build(config) -> None:
    """Before the build (a full one empties the folder): the entries of the last index."""
    _state.update(previous=(_read(config) or {}).get("docs", []), pages=set(), built=set())


def on_files(files, config):
    _state["pages"] = {f.url for f in files.documentation_pages()}
    return files


def on_page_context(context, page, config, nav):
    _state["built"].add(page.url)
    return context


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config) -> None:
    index = _read(config)
    if index is None:
        return
    kept = [e for e in _state["previous"] if _page(e) in _state["pages"] and _page(e) not in _state["built"]]
    index["docs"] = kept + index.get("docs", [])
    (Path(config.site_dir) / INDEX).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
