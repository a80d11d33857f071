"""Atom feeds (RFC 4287): notices and activities per community, and one feed for the street.

Two builds of the same records give the same bytes: every date comes from a record (never the
clock), entries are ordered by (date, kind, id), and XML is written by ElementTree.

Entry ids are permanent names, not addresses a reader must open: the record's absolute page
URL when ``community.yml`` sets ``base_url`` (public site only: the members' site is served
elsewhere), else ``urn:dangwu:<slug>:<kind>:<record id>``.
Without a base URL links are relative to the feed (``../notices/2026/#n2026-01``); the street
feed rewrites them relative to itself.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.records.kinds import BY_NAME
from generator.render.opendata.common import base_url, site_link
from generator.render.sanitize import render_markdown
from generator.views.activities import link as activity_link
from generator.views.activities import year_activities
from generator.views.board import all_notices
from generator.views.deliberations import decision_text, year_deliberations
from generator.views.format import cn_date
from generator.views.lists import lists_view, stage_date

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STREET_SCHEME = "urn:dangwu:street"
# The date of a feed without entries: nothing has been published, and the build date would
# make the bytes change every day.
NOTHING_YET = "1970-01-01T00:00:00+08:00"
LIMIT = 50  # entries per community feed: what is new, not an archive (the JSON files are that)
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Item:
    day: date
    kind: str  # "notice" | "activity" | "deliberation" | "deliberation-feedback": part of the id, so two kinds may share an id
    id: str
    title: str
    category: str
    path: str  # the record's page and anchor, relative to the site root
    html: str


def timestamp(day: date) -> str:
    """A record's date as an Atom date-time: midnight, China time."""
    return f"{day.isoformat()}T00:00:00+08:00"


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids (a control character pasted from Excel would
    make the whole feed unreadable); ElementTree escapes the rest."""
    return NOT_XML.sub("", text)


def notice_items(ctx) -> list[Item]:
    items = []
    for n, _ in all_notices(ctx.community, ctx.today, ctx.audience, ctx.name):
        head = Markup("<p>{} · 公示期：{} 至 {}</p>").format(n.kind, cn_date(n.start), cn_date(n.end))
        tail = Markup("<p>如有意见，请在公示期内来电或来访反映：{}</p>").format(n.contact)
        items.append(Item(n.start, "notice", n.id, n.title, n.kind, BY_NAME["notices"].link(n.id, n.start.year),
                          str(head + Markup(render_markdown(n.body)) + tail)))
    return items


def _activity_line(ctx, a) -> Markup:
    parts = [a.kind, cn_date(a.date), ctx.units.get(a.unit), a.location]
    if a.attendance:
        parts.append(f"出席 {a.attendance.present}/{a.attendance.expected} 人")
    return Markup("<p>{}</p>").format(" · ".join(p for p in parts if p))


def activity_items(ctx) -> list[Item]:
    items = []
    for year in ctx.years("activities"):
        for a in year_activities(ctx.community, year, ctx.audience):
            summary = Markup(render_markdown(a.summary)) if a.summary else Markup("")
            items.append(Item(a.date, "activity", a.id, a.title, a.kind, activity_link(ctx.community, a),
                              str(_activity_line(ctx, a) + summary)))
    return items


def deliberation_items(ctx) -> list[Item]:
    """Two events per 议事: the decision (on the meeting's day) and the feedback to residents."""
    items = []
    for year in ctx.years("deliberations"):
        for d in year_deliberations(ctx.community, year, ctx.audience):
            path = BY_NAME["deliberations"].link(d.id, year)
            if d.decision is not None:
                html = Markup("<p>{} · {} · 议题来源：{}</p><p>决定：{}</p>").format(
                    d.form, cn_date(d.date), d.source, decision_text(d))
                items.append(Item(d.date, "deliberation", d.id, f"议事决定：{d.topic}", "议事", path, str(html)))
            if d.feedback is not None:
                html = Markup("<p>{}通过{}向居民反馈</p>").format(cn_date(d.feedback.date), "、".join(d.feedback.ways))
                html += Markup("<p>{}</p>").format(d.feedback.content) if d.feedback.content else Markup("")
                items.append(Item(d.feedback.date, "deliberation-feedback", d.id, f"议事反馈：{d.topic}", "议事", path,
                                  str(html)))
    return items


def list_items(ctx) -> list[Item]:
    """Two events of the 三张清单: a need (or 微心愿) raised, and a project done (its 完成 stage)."""
    items = []
    for year in ctx.years("lists"):
        view = lists_view(ctx.community, ctx.audience, year)
        for n, _ in view.needs:
            html = Markup("<p>{} · {}由{}提出{}</p>").format(
                n.kind, cn_date(n.raised), n.raised_by, f" · 地点：{n.place}" if n.place else "")
            items.append(Item(n.raised, "need", n.id, f"新{n.kind}：{n.title}", n.kind,
                              BY_NAME["lists"].link(n.id, year), str(html)))
        for p in view.projects:
            done = stage_date(p, "完成")
            if done is not None:
                html = Markup("<p>清单项目 · {}完成</p><p>结果：{}</p>").format(cn_date(done), p.result or "")
                items.append(Item(done, "list-project", p.id, f"项目完成：{p.title}", "清单项目",
                                  BY_NAME["lists"].link(p.id, year), str(html)))
    return items


def newest(items: list[Item], limit: int = LIMIT) -> list[Item]:
    return sorted(items, key=lambda i: (i.day, i.kind, i.id), reverse=True)[:limit]


def _entry_id(ctx, item: Item) -> str:
    if base_url(ctx):
        return site_link(ctx, item.path)
    return f"urn:dangwu:{ctx.community.slug}:{item.kind}:{item.id}"


def _entry(feed: ET.Element, ctx, item: Item) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", _entry_id(ctx, item))
    _sub(entry, "title", item.title)
    _sub(entry, "link", rel="alternate", type="text/html", href=site_link(ctx, item.path))
    _sub(entry, "published", timestamp(item.day))
    _sub(entry, "updated", timestamp(item.day))
    _sub(_sub(entry, "author"), "name", ctx.info.name)  # names the community in the street feed
    _sub(entry, "category", term=item.category)
    _sub(entry, "content", item.html, type="html")  # escaped by ElementTree, as type="html" wants


def community_feed(ctx) -> bytes:
    items = newest(notice_items(ctx) + activity_items(ctx) + deliberation_items(ctx) + list_items(ctx))
    info = ctx.info
    feed = ET.Element(_tag("feed"), {XML_LANG: "zh-CN"})
    _sub(feed, "id", base_url(ctx) or f"urn:dangwu:{ctx.community.slug}")
    _sub(feed, "title", f"{info.name}党务公开：公示和活动")
    _sub(feed, "subtitle", f"{info.street}{info.name}最新的公示和活动")
    self_href = site_link(ctx, "data/feed.xml") if base_url(ctx) else "feed.xml"
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _sub(feed, "link", rel="alternate", type="text/html", href=site_link(ctx, ""))
    _sub(feed, "updated", timestamp(items[0].day) if items else NOTHING_YET)
    _sub(_sub(feed, "author"), "name", info.organization.name)
    _sub(feed, "category", term=info.street, scheme=STREET_SCHEME)
    for item in items:
        _entry(feed, ctx, item)
    return serialize(feed)


def serialize(feed: ET.Element) -> bytes:
    # Registered here, not once at import: importing WeasyPrint (the printed sheets) resets
    # ElementTree's global prefix table, and the feed would come out as <ns0:feed>.
    ET.register_namespace("", ATOM)
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


# --- the street feed ---------------------------------------------------------------------------

STREET_LIMIT = 100  # a street has many communities; 50 would cover only the last few days


def rebase(href: str, feed_dir: str) -> str:
    """A link relative to a community's feed, made relative to the street feed (``feed_dir`` away)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return href
    path = posixpath.normpath(posixpath.join(feed_dir, parts.path))
    if parts.path.endswith("/"):
        path += "/"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _entries_of(feed_file, feed_dir: str) -> list[ET.Element]:
    entries = ET.parse(feed_file).getroot().findall(_tag("entry"))
    for entry in entries:
        for link in entry.findall(_tag("link")):
            link.set("href", rebase(link.get("href", ""), feed_dir))
    return entries


def _sort_key(entry: ET.Element) -> tuple[str, str]:
    return entry.findtext(_tag("updated"), ""), entry.findtext(_tag("id"), "")


def street_feed(feeds: list[tuple[str, Path]]) -> bytes:
    """``feeds``: (the community feed's folder relative to the street feed, its file), any order."""
    entries, streets, updated = [], set(), []
    for feed_dir, feed_file in sorted(feeds, key=lambda pair: pair[0]):
        root = ET.parse(feed_file).getroot()
        streets |= {c.get("term") for c in root.findall(_tag("category")) if c.get("scheme") == STREET_SCHEME}
        updated.append(root.findtext(_tag("updated"), ""))
        entries += _entries_of(feed_file, feed_dir)
    entries = sorted(entries, key=_sort_key, reverse=True)[:STREET_LIMIT]
    title = "、".join(sorted(s for s in streets if s)) or "街道"
    feed = ET.Element(_tag("feed"), {XML_LANG: "zh-CN"})
    _sub(feed, "id", STREET_SCHEME)
    _sub(feed, "title", f"{title}党务公开：各社区的公示和活动")
    _sub(feed, "link", rel="self", type="application/atom+xml", href="feed.xml")
    _sub(feed, "link", rel="alternate", type="text/html", href="./")
    _sub(feed, "updated", max(updated, default="") or NOTHING_YET)
    _sub(_sub(feed, "author"), "name", f"{title}各社区党组织")
    feed.extend(entries)
    return serialize(feed)
