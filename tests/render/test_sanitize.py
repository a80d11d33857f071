"""Clerks' Markdown becomes HTML that cannot run code: the hostile corpus, and the allow-list as a whole."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.render.sanitize import render_markdown
from tests.hostile.corpus import load

CASES = load("markdown.yml")
ALLOWED = {
    "p": set(), "br": set(), "strong": set(), "em": set(), "ul": set(), "ol": {"start"}, "li": set(),
    "table": set(), "thead": set(), "tbody": set(), "tr": set(), "th": {"align"}, "td": {"align"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "a": {"href", "title", "rel"}, "img": {"src", "alt", "title"},
    "blockquote": set(), "code": set(), "pre": set(), "hr": set(),
}


class Elements(HTMLParser):
    """Every start tag of a fragment with its attributes, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_within_allow_list(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag in ALLOWED, f"<{tag}> is not allowed: {html}"
        assert set(attrs) <= ALLOWED[tag], f"<{tag} {attrs}> has attributes not allowed: {html}"
        if tag == "a":
            assert attrs.get("rel") == "noopener noreferrer"
            href = attrs.get("href")
            assert href is None or href.lower().startswith(("http://", "https://", "mailto:")) \
                or ":" not in href.split("/")[0]
        if tag == "img" and "src" in attrs:
            src = attrs["src"].strip().lower()
            assert src.startswith(("http://", "https://")) or (":" not in src and not src.startswith("//"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_markdown(case):
    html = render_markdown(case["input"])
    assert_within_allow_list(html)
    for text in case.get("absent", []):
        assert text.lower() not in html.lower()
    for text in case.get("present", []):
        assert text in html


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown(
        "## 活动安排\n\n**时间**：3月5日 *上午*\n\n- 清扫楼道\n- 慰问老党员\n\n"
        "3. 第三项\n4. 第四项\n\n> 引文\n\n`代码`\n\n---\n\n第一行  \n第二行"
    )
    for part in ["<h2>活动安排</h2>", "<strong>时间</strong>", "<em>上午</em>", "<li>清扫楼道</li>",
                 '<ol start="3">', "<blockquote>", "<code>代码</code>", "<hr>", "<br>"]:
        assert part in html


def test_raw_html_headings_keep_safe_ids():
    assert render_markdown('<h3 id="活动-1">活动</h3>') == '<h3 id="活动-1">活动</h3>'


def test_h1_is_reduced_to_its_text():
    # the page title is the only h1; a clerk's "# 标题" must not compete with it
    assert render_markdown("# 标题") == "标题"


@pytest.mark.parametrize("source", ["", "   ", "\n\n"])
def test_empty_text_renders_empty(source):
    assert render_markdown(source) == ""


def test_the_same_text_always_renders_the_same_html():
    source = "| a | b |\n|---|---|\n| [x](https://example.cn) | ![y](p.png) |"
    assert render_markdown(source) == render_markdown(source)
