"""The search index residents' browsers load, written from the built pages after MkDocs ran.

Material 9.8.1's own index (search/search_index.json, sections by heading, cut into whole
jieba words for lunr) loses the last word of a Chinese query, finds no part of a long name
and opens a notice at the top of a year's page. So the pages are indexed again here, one entry
per record (every element of a page with an id: a record, a table row, a unit), and searched by
theme/assets/dangwu-search-worker.js (Material's search box, our worker: see theme/main.html):

- ``docs``: the text a resident sees, one entry per record or section (``l`` its link, ``t``
  its title, ``x`` its text, ``p`` the entry of its page, ``w`` on a page's entry what its
  matches count when not 1), HTML-escaped as Material's was;
  nothing else is appended, so a result never shows words that are not on the page;
- ``v``: the site's words, jieba's search mode (``cut_for_search``) over every entry, which
  the worker cuts a query into;
- ``a``: short names of units residents use (二支部 for 第二党支部, 2支部 …);
- ``f``: traditional characters and their simplified ones (OpenCC's table), for the
  characters of the site.

Matching parts of words (建国 in 张建国, 人民医院 in 景和区人民医院党委) is the worker's job;
masked names are masked in the text, so a masked member's full name is found nowhere.
Members-only text is never in a public page, so never in this index. Material's own file
becomes a stub of its configuration: its bundle fetches it on every page view, while our index
is fetched only when someone types a query.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

INDEX = "search/dangwu_index.json"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "button", "svg", "template"}   # no text a resident reads as content
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TITLE_TAGS = {"h2", "h3", "h4", "strong", "caption"}
RECORD_TAGS = {"div", "tr", "li", "section", "article"}
CJK = re.compile(r"[\u3400-\u9fff]")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
NUMERALS = "一二三四五六七八九十"
UNIT = re.compile(r"第([一二三四五六七八九十]+)党?(支部|总支)(?:第([一二三四五六七八九十]+)党?小组)?")


class _Entry:
    def __init__(self, anchor: str | None, title: str = ""):
        self.anchor, self.title = anchor, title
        self.parts: list[str] = []
        self.cells: list[str] = []


class _PageText(HTMLParser):
    """Splits a page's <article> into entries: the page (text before its first section), each
    heading with an id (a section), and each element with an id inside a section (a record)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0            # 1 inside the page's <article>
        self.stack: list[tuple[str, str | None]] = []   # (tag, what it opened: record, heading, title, cell, skip)
        self.skip = 0
        self.page = _Entry(None)
        self.section = self.page
        self.records: list[_Entry] = []          # innermost last
        self.entries = [self.page]
        self.heading: _Entry | None = None
        self.title_of: _Entry | None = None
        self.cell: list[str] | None = None

    def current(self) -> _Entry:
        return self.records[-1] if self.records else self.section

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.depth:
            if tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
                self.depth = 1
            return
        if tag in VOID:
            return
        classes = (attrs.get("class") or "").split()
        ident = attrs.get("id")
        role = None
        if self.skip or tag in SKIP or "headerlink" in classes or "dw-filter" in classes:
            self.skip += 1
            role = "skip"
        elif tag in HEADINGS and ident and not self.records:
            self.section = self.page if tag == "h1" else _Entry(ident)
            if self.section is not self.page:
                self.entries.append(self.section)
            self.heading, role = self.section, "heading"
        elif ident and tag in RECORD_TAGS and not self.records:
            self.records.append(_Entry(ident))
            self.entries.append(self.records[-1])
            role = "record"
        elif (tag in TITLE_TAGS or tag in HEADINGS) and self.records and not self.records[-1].title \
                and self.title_of is None:
            self.title_of, role = self.records[-1], "title"
        elif tag in ("td", "th") and self.records and self.cell is None:
            self.cell, role = [], "cell"
        self.stack.append((tag, role))

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        if tag == "article" and not self.stack:
            self.depth = 0
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return   # a stray end tag
        while self.stack:
            open_tag, role = self.stack.pop()
            if role == "skip":
                self.skip -= 1
            elif role == "record":
                self.records.pop()
            elif role == "heading":
                self.heading = None
            elif role == "title":
                self.title_of = None
            elif role == "cell":
                self.records[-1].cells.append(" ".join(self.cell or ()).strip())
                self.cell = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        text = " ".join(data.replace("\u200b", "").split())
        if not text:
            return
        if self.heading is not None:
            self.heading.title = f"{self.heading.title} {text}".strip()
            return
        if self.title_of is not None:
            self.title_of.title = f"{self.title_of.title} {text}".strip()
        elif self.cell is not None:
            self.cell.append(text)
        else:
            self.current().parts.append(text)


def _title_and_text(entry: _Entry) -> tuple[str, str]:
    if entry.title or not entry.cells:
        return entry.title, " ".join(entry.parts + entry.cells)
    # A table row: its first cell names it (a project, a post), or its first two when the
    # first is a date (a ledger line: 2026年3月12日 社区助餐点设备更新首付款).
    named = 2 if DATE.match(entry.cells[0]) and len(entry.cells) > 1 else 1
    return " ".join(entry.cells[:named]), " ".join(entry.parts + entry.cells[named:])


def page_entries(location: str, page_title: str, page_html: str) -> list[dict]:
    parser = _PageText()
    parser.feed(page_html)
    out = []
    for entry in parser.entries:
        title, text = _title_and_text(entry)
        if entry.anchor is None:
            title = page_title or title
        elif not (title or text):
            continue
        link = location if entry.anchor is None else f"{location}#{entry.anchor}"
        out.append({"l": link, "t": title, "x": text})
    return out


def unit_aliases(texts: list[str]) -> dict[str, str]:
    """Short names residents use for the numbered branches and groups the site names:
    二支部, 2支部, 第2支部 → 第二党支部; 二支部一组, 2支部1小组 → 第二党支部第一党小组."""
    aliases: dict[str, str] = {}

    def add(names, whole):
        for name in names:
            if name not in whole:
                aliases.setdefault(name, whole)
    for text in texts:
        for match in UNIT.finditer(text):
            branch, kind, group = match.group(1), match.group(2), match.group(3)
            branch_name = text[match.start():match.end(2)]
            shorts = [f"{b}{kind}" for b in (branch, _digits(branch))]
            shorts += [f"第{name}" for name in shorts] + [f"{b}党{kind}" for b in (branch, _digits(branch))]
            add(shorts + [f"第{name}" for name in shorts[-1:]], branch_name)
            if group:
                add([f"{name}{g}{unit}" for name in shorts[:4] for g in (group, _digits(group))
                     for unit in ("组", "小组", "党小组")], match.group(0))
    return aliases


def _digits(numeral: str) -> str:
    """一 → 1, 十二 → 12 (the numerals of branch and group names)."""
    if numeral == "十":
        return "10"
    if numeral.startswith("十"):
        return str(10 + NUMERALS.index(numeral[1]) + 1)
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return str((NUMERALS.index(tens) + 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0))
    return str(NUMERALS.index(numeral) + 1)


def distinct_runs(texts: list[str]) -> list[str]:
    """The distinct runs of jieba's word characters (re_han_default) that hold Chinese.

    jieba cuts each such run on its own and yields what lies between one character at a time
    (never a word kept here). So the site's words are those of its distinct runs, and a run
    repeated across records (a name, 社区党委) is cut once."""
    from jieba import re_han_default

    return sorted({run for text in texts for run in re_han_default.findall(text) if CJK.search(run)})


def site_words(runs: list[str], userdict: Path | None = None) -> list[str]:
    """jieba's search-mode words of ``runs`` (whole words and the shorter words inside them),
    keeping whole the community's names in ``userdict`` (engine.mkdocs.write_config writes it).
    A build keeps them between builds instead (engine.kept_words)."""
    import jieba

    jieba.initialize()
    tokenizer = on_dictionary(jieba.dt.FREQ, jieba.dt.total, userdict)
    return sorted({w for words in words_by_run(tokenizer, runs).values() for w in words})


def on_dictionary(freq: dict[str, int], total: int, userdict: Path | None):
    """A jieba tokenizer on a copy of ``freq`` (word or prefix → frequency, ``total`` their
    sum), taught the names in ``userdict``: jieba's own tokenizer is never changed."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True
    if userdict is not None:
        tokenizer.load_userdict(str(userdict))
    return tokenizer


def words_by_run(tokenizer, runs: list[str]) -> dict[str, list[str]]:
    """Each run's words of two or more characters with a Chinese one, as jieba's search mode
    cuts them: it cuts a run on its own, so a run's words are the same in any site."""
    return {run: sorted({w for w in tokenizer.cut_for_search(run) if len(w) >= 2 and CJK.search(w)})
            for run in runs}


def folding(texts: list[str]) -> str:
    """Pairs (traditional, simplified) as one string, for every simplified character of the
    site that has a traditional form: a query in traditional script finds the same records.
    The table is OpenCC's (TSCharacters.txt, shipped by opencc-python-reimplemented)."""
    from importlib.resources import files

    table = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    used = set("".join(texts))
    pairs = {}
    for line in table.splitlines():
        traditional, _, simplified = line.partition("\t")
        simplified = simplified.split(" ")[0]
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified and simplified in used:
            pairs[traditional] = simplified
    return "".join(t + s for t, s in sorted(pairs.items()))


def build_index(pages: list[tuple[str, str, str]], weights: dict[str, float] | None = None,
                words_of: Callable[[list[str]], list[str]] = site_words) -> dict:
    """``pages``: (location, title, html) in the order of the site's navigation; ``weights``:
    what a match on a page counts (``w`` of its entry, left out when 1); ``words_of``: the
    site's words from its runs (``site_words``, here or in a process of its own)."""
    docs: list[dict] = []
    for location, title, page_html in pages:
        page_at = len(docs)
        for entry in page_entries(location, title, page_html):
            entry["p"] = page_at
            docs.append(entry)
        weight = (weights or {}).get(location, 1.0)
        if weight != 1.0 and len(docs) > page_at:
            docs[page_at]["w"] = weight
    texts = [f"{d['t']} {d['x']}" for d in docs]
    for doc in docs:  # escaped as Material's index was: the search box shows it as HTML
        doc["t"], doc["x"] = html.escape(doc["t"], quote=False), html.escape(doc["x"], quote=False)
    return {"docs": docs, "v": " ".join(words_of(distinct_runs(texts))), "a": unit_aliases(texts),
            "f": folding(texts)}


def order_section(location: str) -> str:
    """activities/2026/ → activities/ (the navigation lists a section's index page only)."""
    return location.split("/")[0] + "/" if "/" in location else location


def write(site_dir: Path, nav_order: dict[str, float],
          words_of: Callable[[list[str]], list[str]] = site_words, into: Path | None = None) -> None:
    """Write search/dangwu_index.json from the built pages and leave Material's index a stub.

    ``nav_order``: the navigation's pages (``organization/``) in the order ties are broken in,
    each with the weight of its matches (a year page has its section's); ``into``: the folder
    the two files are written in (their site paths under it), when not ``site_dir`` itself."""
    material_path = site_dir / "search" / "search_index.json"
    if not material_path.is_file():
        return
    material = json.loads(material_path.read_text(encoding="utf-8"))
    titles = {d["location"]: html.unescape(d["title"]).replace("\u200b", "")
              for d in material.get("docs", []) if "#" not in d["location"]}
    rank = {loc: i for i, loc in enumerate(nav_order)}

    def order(loc: str) -> tuple:  # a section's pages after its index page, newest year first
        section = order_section(loc)
        return rank.get(loc, rank.get(section, len(rank))), loc != section, [-ord(c) for c in loc]
    pages = []
    for location in sorted(titles, key=order):
        path = site_dir / location / "index.html" if not location.endswith(".html") else site_dir / location
        if path.is_file():
            pages.append((location, titles[location], path.read_text(encoding="utf-8")))
    weights = {loc: nav_order.get(order_section(loc), 1.0) for loc, _, _ in pages}
    index = build_index(pages, weights, words_of)
    into = site_dir if into is None else into
    (into / INDEX).parent.mkdir(parents=True, exist_ok=True)
    (into / INDEX).write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    stub = {"config": material.get("config", {}), "docs": []}
    (into / material_path.relative_to(site_dir)).write_text(
        json.dumps(stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
