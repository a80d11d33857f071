"""A clerk's Markdown must show as written: no image from another origin, nothing the sanitiser drops.

Both used to surface only at output stage: the build refused a page with an external image
(``publish.offline``) naming the output file (an error here too), and the sanitiser silently
removed scripts, event handlers and ``javascript:`` links, so the page differed from the record
without anyone being told (a warning here: the page is still safe to build; ``--strict`` refuses).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import markdown

from generator.checks.markdown_fields import fields, line_of, refs
from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages
from generator.render.sanitize import EXTENSION_CONFIGS, EXTENSIONS, render_markdown, sanitize_html

messages.add({
    "markdown-external-image": (
        "“{field}”里的图片“{url}”要从其他网站加载，公开栏不从外部加载任何内容（没有网络时也要能看）："
        "请把图片放进社区的 photos/ 文件夹并链接到它，或删掉这张图片。",
        "the image '{url}' in '{field}' loads from another site: put it in the community's photos/ folder, "
        "or remove it.",
    ),
    "markdown-removed": (
        "“{field}”里的 {what} 不会出现在网站上（为了安全会被删掉），网页就和记录不一样了：请删掉它，"
        "只用普通文字和 Markdown（**加粗**、- 列表、[链接](https://…)）。",
        "'{field}' holds {what}, which the site removes for safety: delete it and use plain Markdown.",
    ),
})

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Tags and attributes whose loss changes only the look, never what a resident reads or what runs.
# (nh3 keeps the text inside a tag it drops; only script and style lose their content.)
LOOK_ONLY_TAGS = {"h1", "div", "span", "font", "b", "i", "u", "s", "del", "ins", "sup", "sub", "center", "small",
                  "big", "mark", "section", "article", "header", "footer", "aside", "main", "address", "figure",
                  "figcaption", "caption", "colgroup", "col", "details", "summary", "dl", "dt", "dd", "abbr",
                  "cite", "q", "kbd", "samp", "var", "tt", "strike", "nobr", "wbr", "label"}
LOOK_ONLY_ATTRS = {"class", "style", "rel", "target", "width", "height", "align", "valign", "lang", "dir", "title",
                   "alt", "id", "colspan", "rowspan", "border", "bgcolor", "color", "face", "size",
                   "cellpadding", "cellspacing"}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attrs[(tag, name, value or "")] += 1


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _loads(name: str, value: str) -> bool:
    """A style that would load from elsewhere (url(), @import) is more than a look."""
    return name == "style" and ("url(" in value.lower() or "@import" in value.lower())


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """Python-Markdown as ``sanitize`` configures it, without the sanitiser after it."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


@functools.lru_cache(maxsize=4096)
def removed(text: str) -> tuple[str, ...]:
    """What the sanitiser drops from this Markdown, as the clerk wrote it (tags and attributes)."""
    raw = _converter().reset().convert(text)
    before, after = _elements(raw), _elements(sanitize_html(raw))
    dropped_tags = set(before.tags - after.tags)
    lost = [f"<{tag}>" for tag in dropped_tags if tag not in LOOK_ONLY_TAGS]
    lost += [f'{name}="{value}"' if name in {"href", "src"} else name
             for (tag, name, value) in before.attrs - after.attrs
             # a reported tag's attributes go with it: the tag itself is what to tell the clerk
             if (name not in LOOK_ONLY_ATTRS or _loads(name, value)) and tag not in dropped_tags - LOOK_ONLY_TAGS]
    return tuple(sorted(set(lost)))


def check(community: Community, today: date | None = None) -> list[Problem]:
    problems = []
    for f in fields(community, today or date.today()):
        for url in refs(render_markdown(f.text)).images:
            if EXTERNAL.match(url):
                problems.append(Problem("markdown-external-image", f.file, line_of(f, url), f.col,
                                        path=f.path or "content", params={"url": url}))
        lost = removed(f.text)
        if lost:
            # A warning: the sanitiser keeps the page safe and the build goes on, but the
            # clerk must hear that the page will not say what the record says.
            problems.append(Problem("markdown-removed", f.file, line_of(f, lost[0].strip("<>").split("=")[0]), f.col,
                                    path=f.path or "content", params={"what": "、".join(lost)}, severity=WARNING))
    return problems

