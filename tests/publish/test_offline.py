"""Nothing in the built site makes a browser load from another origin.

Scans every published .html, .css and .js file of the site the browser tests use (the tiny
fixture built once per session: ``tiny_site`` in tests/conftest.py):
resources (src/href/srcset/… of any tag but <a>), CSS url() and @import, inline scripts and
styles. <a href> may leave the site only inside a page's content, where a clerk wrote the link;
the theme (header, navigation, footer) links nowhere outside. Material's JavaScript carries a few
foreign URLs that it only uses under conditions this site never meets; each is listed below with
the condition, and the condition is checked too.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "browser"))
from dangwu_testsite import published_files  # noqa: E402

# Absolute (scheme://) and protocol-relative (//host) URLs; data:, tel:, mailto: and relative
# URLs load nothing from elsewhere.
FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_REFS = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(?:url\()?\s*['"]?([^'");\s]+)""", re.I)
RESOURCE_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "formaction",
                  "xlink:href", "ping", "background", "manifest", "imagesrcset"}
URL_IN_SCRIPT = re.compile(r"""(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}[^\s'"`)<>]*""", re.I)

# Foreign URLs in the code (comments stripped) of Material's bundle and search worker, and why
# they are never fetched here.
MATERIAL_URLS = {
    "https://api.github.com/repos/": "repository facts; only with repo_url (checked: no md-source)",
    "https://api.github.com/users/": "repository facts; only with repo_url (checked: no md-source)",
    "https://unpkg.com/resize-observer-polyfill": "only without ResizeObserver; dangwu.js provides one first",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for .mermaid diagrams (checked: none)",
    "https://bit.ly/2s3ChXG": "text of a console warning, never fetched",
    "https://github.com/isaacs/node-glob/issues/": "comment and warning text in wordcut.js (Thai only)",
}
JS_URL = re.compile(r"""https?://[a-z0-9][a-z0-9.-]*\.[a-z]{2,}[^\s'"`)<>]*""", re.I)
JS_COMMENTS = re.compile(r"/\*.*?\*/|^\s*//[^\n]*", re.S | re.M)   # licence notes, not code


@pytest.fixture(scope="module")
def site(tiny_site) -> Path:
    return tiny_site().out


@pytest.fixture(scope="module")
def files(site) -> dict[str, list[str]]:
    found = {suffix: published_files(site, (suffix,)) for suffix in (".html", ".css", ".js")}
    assert len(found[".html"]) > 5 and found[".css"] and found[".js"]
    return found


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8", errors="replace")


def foreign_css(text: str) -> list[str]:
    refs = [m.group(2) or m.group(3) or "" for m in CSS_REFS.finditer(text)]
    return [ref for ref in refs if FOREIGN.match(ref)]


class Refs(HTMLParser):
    """Foreign references of one page: (where, url)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.content_depth = 0          # inside <article class="md-content__inner">: clerks' links
        self.open_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_content = self.content_depth > 0
        if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self.content_depth += 1
        elif tag == "article" and in_content:
            self.content_depth += 1
        self.open_tags.append(tag)
        for name, value in attrs.items():
            if not value:
                continue
            if name in RESOURCE_ATTRS:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
                for url in urls:
                    if FOREIGN.match(url) and not (tag == "a" and name == "href" and in_content):
                        self.found.append((f"<{tag} {name}>", url))
            if name == "style":
                self.found += [(f"<{tag} style>", u) for u in foreign_css(value)]
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            url = (attrs.get("content") or "").partition("url=")[2]
            if FOREIGN.match(url):
                self.found.append(("<meta refresh>", url))

    def handle_endtag(self, tag):
        if tag == "article" and self.content_depth:
            self.content_depth -= 1
        if self.open_tags and self.open_tags[-1] == tag:
            self.open_tags.pop()

    def handle_data(self, data):
        current = self.lasttag
        if current == "style":
            self.found += [("<style>", u) for u in foreign_css(data)]
        elif current == "script":
            self.found += [("<script>", u) for u in URL_IN_SCRIPT.findall(data)]


def test_no_page_refers_to_a_resource_on_another_origin(site, files):
    found = []
    for rel in files[".html"]:
        parser = Refs()
        parser.feed(read(site, rel))
        found += [(rel, where, url) for where, url in parser.found]
    assert found == []


def test_no_stylesheet_loads_from_another_origin(site, files):
    found = [(rel, url) for rel in files[".css"] for url in foreign_css(read(site, rel))]
    assert found == []


def test_scripts_name_no_other_origin_except_materials_unused_ones(site, files):
    unknown = []
    for rel in files[".js"]:
        code = JS_COMMENTS.sub("", read(site, rel))
        unknown += [(rel, url) for url in JS_URL.findall(code)
                    if not any(url.startswith(known) for known in MATERIAL_URLS)]
    assert unknown == []


def test_the_conditions_for_materials_foreign_urls_never_hold(site, files):
    pages = {rel: read(site, rel) for rel in files[".html"]}
    material = {rel: html for rel, html in pages.items() if 'data-md-component="container"' in html}
    assert material
    for rel, html in material.items():
        assert 'data-md-component="source"' not in html and "md-source" not in html, rel
        assert not re.search(r"""class=["'][^"']*\bmermaid\b""", html), rel
        head = html.split("</head>")[0]
        ours = re.search(r"""<script src="[^"]*assets/dangwu\.js"></script>""", head)
        bundle = html.find("assets/javascripts/bundle.")
        assert ours and ours.start() < bundle, f"{rel}: dangwu.js must load, synchronously, before Material's bundle"


def test_the_theme_adds_no_fonts_credits_social_links_or_analytics(site, files):
    for rel in files[".html"]:
        html = read(site, rel)
        for needle in ("fonts.googleapis", "fonts.gstatic", "Made with", "md-social",
                       "squidfunk", "__md_analytics", "gtag(", "md-feedback", "md-consent"):
            assert needle not in html, f"{rel}: {needle}"


def test_scanner_catches_what_it_must(tmp_path):
    """The checks above would see a foreign font, script, image, CSS import or theme link."""
    page = """<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css">
      <script src="//cdn.example.com/x.js"></script><style>@import url("https://x.org/a.css");</style>
      </head><body><header><a href="https://github.com/x">repo</a></header>
      <article class="md-content__inner md-typeset"><a href="https://gov.cn/">clerk's link</a>
      <img srcset="a.png 1x, https://img.example.com/b.png 2x"></article>
      <div style="background:url(//x.org/i.png)"></div></body></html>"""
    parser = Refs()
    parser.feed(page)
    found = {url for _, url in parser.found}
    assert found == {"https://fonts.googleapis.com/css", "//cdn.example.com/x.js", "https://x.org/a.css",
                     "https://github.com/x", "https://img.example.com/b.png", "//x.org/i.png"}
    assert foreign_css("a{b:url('data:image/svg+xml;x')} @import 'https://x.org/y.css';") == ["https://x.org/y.css"]
