"""A community's cross-record checks run beside its build (pipeline.community.Checking): what
they refuse is reported as before, and nothing of a community reaches the output folder before
its checks passed and its site was verified."""
from __future__ import annotations

import pytest

from tests.conftest import TINY, TODAY, replace_in

UNKNOWN_UNIT = ("    unit: zb\n    title: 一月主题党日", "    unit: nosuch\n    title: 一月主题党日")


def test_records_the_checks_refuse_are_reported_and_nothing_reaches_the_output(tmp_path, monkeypatch, capsys,
                                                                               write_community):
    """The checks made slow, so that everything beside MkDocs (sheets and their PDFs, kiosk,
    open data) is done before they refuse: none of it may be left in the output folder."""
    import time

    from generator.pipeline import community

    data = write_community()
    replace_in(data / "communities/xiaoyuan/activities/2026.yml", *UNKNOWN_UNIT)
    real = community.check_community

    def slow(*args):
        time.sleep(8)
        return real(*args)

    monkeypatch.setattr(community, "check_community", slow)
    code = in_process_build(tmp_path, monkeypatch, data)
    said = capsys.readouterr().out
    assert code == 1
    assert "nosuch" in said and "activities/2026.yml:" in said
    assert "必须先改正：没有构建，已发布的网站保持不变" in said
    out = tmp_path / "site"
    assert not out.exists() or [p.name for p in out.iterdir()] == [".lock"]  # no site, no cache: the lock only


def in_process_build(tmp_path, monkeypatch, data=TINY) -> int:
    """`dangwu build` in this process: its workers are forked from it, so they run what the
    test patched here."""
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    return main(["build", str(data), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat()])


def test_a_site_reaches_the_output_folder_only_once_verified(tmp_path, monkeypatch, capsys):
    from generator.pipeline import community

    out, seen = tmp_path / "site", tmp_path / "seen.txt"
    real = community.verify_output

    def verify(site, ctx, cache=None):
        staged = out / ".staging"
        seen.write_text(" ".join(sorted(p.name for p in staged.rglob("*"))) if staged.exists() else "",
                        encoding="utf-8")
        return real(site, ctx, cache)

    monkeypatch.setattr(community, "verify_output", verify)
    code = in_process_build(tmp_path, monkeypatch)
    assert code == 0, capsys.readouterr().out
    assert seen.read_text(encoding="utf-8") == ""  # nothing of the site in the output folder yet
    assert (out / "xiaoyuan" / "index.html").is_file()


@pytest.mark.parametrize("refused", [True, False])
def test_a_build_that_breaks_reports_the_checks_when_they_refuse(tmp_path, monkeypatch, capsys, write_community,
                                                                 refused):
    """Pages are rendered while the checks run: bad records may break the rendering, and then
    what the checks found explains it, not the traceback."""
    from generator.pipeline import community

    data = write_community()
    if refused:
        replace_in(data / "communities/xiaoyuan/activities/2026.yml", *UNKNOWN_UNIT)

    def breaks(ctx):
        raise KeyError("nosuch")

    monkeypatch.setattr(community, "render_site", breaks)
    code = in_process_build(tmp_path, monkeypatch, data)
    said = capsys.readouterr().out
    assert code == 1
    assert not (tmp_path / "site" / "xiaoyuan").exists()
    if refused:
        assert "xiaoyuan 小园社区：未通过检查" in said and "build-failed" not in said
    else:
        assert "xiaoyuan 小园社区：失败" in said and "KeyError" in said
