"""Where each clerk's Markdown field is shown: the text, its record's place, and the site pages.

The link and image rules read clerks' Markdown here as the build will render it, so that what
the build's output checks would refuse (a link leading nowhere, an image from another origin)
is reported at check time with the record's file and line instead of an output file's path.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from generator import resources
from generator.load.dataset import Community
from generator.privacy.audience import audience_of
from generator.render.sanitize import render_markdown
from generator.views.activities import page_of
from generator.views.notices import notice_state


@dataclass(frozen=True)
class Field:
    text: str
    file: str
    line: int
    col: int
    path: str  # the field's name, e.g. "summary"
    pages: tuple[str, ...]  # the site pages (directory URLs, "" for home) it is rendered on
    audience: str  # the site that shows it: "public", or "members" for a members-only record


class Refs(HTMLParser):
    """Links, images and element ids of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "img" and values.get("src") is not None:
            self.images.append(values["src"])


def refs(html: str) -> Refs:
    parser = Refs()
    parser.feed(html)
    return parser


def fields(community: Community, today: date) -> list[Field]:
    """Every Markdown field of the community with where it is shown."""
    found = []
    info = community.info
    if info and info.about:
        found.append(Field(info.about, *info.src_of("about"), "about", ("",), "public"))
    for year, f in community.activities.items():
        for a in f.activities:
            if a.summary:
                page = page_of(community, year, a.date.month)
                found.append(Field(a.summary, *a.src_of("summary"), "summary", (page,), audience_of(a)))
    for notices_file in community.notices.values():
        for n in notices_file.notices:
            pages: tuple[str, ...] = (f"notices/{n.start.year}/",)
            if notice_state(n, today).state != "closed":
                pages += ("notices/",)  # open and coming 公示 are also listed on the 公示 index
            found.append(Field(n.body, *n.src_of("body"), "body", pages, audience_of(n)))
    if info:
        folder = Path(info.src[0]).parent
        for url, path in content_pages(community).items():
            if path.is_relative_to(community.root):
                rel = path.relative_to(community.root).as_posix()
                found.append(Field(path.read_text(encoding="utf-8", errors="replace"), (folder / rel).as_posix(),
                                   1, 1, "", (url,), "public"))
    return found


def line_of(field: Field, needle: str) -> int:
    """The line of ``needle`` in a hand-written page; a record field is reported at its own line."""
    if field.path:
        return field.line
    for number, text in enumerate(field.text.splitlines(), start=1):
        if needle in text:
            return number
    return field.line


def content_pages(community: Community) -> dict[str, Path]:
    """Hand-written pages (shared content/, replaced by the community's own) by directory URL."""
    pages = {}
    for folder in (resources.CONTENT, community.root / "content"):
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            rel = path.relative_to(folder).as_posix()[:-3]
            pages[rel[:-len("index")] if rel == "index" or rel.endswith("/index") else rel + "/"] = path
    return pages


def source_of(community: Community, today: date, url: str) -> str | None:
    """``file:line`` of the clerk's field that holds ``url``, for a failure found only in the output."""
    for f in fields(community, today):
        # the rendered field too: a URL in the output may differ from the Markdown by its escaping
        if url in f.text or url in render_markdown(f.text):
            return f"{f.file}:{line_of(f, url)}"
    return None
