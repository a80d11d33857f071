"""dangwu check on lists/<year>.yml: references found, stages in order, a 完成 with its result,
a 微心愿 claimed by a member or partner, and personal data refused at its line."""
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

FIXTURES = Path(__file__).parents[1] / "fixtures"
LISTS = (FIXTURES / "lists" / "2026.yml").read_text(encoding="utf-8")


def _data(tmp_path, text: str = LISTS) -> Path:
    """A fresh copy of the tiny community with ``text`` as lists/2026.yml (one per call)."""
    data = tmp_path / f"data{len(list(tmp_path.iterdir()))}"
    shutil.copytree(FIXTURES / "tiny", data)
    folder = data / "communities" / "xiaoyuan" / "lists"
    folder.mkdir()
    (folder / "2026.yml").write_text(text, encoding="utf-8")
    return data


def _problems(tmp_path, text: str = LISTS):
    _, problems = load_and_check(_data(tmp_path, text), None, date(2026, 11, 23))
    return [(p.code, p.line) for p in problems if p.file.endswith("lists/2026.yml")]


def _message(tmp_path, text: str, code: str) -> str:
    _, problems = load_and_check(_data(tmp_path, text), None, date(2026, 11, 23))
    return next(p.message() for p in problems if p.code == code)


def test_the_fixture_lists_are_clean(tmp_path):
    assert _problems(tmp_path) == []


def test_a_project_names_an_existing_need_and_resource(tmp_path):
    text = LISTS.replace("need: n2026-01", "need: n2026-99").replace("resource: r2026-01", "resource: r2026-98")
    assert _problems(tmp_path, text) == [("unknown-reference", 44), ("unknown-reference", 58)]


def test_unknown_need_message_names_the_kind(tmp_path):
    text = LISTS.replace("need: n2026-01", "need: n2026-99")
    assert _message(tmp_path, text, "unknown-reference") == (
        "“need”写的是“n2026-99”，但找不到这个需求：请核对编号是否写错，或先添加它。")


def test_owner_provider_and_claimer_must_exist(tmp_path):
    text = (LISTS.replace("owner: zb", "owner: zb9").replace("offered_by: pt-yy", "offered_by: pt-none")
            .replace("claimer: m004", "claimer: m999"))
    assert sorted(_problems(tmp_path, text)) == [
        ("unknown-reference", 14), ("unknown-reference", 36), ("unknown-reference", 46)]


def test_stages_go_in_order_without_skipping(tmp_path):
    text = LISTS.replace("      - stage: 实施\n        date: 2026-03-04\n", "")
    assert _problems(tmp_path, text) == [("list-stage-order", 50)]
    assert "这里应是“实施”" in _message(tmp_path, text, "list-stage-order")


def test_stage_dates_in_order_and_not_before_the_need(tmp_path):
    assert _problems(tmp_path, LISTS.replace("date: 2026-03-06", "date: 2026-03-01")) == [("list-date-order", 53)]
    assert _problems(tmp_path, LISTS.replace("date: 2026-03-03", "date: 2026-02-27")) == [("list-date-order", 49)]
    text = LISTS.replace("date: 2026-03-06", "date: 2026-03-01")
    assert _message(tmp_path, text, "list-date-order") == (
        "“楼道灯更换”的“完成”日期 2026-03-01 早于“实施”日期 2026-03-04：请核对这两个日期。")


def test_a_done_project_needs_its_result(tmp_path):
    assert _problems(tmp_path, LISTS.replace("    result: 更换楼道灯 6 盏\n", "")) == [("list-done-without-result", 42)]


def test_wish_claim_rules(tmp_path):
    assert _problems(tmp_path, LISTS.replace("    result: 已送去助行器一台\n", "")) == [
        ("wish-fulfilled-without-result", 8)]
    assert _problems(tmp_path, LISTS.replace("    kind: 微心愿\n    title: 独居", "    title: 独居")) == [
        ("wish-claimer-on-need", 8)]
    assert _problems(tmp_path, LISTS.replace("    claimed: 2026-04-03\n", "")) == [("wish-date-missing", 8)]
    assert _problems(tmp_path, LISTS.replace("fulfilled: 2026-04-10", "fulfilled: 2026-04-02")) == [
        ("list-date-order", 16)]


def test_a_wish_may_be_claimed_by_a_partner(tmp_path):
    assert _problems(tmp_path, LISTS.replace("claimer: m004", "claimer: pt-yy")) == []


def test_public_project_naming_a_members_only_need_is_refused(tmp_path):
    text = LISTS.replace("need: n2026-04", "need: n2026-05")
    assert ("members-only-reference", 57) in _problems(tmp_path, text)


def test_duplicate_ids_are_refused(tmp_path):
    text = LISTS.replace("id: r2026-02", "id: r2026-01").replace("resource: r2026-02", "resource: r2026-01")
    assert _problems(tmp_path, text) == [("duplicate-id", 38)]


def test_personal_data_in_the_lists_is_refused_at_its_line(tmp_path):
    text = LISTS.replace("raised_by: 留守儿童", "raised_by: 留守儿童，家长电话 13812345678")
    data = _data(tmp_path, text)
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(data), "--today", "2026-11-23"],
                            capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.returncode == 1
    assert "communities/xiaoyuan/lists/2026.yml:22:" in result.stdout
    assert "personal-mobile" in result.stdout
    assert "13812345678" not in result.stdout
