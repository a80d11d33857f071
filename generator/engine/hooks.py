"""MkDocs hooks (listed in every community's mkdocs.yml): the site name and page titles as HTML;
Material's search index cut down where ours replaces it.

Material's templates print ``config.site_name``, ``page.title``, ``page.meta.title`` and nav
titles without escaping (MkDocs treats a title as HTML: one taken from a page's "# " heading
arrives escaped), and MkDocs' Jinja environment does not autoescape. Ours come from a clerk's
community.yml and front matter, as plain text. Turning them into ``Markup`` escapes them once:
printed raw they show as text, and ``| e`` (which Material uses in attributes) leaves Markup
alone instead of escaping it twice.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape


def as_html(value):
    """Plain text escaped as HTML; what is already Markup (or not text) is left as it is."""
    return escape(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def on_config(config):
    config.site_name = as_html(config.site_name)
    return config


def on_nav(nav, config, files):
    """Titles written in the nav of mkdocs.yml (the pipeline's labels)."""
    def walk(items):
        for item in items:
            if "title" in vars(item):  # a page's title read from its file stays a property
                item.title = as_html(item.title)
            walk(getattr(item, "children", None) or [])
    walk(nav.items)
    return nav


def on_page_markdown(markdown, page, config, files):
    """A title from front matter (every generated page and every clerk's content/ page has one)."""
    if "title" in page.meta:
        page.meta["title"] = as_html(page.meta["title"])
    return markdown


def on_env(env, config, files):
    """Material's templates compiled once, not on every build (render/templates.py)."""
    from generator.render.templates import keep_compiled

    return keep_compiled(env, "mkdocs")


def on_pre_build(config):
    """In a site the pipeline stages, Material's search plugin keeps only each page's entry."""
    if not _staged_by_the_pipeline(config):
        return
    from material.plugins.search.plugin import SearchPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            plugin.search_index = _page_entries_index(plugin.config)


def _staged_by_the_pipeline(config) -> bool:
    """A site built into a .staging folder (pipeline.community builds into one of its own, then
    stages it in <out>/.staging/) is the pipeline's, which writes our own index after MkDocs
    (engine/search_index.write). A preview or a plain `mkdocs build` of build/<slug>/mkdocs.yml
    searches Material's index: there it stays whole."""
    return Path(config.site_dir).parent.name == ".staging"


def _page_entries_index(search_config):
    """Material's index as engine/search_index.write reads it: the entry of each page (its
    location and title). Sections and jieba's cutting of every text, most of what Material's
    plugin costs, go into an index that is overwritten with a stub."""
    from material.plugins.search.plugin import SearchIndex

    class PageEntries(SearchIndex):
        def add_entry_from_context(self, page):
            """Only the page's opening is parsed: its entry is the first section (or the
            preface before it), every later one has an id and is left out below."""
            whole = page.content
            page.content = whole[:_second_section_at(whole)]
            try:
                super().add_entry_from_context(page)
            finally:
                page.content = whole

        def create_entry_for_section(self, section, toc, url, page):
            if section.id is None:  # the page's own entry (a location without "#")
                super().create_entry_for_section(section, toc, url, page)

        def _segment_chinese(self, data):
            return data  # jieba would put zero-width spaces between words: write() drops them

    return PageEntries(**search_config)


HEADING_WITH_ID = re.compile(r"<h[1-6](?=[\s>])[^>]*\sid=", re.I)


def _second_section_at(content: str) -> int:
    """Where the second heading with an id starts (Material's parser gives it, and every later
    one, an id of its own), or the end."""
    found = HEADING_WITH_ID.finditer(content)
    next(found, None)
    second = next(found, None)
    return second.start() if second else len(content)
