"""MkDocs hooks (listed in every community's mkdocs.yml): the site name and page titles as HTML.

Material's templates print ``config.site_name``, ``page.title``, ``page.meta.title`` and nav
titles without escaping (MkDocs treats a title as HTML: one taken from a page's "# " heading
arrives escaped), and MkDocs' Jinja environment does not autoescape. Ours come from a clerk's
community.yml and front matter, as plain text. Turning them into ``Markup`` escapes them once:
printed raw they show as text, and ``| e`` (which Material uses in attributes) leaves Markup
alone instead of escaping it twice.
"""
from __future__ import annotations

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
