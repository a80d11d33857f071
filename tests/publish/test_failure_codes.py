"""What stops a site after its records passed (output scans, MkDocs, print sheets, the disk) is
a Problem with a stable code, printed like a check's problem and named in the portal's 未更新 note."""
from __future__ import annotations

import errno
from datetime import date
from pathlib import Path

import pytest

from generator.pipeline import street as street_build
from generator.pipeline.community import Result, write_failure
from generator.problems import Problem
from generator.publish import failures as failed
from generator.render.printing import SheetsFailed

RECORD = "communities/xiaoyuan/activities/2026.yml:9"


def test_a_broken_link_stands_at_the_record_that_holds_it():
    problem = failed.broken_link("activities/2026/index.html", "../../notices/#没有", RECORD)
    assert problem.as_text() == ("communities/xiaoyuan/activities/2026.yml:9:0: output-broken-link 输出文件 "
                                 "activities/2026/index.html 的链接 ../../notices/#没有 指向不存在的页面或锚点")


def test_without_a_record_a_problem_stands_at_the_output_file():
    problem = failed.external_url("index.html", "https://cdn.example/x.js", "script", None)
    assert (problem.code, problem.file, problem.line) == ("output-external-url", "index.html", 0)
    assert problem.message() == "输出文件 index.html 从外部加载 https://cdn.example/x.js（<script>）"


def test_personal_data_in_the_output_names_the_record_and_only_the_masked_number():
    problem = failed.personal_data("members/index.html", "手机号", "a mobile number", "138****5678",
                                   "communities/xiaoyuan/members.yml:12")
    assert problem.as_text() == ("communities/xiaoyuan/members.yml:12:0: output-personal-data "
                                 "输出文件 members/index.html 含有个人信息（手机号 138****5678）")


@pytest.mark.parametrize("exc, text", [
    (OSError(errno.ENOSPC, "No space left on device", "site/.releases/x"),
     "publish-disk-full 写入 site/.releases/x 时磁盘空间已满：请清理服务器磁盘（或加大空间）后重新运行。"),
    (OSError(errno.EACCES, "Permission denied"),
     "publish-write-failed 写入文件时出错（Permission denied）：请检查输出文件夹的权限和磁盘后重新运行。"),
])
def test_a_write_failure_is_a_problem_in_no_file(exc, text):
    assert failed.write_failed(exc).as_text() == text
    assert write_failure(exc) == text  # as `dangwu build`, `portal` and `rollback` print it


def test_engine_and_sheet_failures_keep_their_words():
    assert failed.mkdocs_warning("Doc file 'a.md' contains a link").as_text() == \
        "engine-mkdocs-warning MkDocs 警告：Doc file 'a.md' contains a link"
    assert failed.build_failed("KeyError: 'x'").as_text() == "engine-build-failed 构建失败：KeyError: 'x'"
    exc = SheetsFailed("组织概况和班子分工", "ValueError: 版面排不下")
    assert str(exc) == exc.problem().message() == ("公开栏的打印版 PDF 没有生成（组织概况和班子分工）：ValueError: 版面排不下。"
                                                   "为免张贴的公开栏缺页或过期，这个社区这次没有发布。")
    assert exc.problem().code == "print-sheets-failed"


CODES = ["output-personal-data", "output-external-url", "output-broken-link", "engine-mkdocs-warning",
         "engine-build-failed", "publish-disk-full", "publish-write-failed", "print-sheets-failed",
         "publish-not-a-link"]


@pytest.mark.parametrize("problem", [
    failed.personal_data("a.html", "手机号", "a mobile number", "138****5678", None),
    failed.external_url("a.html", "https://x.example/", "img", RECORD),
    failed.broken_link("a.html", "b/", None),
    failed.mkdocs_warning("w"), failed.build_failed("e"),
    failed.write_failed(OSError(errno.ENOSPC, "full", "f")), failed.write_failed(OSError(errno.EIO, "io")),
    SheetsFailed("承诺", "坏了").problem(), Problem("publish-not-a-link", "", params={"link": "site/x"}),
], ids=CODES)
def test_every_output_code_reads_in_both_languages(problem):
    zh, en = problem.message(), problem.message("en")
    assert "{" not in zh + en and zh != en and problem.code in problem.as_text("en")


def test_the_portal_note_names_the_codes_never_the_words(tmp_path, monkeypatch):
    notes = {}
    monkeypatch.setattr(street_build.release, "current", lambda out, slug: "b1")
    monkeypatch.setattr(street_build.release, "live_inputs", lambda out, slug: {"today": "2026-11-01"})
    monkeypatch.setattr(street_build.release, "not_updated", lambda out, slug: None)
    monkeypatch.setattr(street_build.release, "note_not_updated", lambda out, slug, note: notes.update({slug: note}))
    said: list[str] = []
    run = street_build.StreetRun(data_dir=Path("data"), out=tmp_path, today=date(2026, 11, 23), audience="public",
                                 log=said.append, writes_street=True, work=tmp_path / "build", source_date_epoch=None)
    leak = failed.personal_data("a.html", "手机号", "a mobile number", "138****5678", RECORD)
    result = Result("xiaoyuan", "小园社区", failures=[leak, failed.mkdocs_warning("w"), failed.mkdocs_warning("v")])

    run._report(result, 1, 1)

    assert notes["xiaoyuan"]["reason"] == "生成的网站未通过发布前的核对（output-personal-data、engine-mkdocs-warning）"
    assert f"[xiaoyuan] {leak.as_text()}" in said and "138****5678" not in str(notes)


def test_a_problem_in_no_file_prints_without_a_place():
    assert Problem("engine-build-failed", "", params={"error": "x"}).as_text() == "engine-build-failed 构建失败：x"


def test_a_plain_folder_in_a_communitys_place_is_refused_with_a_code(tmp_path):
    from generator.publish import release

    (tmp_path / "xiaoyuan").mkdir()
    with pytest.raises(release.PublishError) as caught:
        release.refuse_foreign(tmp_path, "xiaoyuan")
    assert caught.value.problem.code == "publish-not-a-link"
    assert str(caught.value) == (f"publish-not-a-link {tmp_path / 'xiaoyuan'} 不是 dangwu 的发布链接，"
                                 "而是一个普通文件或文件夹：拒绝覆盖（请移走它后重试）。")


@pytest.mark.parametrize("code, params", [
    ("verify-other-community", {"named": "dongyuan", "slug": "xiaoyuan"}),
    ("verify-other-release", {"live": "abc123", "build_id": "def456"}),
    ("verify-no-kept-manifest", {"kept": "site/.releases/xiaoyuan/abc123.manifest.json"}),
    ("verify-manifest-rewritten", {"manifest": "manifest.json", "kept": "k.json"}),
    ("verify-file-changed", {"path": "index.html"}), ("verify-file-added", {"path": "evil.js"}),
    ("verify-file-removed", {"path": "index.html"}),
])
def test_every_verify_code_reads_in_both_languages(code, params):
    from generator.publish import manifest  # noqa: F401  (registers the codes)

    problem = Problem(code, "", params=params)
    zh, en = problem.message(), problem.message("en")
    assert "{" not in zh + en and zh != en
