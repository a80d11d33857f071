"""Clerks' Markdown to HTML that cannot run code, load from elsewhere or restyle the page.

Markdown is rendered with a small, fixed set of extensions: nothing that lets text add
attributes (``attr_list`` would let ``{: onclick=… }`` through), wrap raw HTML in Markdown
(``md_in_html``) or read files (``pymdownx.snippets``). The HTML that comes out, including
any raw HTML the clerk typed, then goes through nh3 with an allow-list.
"""
from __future__ import annotations

import functools
import re

import markdown
import nh3

EXTENSIONS = ["tables", "sane_lists"]
# Tables say how a column is aligned with align="…" rather than a style attribute.
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}

HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
} | HEADINGS
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    **{h: {"id"} for h in HEADINGS},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
ALIGNMENTS = {"left", "right", "center"}
# Ids the theme uses start with "_" (Material's __drawer, __search); a heading may not take them.
SAFE_ID = re.compile(r"[^\W_][\w-]*")
# An image is http(s) or relative to the page; not "//host/…" (another origin in disguise).
IMAGE_SRC = re.compile(r"https?://|(?![\w+.-]*:)(?![/\\]{2})", re.IGNORECASE)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if SAFE_ID.fullmatch(value) else None
    if attribute == "align":
        return value if value in ALIGNMENTS else None
    if tag == "img" and attribute == "src":
        return value if IMAGE_SRC.match(value.strip()) else None  # no mailto: images
    if attribute == "start":
        return value if value.isdigit() else None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Keep only the allowed tags, attributes and URLs of ``html``."""
    return _CLEANER.clean(html)


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """A clerk's Markdown field as safe HTML (the same text is rendered once per process:
    pages, downloads and the kiosk all ask for it)."""
    html = _converter().reset().convert(text)
    return sanitize_html(html)
