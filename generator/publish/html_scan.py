"""Each HTML page of a built site parsed once, for both the offline scan (publish/offline.py:
what loads from another origin) and the link check (publish/links.py: links and anchor ids).

Parsing is the costly part of both (html.parser runs in Python); the rules stay in their own
modules and are applied here to the same tags.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class ParsedPage:
    refs: list[tuple[str, str]]  # (url, tag) that loads from another origin (offline.py's rules)
    links: list[str]  # href/src of a, img, script, link (links.py's rules)
    ids: set[str]  # every id, the anchors a link may end in


class _Both(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        from generator.publish import links, offline

        self.refs += offline.refs_in_tag(tag, attrs)
        links.collect(tag, attrs, self.links, self.ids)

    def handle_data(self, data):
        from generator.publish import offline

        self.refs += offline.refs_in_data(self.lasttag, data)


def parse(text: str) -> ParsedPage:
    parser = _Both()
    parser.feed(text)
    return ParsedPage(parser.refs, parser.links, parser.ids)


class Parses:
    """Pages parsed so far, by content: the offline scan and the link check of one site share
    them (each still keeps its own results in the scan cache)."""

    def __init__(self):
        self._by_sha: dict[str, ParsedPage] = {}

    def of(self, raw: bytes, sha: str | None = None) -> ParsedPage:
        sha = sha or hashlib.sha256(raw).hexdigest()
        if sha not in self._by_sha:
            self._by_sha[sha] = parse(raw.decode("utf-8", errors="replace"))
        return self._by_sha[sha]
