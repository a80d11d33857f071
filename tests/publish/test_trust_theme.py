"""What the theme prints cannot run: hostile community.yml values and content titles are shown
as text, and only the inline scripts this project ships may run (issue 10).

One copy of the tiny community carries every hostile value of tests/hostile/theme.yml at once
and is built once for the module; each page a resident gets is then read as a browser would.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.publish import csp, csp_allowlist
from tests.conftest import TINY
from tests.hostile.theme_site import FIELDS, SLUG, build_hostile_site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


class Page(HTMLParser):
    """A page as a browser reads it: its elements, the text it shows, its inline scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    def shown(self) -> str:
        return "".join(self.text)


def html_pages(site: Path) -> dict[str, str]:
    """Every page by its path from the community's site root; the portal is ../index.html."""
    pages = {"../index.html": (site / "index.html").read_text(encoding="utf-8")}
    community = site / SLUG
    for path in sorted(community.rglob("*.html")):
        pages[path.relative_to(community).as_posix()] = path.read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def parsed(hostile_site) -> dict[str, Page]:
    return {rel: Page(html) for rel, html in html_pages(hostile_site).items()}


def test_the_corpus_covers_every_class_and_the_fields_the_theme_prints():
    classes = {case["class"] for case in FIELDS}
    assert classes == {"markup", "attribute", "breakout", "template", "scheme", "markdown"}
    fields = {case["field"] for case in FIELDS}
    assert {"name", "street", "organization.name", "office.address", "office.phone",
            "supervision.phone", "supervision.mailbox", "supervision.reception",
            "hours.0.days", "content-title"} <= fields


@pytest.mark.parametrize("case", FIELDS, ids=[c["field"] for c in FIELDS])
def test_a_hostile_value_is_shown_as_the_text_it_is(parsed, case):
    page = parsed[case["shown"]]
    # Found among the text nodes: escaped once. Unescaped it would be elements, escaped twice
    # it would read "&lt;" on the page.
    assert case["value"] in page.shown()


@pytest.mark.parametrize("case", [c for c in FIELDS if "<" in c["value"]], ids=lambda c: c["field"])
def test_no_page_holds_a_hostile_value_unescaped(hostile_site, case):
    pages = html_pages(hostile_site)
    assert [rel for rel, html in pages.items() if case["value"] in html] == []


def test_the_portal_shows_name_and_street_as_text(parsed):
    shown = parsed["../index.html"].shown()
    for field in ("name", "street", "organization.name", "office.phone"):
        (case,) = [c for c in FIELDS if c["field"] == field]
        assert case["value"] in shown, field


def test_no_page_has_an_element_or_handler_a_value_tried_to_make(parsed):
    for rel, page in parsed.items():
        for tag, attrs in page.tags:
            assert tag not in {"iframe", "object", "embed", "textarea"}, f"{rel}: <{tag}>"
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{rel}: <{tag}> has {handlers}"
            for name in ("href", "src", "action", "formaction"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), f"{rel}: {name}={value}"
            assert not (tag == "img" and attrs.get("src") == "x"), f"{rel}: injected <img>"


def test_every_script_is_ours(parsed):
    allowed = csp.allowed()
    for rel, page in parsed.items():
        for attrs, body in page.scripts:
            if "src" in attrs:
                assert "//" not in attrs["src"] and ":" not in attrs["src"], f"{rel}: {attrs}"
            elif attrs.get("type") != "application/json":
                assert csp_allowlist.digest(body) in allowed, f"{rel}: inline script {body[:60]!r}"


def test_template_syntax_in_a_value_is_not_evaluated(hostile_site, parsed):
    everything = "\n".join(path.read_text(encoding="utf-8", errors="replace")
                           for path in hostile_site.rglob("*") if path.is_file()
                           and path.suffix in {".html", ".json", ".xml", ".csv"})
    assert "1337" not in everything  # {{ 7*191 }}
    assert "重复重复" not in everything  # {% for x in range(3) %}重复{% endfor %}
    assert "Lorem ipsum" not in everything and "<MkDocsConfig" not in everything


def test_the_policy_lists_only_allow_listed_hashes(parsed):
    allowed = csp.allowed()
    for rel, page in parsed.items():
        policies = [a["content"] for tag, a in page.tags
                    if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
        assert len(policies) == 1, f"{rel}: {len(policies)} policies"
        script_src = next(d for d in policies[0].split(";") if d.strip().startswith("script-src"))
        hashes = {word for word in script_src.split() if word.startswith("'sha256-")}
        assert hashes <= allowed, f"{rel}: {hashes - allowed}"
        assert "unsafe-inline" not in script_src and "unsafe-hashes" not in script_src


def test_search_index_titles_are_escaped(hostile_site):
    index = json.loads((hostile_site / SLUG / "search" / "dangwu_index.json").read_text(encoding="utf-8"))
    titles = " ".join(doc["t"] for doc in index["docs"])
    assert "&lt;/title&gt;&lt;script&gt;" in titles  # shown as HTML by the search box: text
    assert "<script" not in titles and "<img" not in titles


# The allow-list itself ---------------------------------------------------------------------

def test_the_allow_list_matches_the_scripts_material_and_the_theme_ship():
    shipped, listed = csp_allowlist.shipped(), csp_allowlist.listed()
    assert set(shipped) == set(listed), (
        "The inline scripts of Material or theme/ changed, and generator/publish/csp_scripts.txt "
        "no longer lists them. Review the new scripts (added: "
        f"{sorted(shipped[h] for h in set(shipped) - set(listed))}; gone: "
        f"{sorted(listed[h] for h in set(listed) - set(shipped))}), then run: "
        ".venv/bin/python -m generator.publish.csp_allowlist")


def test_the_tiny_site_runs_only_listed_scripts(hostile_site):
    # The same build with ordinary values would pass too; here no page failed the build.
    for path in (hostile_site / SLUG).rglob("*.html"):
        assert csp.unknown_scripts(path.read_text(encoding="utf-8"), path.name) == []


PLANTED = """<!doctype html><html><head><title>x</title></head><body>
<p>通知</p>
<script>alert(document.cookie)</script>
<script type="application/json">{"ok": true}</script>
<script type="module">import("./x.js")</script>
<SCRIPT data-src="x.js">alert(2)</SCRIPT >
<script src="../assets/dangwu.js"></script>
</body></html>"""


def test_an_inline_script_that_is_not_ours_is_a_problem_and_not_allowed(tmp_path):
    page = tmp_path / "notices" / "index.html"
    page.parent.mkdir()
    page.write_text(PLANTED, encoding="utf-8")
    problems = csp.apply(tmp_path)
    assert [(p.code, p.file, p.line) for p in problems] == [
        ("unknown-inline-script", "notices/index.html", 3),
        ("unknown-inline-script", "notices/index.html", 5),
        ("unknown-inline-script", "notices/index.html", 6),
    ]
    assert "不是本项目自带的内联脚本" in problems[0].message() and "alert(document.cookie)" in problems[0].message()
    written = page.read_text(encoding="utf-8")
    policy = written.split('content="', 1)[1].split('"', 1)[0]
    assert "script-src 'self';" in policy  # no hash of the planted scripts
    assert csp_allowlist.digest("alert(document.cookie)") not in written


def test_a_policy_further_down_the_page_does_not_replace_ours():
    html = ('<html><head><title>x</title></head><body><meta http-equiv="Content-Security-Policy" '
            "content=\"script-src *\"></body></html>")
    assert csp.add_csp(html).count("Content-Security-Policy") == 2
    kiosk = '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>k</title>'
    assert csp.add_csp(kiosk) == kiosk


def test_a_build_with_an_injected_inline_script_is_refused(tmp_path, monkeypatch, capsys):
    """A page that slipped a script past every escape (planted here into the hand-written
    pages, which the sanitiser would otherwise clean) fails the build; nothing is published."""
    from generator import cli
    from generator.render.pages import site

    original = site.hand_written

    def planted(root):
        pages = original(root)
        pages["planted.md"] = "# 通知\n\n<script>alert('planted')</script>\n"
        return pages

    monkeypatch.setattr(site, "hand_written", planted)  # the build forks: children see it too
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["build", str(TINY), "--out", str(tmp_path / "site"), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    assert code == 1
    assert "planted/index.html" in out and "unknown-inline-script" in out
    assert "不是本项目自带的内联脚本" in out and "没有发布任何内容" in out
    assert not (tmp_path / "site" / SLUG).exists()
