"""Every link and resource inside the site must lead to a file (and anchor) that exists."""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

PORTAL = "<portal>"  # the street portal one level above every community site
SKIP = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#?$)", re.I)


@dataclass(frozen=True)
class BrokenLink:
    file: str
    url: str


def collect(tag: str, attrs: list[tuple[str, str | None]], links: list[str], ids: set[str]) -> None:
    """Add a start tag's links (href/src of a, img, script, link) and its id."""
    for name, value in attrs:
        if name == "id" and value:
            ids.add(value)
        if name in {"href", "src"} and value and tag in {"a", "img", "script", "link"}:
            links.append(value)


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


def _parsed(path: Path, cache, parses) -> tuple[list[str], set[str]]:
    """A page's links and ids; with a ``cache`` (publish.scancache) parsed once per content."""
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    key = None
    if cache is not None:
        from generator.publish.scancache import ScanCache, version_of

        key = ScanCache.key("links", version_of(__name__, "generator.publish.html_scan"), sha)
        known = cache.get(key)
        if known is not None:
            return known["links"], set(known["ids"])
    page = parses.of(raw, sha)
    if key:
        cache.put(key, {"links": page.links, "ids": sorted(page.ids)})
    return page.links, page.ids


def check(site: Path, cache=None, parses=None) -> list[BrokenLink]:
    """Every link that leads nowhere; with ``parses`` (publish.html_scan.Parses) pages parsed
    for the offline scan are not parsed again."""
    from generator.publish.html_scan import Parses

    parses = parses if parses is not None else Parses()
    pages = {path.relative_to(site).as_posix(): _parsed(path, cache, parses) for path in sorted(site.rglob("*.html"))}
    broken = []
    for rel, (links, _) in pages.items():
        for url in links:
            if SKIP.match(url) and not url.startswith("#"):
                continue
            target, fragment = _target(site, rel, url)
            if target == PORTAL:
                continue
            if target is None or not (site / target).is_file():
                broken.append(BrokenLink(rel, url))
            elif fragment and target in pages and fragment not in pages[target][1]:
                broken.append(BrokenLink(rel, url))
    return broken
