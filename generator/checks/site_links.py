"""A link in a clerk's Markdown must lead to a page (and record) the site will have.

The build refuses a site with a broken link (``publish.links``), but it can only name the
output file. This rule finds the same links from the records: it knows which pages a site has
(every index page, a page per year of each kind, the hand-written pages) and which record
anchors each page holds for its audience, so a link to ``../nosuch/``, to a record that does
not exist, or to a members-only record from a public one is reported at the field's line.

A fragment that is not an ASCII id (a Chinese heading's anchor) cannot be known before MkDocs
builds the page; those are left to the build's own check.
"""
from __future__ import annotations

import posixpath
import re
from datetime import date
from urllib.parse import unquote, urlsplit

from generator.checks.markdown_fields import content_pages, fields, line_of, refs
from generator.load.dataset import Community
from generator.privacy.audience import shows, visible
from generator.problems import Problem, messages
from generator.records.kinds import BY_NAME, PER_YEAR, finance_line_anchor
from generator.render.sanitize import render_markdown
from generator.views.activities import page_of
from generator.views.commitments import page_anchors as commitment_anchors
from generator.views.ledger import fund_ledgers
from generator.views.organization import page_anchors as organization_anchors

messages.add({
    "markdown-broken-link": (
        "“{field}”里的链接“{url}”在网站上找不到{what_zh}：请改成存在的页面或记录（如 ../../notices/2026/#n2026-01），"
        "或删掉这个链接。",
        "the link '{url}' in '{field}' leads nowhere on the site ({what}): point it at a page or record that exists.",
    ),
})

INDEX_PAGES = ["", "organization/", "commitments/", "finances/", "activities/", "notices/", "partners/",
               "catalog/", "changes/", "downloads/", "kiosk/"]
SKIP = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # another scheme or origin: not a page of this site
ASCII_ID = re.compile(r"[A-Za-z0-9_-]+")


def _record_anchors(community: Community, audience: str) -> dict[str, set[str]]:
    """Page -> the record anchors it holds for the audience (the ids the templates write)."""
    anchors: dict[str, set[str]] = {}
    for year, f in community.activities.items():
        anchors[BY_NAME["activities"].page_of(year)] = set()  # a busy year's page lists months only
        for a in visible(f.activities, audience):
            anchors.setdefault(page_of(community, year, a.date.month), set()).update(
                {a.id, f"m{year}-{a.date.month:02d}"})
    for year, notices_file in community.notices.items():
        anchors[BY_NAME["notices"].page_of(year)] = {n.id for n in visible(notices_file.notices, audience)}
    anchors.update(commitment_anchors(community, audience))  # a busy year has a page per 党支部
    for year, finance_file in community.finances.items():
        ledgers = fund_ledgers(finance_file, audience, year)
        funds = {fl.fund.id for fl in ledgers}
        lines = {finance_line_anchor(year, line.index) for fl in ledgers for line in fl.lines}
        projects = {p.id for p in finance_file.projects if p.fund in funds}
        anchors[BY_NAME["finances"].page_of(year)] = funds | lines | projects
    anchors.update(organization_anchors(community, audience))  # a large roster has a page per unit
    partners = community.partners
    anchors[BY_NAME["partners"].page_of()] = {p.id for p in visible(partners.partners, audience)} if partners else set()
    return anchors


def _pages(community: Community) -> set[str]:
    pages = set(INDEX_PAGES) | set(content_pages(community))
    pages |= {kind.page_of(year) for kind in PER_YEAR for year in community.of(kind)}
    pages |= {page_of(community, year, a.date.month)
              for year, f in community.activities.items() for a in f.activities}
    pages |= set(organization_anchors(community, "members"))
    pages |= set(commitment_anchors(community, "members"))
    return pages


DOWNLOADS = ["organization.json", "finances.json", "commitments.json", "activities.json", "notices.json",
             "partners.json", "feed.xml"]  # opendata.files writes these, and a CSV per year below


def _files(community: Community) -> set[str]:
    folder = community.root / "photos"
    files = {f"photos/{p.name}" for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
    files |= {f"data/{name}" for name in DOWNLOADS}
    files |= {f"data/{kind}-{year}.csv" for kind in ("finances", "activities", "commitments")
              for year in getattr(community, kind)}
    return files


def _resolve(page: str, url: str) -> tuple[str | None, str]:
    """(site path or None when it leaves the site, fragment); a page is its directory URL."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    rel = posixpath.normpath(posixpath.join(page, path))
    if rel in (".", "index.html"):
        return "", parts.fragment
    if rel in ("..", "../index.html"):
        return "<portal>", ""
    if rel.startswith(".."):
        return None, ""
    rel = rel[:-len("index.html")] if rel.endswith("/index.html") else rel
    return rel, parts.fragment


def _problem(field, url: str, what: str, what_zh: str) -> Problem:
    return Problem("markdown-broken-link", field.file, line_of(field, url), field.col, path=field.path or "content",
                   params={"url": url, "what": what, "what_zh": what_zh})


def _check_link(field, page: str, url: str, pages: set, files: set, anchors: dict, clerk_ids: dict) -> Problem | None:
    target, fragment = _resolve(page, url)
    if target == "<portal>" or target is not None and target.startswith("assets/"):
        return None  # the street portal; the theme's own files are the build's to check
    if target is None:
        return _problem(field, url, "outside the site", "（指到了网站以外）")
    page_url = target if target in pages else (target + "/" if target + "/" in pages else None)
    if page_url is None:
        if target in files:
            return None
        return _problem(field, url, "no such page", "（没有这个页面）")
    if not fragment or not ASCII_ID.fullmatch(fragment) or page_url not in anchors:
        return None
    if fragment in anchors[page_url] or fragment in clerk_ids.get(page_url, set()):
        return None
    return _problem(field, url, f"no record #{fragment} on that page",
                    f"（那个页面上没有编号为“{fragment}”的记录；仅党内公开的记录也不在公开网站上）")


def check(community: Community, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    found_fields = fields(community, today)
    pages, files = _pages(community), _files(community)
    anchors = {audience: _record_anchors(community, audience) for audience in ("public", "members")}
    rendered = [(f, refs(render_markdown(f.text))) for f in found_fields]
    clerk_ids: dict[str, dict[str, set]] = {"public": {}, "members": {}}
    for f, r in rendered:  # a heading with an id in a clerk's text is an anchor too
        for audience in (a for a in ("members", "public") if shows(f, a)):
            for page in f.pages:
                clerk_ids[audience].setdefault(page, set()).update(r.ids)
    problems = []
    for f, r in rendered:
        for url in dict.fromkeys(r.links + r.images):
            if SKIP.match(url):
                continue
            for page in f.pages:
                problem = _check_link(f, page, url, pages, files, anchors[f.audience], clerk_ids[f.audience])
                if problem:
                    problems.append(problem)
                    break
    return problems
