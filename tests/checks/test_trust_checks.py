"""Issue 10: what only the build's output checks used to find is reported by `dangwu check`,
in Chinese, at the record's file:line, and the build is refused with the same code.

Hostile cases, by class: broken links from clerks' Markdown (to a page, a record, a members-only
record, outside the site, from a community's own page), a members-only partner on a public
activity, images from another origin, and what the sanitiser would silently remove.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.checks import load_and_check
from generator.checks.markdown import EXTERNAL, _converter, _elements, removed
from generator.checks.markdown_fields import refs
from generator.cli import main
from generator.render.sanitize import render_markdown
from tests.conftest import TODAY, replace_in
from tests.pipeline.test_build import build

SUMMARY = "      清理 **3 个楼门** 的堆物。\n"
NOTICE_BODY = "      经支部委员会研究，拟接收周小明同志为中共预备党员，现予公示。\n"
ACTIVITIES, NOTICES = "activities/2026.yml", "notices/2026.yml"


def _summary(extra: str) -> tuple[str, str, str]:
    return ACTIVITIES, SUMMARY, SUMMARY + f"      {extra}\n"


def _body(extra: str) -> tuple[str, str, str]:
    return NOTICES, NOTICE_BODY, NOTICE_BODY + f"      {extra}\n"


# (case, edit (file, old, new) or a content page, code, file reported, line reported, words in the message)
CASES = [
    ("link to a page that does not exist", _summary("详见[这里](../nosuch/)。"),
     "markdown-broken-link", ACTIVITIES, 9, "没有这个页面"),
    ("link to a year without records", _summary("[去年](../2019/)"),
     "markdown-broken-link", ACTIVITIES, 9, "没有这个页面"),
    ("link to a record that does not exist", _summary("[公示](../../notices/2026/#n2026-99)"),
     "markdown-broken-link", ACTIVITIES, 9, "n2026-99"),
    ("link from a public record to a members-only one", _body("[支委会](../../activities/2026/#a2026-0108)"),
     "markdown-broken-link", NOTICES, 7, "仅党内公开的记录也不在公开网站上"),
    ("link out of the site", _summary("[文件](../../../../../etc/passwd)"),
     "markdown-broken-link", ACTIVITIES, 9, "网站以外"),
    ("link from a community's own page", ("content/guide/extra.md", None, "# 补充说明\n\n第一段。\n\n见[旧页](../../nosuch/)。\n"),
     "markdown-broken-link", "content/guide/extra.md", 5, "没有这个页面"),
    ("members-only partner on a public activity", (ACTIVITIES, "partners: [pt-yy]", "partners: [pt-yy, pt-nb]"),
     "members-only-reference", ACTIVITIES, 16, "仅党内公开的共建单位“pt-nb”"),
    ("image from another origin", _body("![照片](https://evil.example/x.png)"),
     "markdown-external-image", NOTICES, 7, "https://evil.example/x.png"),
    ("image over http", _summary("![照片](http://192.0.2.1/a.jpg)"),
     "markdown-external-image", ACTIVITIES, 9, "http://192.0.2.1/a.jpg"),
]

# What the sanitiser removes: the build still publishes the (safe) page, so these are warnings
# that `check` reports at the record's line and `check --strict` refuses.
REMOVED = [
    ("script", _summary("<script>alert(1)</script>"), ACTIVITIES, 9, "<script>", "alert(1)"),
    ("javascript link", _body("[点这里](javascript:alert(1))"), NOTICES, 7, 'href="javascript:alert(1)"',
     "javascript:"),
    ("event handler", _summary('<b onclick="alert(1)">粗</b>'), ACTIVITIES, 9, "onclick", "onclick"),
    ("iframe", _body('<iframe src="https://evil.example/"></iframe>'), NOTICES, 7, "<iframe>", "<iframe"),
    ("style that loads", _summary('<p style="background:url(https://evil.example/a.png)">字</p>'), ACTIVITIES, 9,
     "style", "evil.example"),
]

MEMBERS_ONLY_PARTNER = """  - id: pt-nb
    name: 党内共建单位
    kind: 企业
    audience: members
"""


def _data(write_community, edit) -> Path:
    """The tiny community with a members-only partner added, and the case's edit made."""
    name, old, new = edit
    data = write_community()
    root = data / "communities" / "xiaoyuan"
    partners = root / "partners.yml"
    partners.write_text(partners.read_text(encoding="utf-8").replace("partners:\n", "partners:\n" + MEMBERS_ONLY_PARTNER, 1),
                        encoding="utf-8")
    if old is None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(new, encoding="utf-8")
    else:
        replace_in(root / name, old, new)
    return data


@pytest.mark.parametrize("case, edit, code, file, line, words", CASES, ids=[c[0] for c in CASES])
def test_check_reports_it_at_the_records_line_in_chinese(write_community, capsys, case, edit, code, file, line, words):
    data = _data(write_community, edit)
    assert main(["check", str(data), "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out
    where = f"communities/xiaoyuan/{file}:{line}:"
    hits = [row for row in out.splitlines() if f" {code} " in row]
    assert hits, out
    assert any(where in row and words in row for row in hits), out
    assert "输出文件" not in out  # never only an output file's path


@pytest.mark.parametrize("case, edit, code, file, line, words", CASES, ids=[c[0] for c in CASES])
def test_the_build_is_refused_with_the_same_code(write_community, tmp_path, case, edit, code, file, line, words):
    data = _data(write_community, edit)
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    result = build(data, out)
    assert result.returncode == 1
    assert f"communities/xiaoyuan/{file}:{line}:" in result.stdout and f" {code} " in result.stdout, result.stdout
    assert not out.exists() or not [p for p in out.iterdir() if p.name != ".lock"]  # the run's lock is no content


@pytest.mark.parametrize("text", [
    "[公示](../../notices/2026/#n2026-01)", "[上一页](../)", "[财务](../../finances/2026/#service)",
    "[首页](../../)", "[街道](../../../)", "[一月](#m2026-01)", "[说明](../../guide/reading/)",
    "[段落](../../notices/#本段)", "[下载](../../data/finances.json)", "![图](../../photos/nosuch.jpg)",
])
def test_links_that_lead_somewhere_pass(write_community, capsys, text):
    data = _data(write_community, _summary(text))
    code = main(["check", str(data), "--today", "2026-11-23"])
    out = capsys.readouterr().out
    if "nosuch.jpg" in text:  # a missing photo is a broken link too
        assert code == 1 and "markdown-broken-link" in out
        return
    assert code == 0, out


EXACT = [
    ("markdown-broken-link", _summary("详见[这里](../nosuch/)。"),
     "“summary”里的链接“../nosuch/”在网站上找不到（没有这个页面）：请改成存在的页面或记录"
     "（如 ../../notices/2026/#n2026-01），或删掉这个链接。"),
    ("members-only-reference", (ACTIVITIES, "partners: [pt-yy]", "partners: [pt-nb]"),
     "公开的活动写了仅党内公开的共建单位“pt-nb”：公开网站会显示这条活动，却不能显示“pt-nb”。"
     "请把这条活动也设为 audience: members，或从“partners”里删掉“pt-nb”，或把那个共建单位改为公开。"),
    ("markdown-external-image", _body("![照片](https://evil.example/x.png)"),
     "“body”里的图片“https://evil.example/x.png”要从其他网站加载，公开栏不从外部加载任何内容（没有网络时也要能看）："
     "请把图片放进社区的 photos/ 文件夹并链接到它，或删掉这张图片。"),
    ("markdown-removed", _summary("<script>alert(1)</script>"),  # a warning
     "“summary”里的 <script> 不会出现在网站上（为了安全会被删掉），网页就和记录不一样了：请删掉它，"
     "只用普通文字和 Markdown（**加粗**、- 列表、[链接](https://…)）。"),
]


@pytest.mark.parametrize("code, edit, message", EXACT, ids=[e[0] for e in EXACT])
def test_exact_chinese_message(write_community, code, edit, message):
    data = _data(write_community, edit)
    _, problems = load_and_check(data, None, TODAY)
    [problem] = [p for p in problems if p.code == code]
    assert problem.message() == message


def test_every_hostile_markdown_case_that_would_run_or_load_is_reported():
    """The sanitiser corpus (tests/hostile/markdown.yml): whatever it removes that could run a
    script or load from elsewhere, `check` reports, so no clerk's text is changed silently."""
    cases = yaml.safe_load((Path(__file__).parents[1] / "hostile" / "markdown.yml").read_text(encoding="utf-8"))
    dangerous = {"script", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link", "style"}
    checked = 0
    for case in cases:
        raw = _elements(_converter().reset().convert(case["input"]))
        runs = (set(raw.tags) & dangerous
                or any(name.startswith("on") for _, name, _ in raw.attrs)
                or any(name in {"href", "src"} and not value.strip().lower().startswith(("http", "mailto", ".", "#"))
                       and ":" in value for _, name, value in raw.attrs))
        if runs:
            checked += 1
            external = [u for u in refs(render_markdown(case["input"])).images if EXTERNAL.match(u)]
            assert removed(case["input"]) or external, case["name"]
    assert checked >= 20


def test_a_link_only_the_output_can_judge_is_refused_naming_the_record(write_community, tmp_path, capsys):
    # A Chinese heading's anchor is made by MkDocs: check cannot know it, the build's link check
    # can, and it names the record's file:line before the output file.
    data = _data(write_community, _summary("[段落](../../notices/#没有这一段)"))
    assert main(["check", str(data), "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    result = build(data, out)
    assert result.returncode == 1
    said = f"communities/xiaoyuan/{ACTIVITIES}:9:0: output-broken-link 输出文件 activities/2026/index.html 的链接"
    assert said in result.stdout, result.stdout


@pytest.mark.parametrize("case, edit, file, line, words, gone", REMOVED, ids=[r[0] for r in REMOVED])
def test_what_the_sanitiser_removes_is_a_warning_at_the_records_line(write_community, capsys, case, edit, file, line,
                                                                    words, gone):
    data = _data(write_community, edit)
    assert main(["check", str(data), "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert any(f"communities/xiaoyuan/{file}:{line}:" in row and " markdown-removed 警告 " in row and words in row
               for row in out.splitlines()), out
    assert main(["check", str(data), "--today", "2026-11-23", "--strict"]) == 1


def test_the_build_publishes_the_sanitised_page(write_community, tmp_path):
    data = write_community()
    for _, (name, old, new), *_ in REMOVED:
        replace_in(data / "communities" / "xiaoyuan" / name, old, new)
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    result = build(data, out)
    assert result.returncode == 0, result.stdout
    pages = "".join(p.read_text(encoding="utf-8") for p in (out / "xiaoyuan").rglob("*.html"))
    assert "<strong>3 个楼门</strong>" in pages
    for *_, gone in REMOVED:  # (the CSV and JSON downloads keep the record's text as written)
        assert gone not in pages
