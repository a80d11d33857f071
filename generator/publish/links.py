"""Every link and resource inside the site must lead to a file (and anchor) that exists."""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PORTAL = "<portal>"  # the street portal one level above every community site
SKIP = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#?$)", re.I)


@dataclass(frozen=True)
class BrokenLink:
    file: str
    url: str


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in {"href", "src"} and value and tag in {"a", "img", "script", "link"}:
                self.links.append(value)


def _target(site: Path, page_rel: str, url: str) -> tuple[str | None, str]:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page_rel, parts.fragment
    base = posixpath.dirname(page_rel)
    rel = posixpath.normpath(posixpath.join(base, path))
    if rel in ("..", "../index.html"):
        return PORTAL, ""
    if rel.startswith(".."):
        return None, ""
    candidate = site / rel
    if candidate.is_dir():
        rel = posixpath.join(rel, "index.html")
    return rel, parts.fragment


def _parsed(path: Path, cache) -> _Page:
    """A page's links and ids; with a ``cache`` (publish.scancache) parsed once per content."""
    raw = path.read_bytes()
    page = _Page()
    key = None
    if cache is not None:
        from generator.publish.scancache import ScanCache, version_of

        key = ScanCache.key("links", version_of(__name__), hashlib.sha256(raw).hexdigest())
        known = cache.get(key)
        if known is not None:
            page.links, page.ids = known["links"], set(known["ids"])
            return page
    page.feed(raw.decode("utf-8", errors="replace"))
    if key:
        cache.put(key, {"links": page.links, "ids": sorted(page.ids)})
    return page


def check(site: Path, cache=None) -> list[BrokenLink]:
    pages = {path.relative_to(site).as_posix(): _parsed(path, cache) for path in sorted(site.rglob("*.html"))}
    broken = []
    for rel, page in pages.items():
        for url in page.links:
            if SKIP.match(url) and not url.startswith("#"):
                continue
            target, fragment = _target(site, rel, url)
            if target == PORTAL:
                continue
            if target is None or not (site / target).is_file():
                broken.append(BrokenLink(rel, url))
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(BrokenLink(rel, url))
    return broken
