"""Find anything in the output that makes a browser load from another origin.

Resources (script, link, img, iframe, source, video, audio, object, CSS url()/@import) must be
relative; only <a href> may point outside, and only where a clerk wrote the link.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
RESOURCE_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "formaction"}
# <link> relations that make the browser fetch something; canonical/alternate only name an address.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                "prefetch", "preconnect", "dns-prefetch", "manifest", "mask-icon"}


@dataclass(frozen=True)
class ExternalRef:
    file: str
    url: str
    where: str  # the tag or "css"


def refs_in_tag(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """(url, tag) of what a start tag makes the browser load from another origin."""
    found = []
    rels = set((dict(attrs).get("rel") or "").lower().split())
    for name, value in attrs:
        if value is None or name not in RESOURCE_ATTRS or (tag == "a" and name == "href"):
            continue
        if tag == "link" and name == "href" and not rels & LOADING_RELS:
            continue
        for url in value.split(","):
            url = url.strip().split(" ")[0]
            if EXTERNAL.match(url):
                found.append((url, tag))
    for name, value in attrs:
        if name == "style" and value:
            found += [(u, tag) for u in _css_urls(value)]
    return found


def refs_in_data(last_tag: str | None, data: str) -> list[tuple[str, str]]:
    """What a <style> element's text loads from another origin."""
    return [(u, "style") for u in _css_urls(data)] if last_tag == "style" else []


def _css_urls(text: str) -> list[str]:
    return [u for pair in CSS_URL.findall(text) for u in pair if u and EXTERNAL.match(u)]


def scan(site_dir: Path, cache=None, parses=None) -> list[ExternalRef]:
    """Every reference that loads from another origin. With a ``cache`` (publish.scancache) a
    file's references are worked out once per content (they depend on nothing else); with
    ``parses`` (publish.html_scan.Parses) pages parsed for the link check are not parsed again."""
    from generator.publish.html_scan import Parses

    parses = parses if parses is not None else Parses()
    found = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in {".html", ".css"} or not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        found += [ExternalRef(rel, u, where) for u, where in _refs_of(path, cache, parses)]
    return found


def _refs_of(path: Path, cache, parses) -> list[tuple[str, str]]:
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    key = None
    if cache is not None:
        from generator.publish.scancache import ScanCache, version_of

        key = ScanCache.key("offline", version_of(__name__, "generator.publish.html_scan"), path.suffix, sha)
        known = cache.get(key)
        if known is not None:
            return [tuple(ref) for ref in known]
    if path.suffix == ".css":
        refs = [(u, "css") for u in _css_urls(raw.decode("utf-8", errors="replace"))]
    else:
        refs = parses.of(raw, sha).refs
    if key:
        cache.put(key, refs)
    return refs
