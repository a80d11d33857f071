"""`dangwu new`: a record (or a community) appended so that `dangwu check` passes at once,
the rest of the file untouched, and the clerk told which line to edit."""
from __future__ import annotations

import re

import pytest

from generator.clerk.yamledit import CannotAppend, append_items
from generator.cli import main
from tests.conftest import TODAY

SLUG = "xiaoyuan"


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def check_passes(data, capsys) -> str:
    capsys.readouterr()
    code = run("check", str(data))
    out = capsys.readouterr()
    assert code == 0, out.out
    return out.out


def where(out: str) -> tuple[str, int]:
    """The file:line `new` printed."""
    match = re.search(r"^(\S+\.yml):(\d+): ", out, re.M)
    assert match, out
    return match.group(1), int(match.group(2))


@pytest.mark.parametrize("kind, extra, first_field", [
    ("activity", [], "- id: a2026-1123"),
    ("notice", [], "- id: n2026-"),
    ("commitment", [], "- id: c2026-"),
    ("entry", ["--fund", "service"], "- date: 2026-11-23"),
    ("member", [], "- id: m"),
])
def test_new_then_check_passes_for_every_kind(write_community, capsys, kind, extra, first_field):
    data = write_community()
    community = data / "communities" / SLUG
    before = {p: p.read_text(encoding="utf-8") for p in community.rglob("*.yml")}

    assert run("new", kind, str(data), "--community", SLUG, "--date", "2026-11-23", *extra) == 0
    file, line = where(capsys.readouterr().out)

    lines = open(file, encoding="utf-8").read().splitlines()
    assert lines[line - 1].strip().startswith(first_field)
    assert "#" in lines[line - 1]  # every field says what goes there
    changed = [p for p, text in before.items() if p.read_text(encoding="utf-8") != text]
    assert len(changed) == 1
    old, new = before[changed[0]].splitlines(), changed[0].read_text(encoding="utf-8").splitlines()
    kept = iter(new)
    assert all(any(o == n for n in kept) for o in old), "every original line kept, in order"
    check_passes(data, capsys)


def test_new_activity_takes_the_next_free_id_of_that_day(write_community, capsys):
    data = write_community()
    assert run("new", "activity", str(data), "--community", SLUG, "--date", "2026-03-05") == 0
    assert "- id: a2026-0305-2" in capsys.readouterr().out
    assert run("new", "activity", str(data), "--community", SLUG, "--date", "2026-03-05") == 0
    assert "- id: a2026-0305-3" in capsys.readouterr().out
    check_passes(data, capsys)


def test_new_notice_lasts_five_working_days_and_uses_the_office_phone(write_community, capsys):
    data = write_community()
    assert run("new", "notice", str(data), "--community", SLUG, "--date", "2026-09-30") == 0
    out = capsys.readouterr().out
    assert "start: 2026-09-30" in out
    assert "end: 2026-10-12" in out  # 国庆 skipped; Saturday 10-10, a 调休 workday, counted
    assert 'contact: "010-62001235"' in out


def test_new_entry_asks_for_the_fund_when_there_are_several(write_community, capsys):
    data = write_community()
    ledger = data / "communities" / SLUG / "finances" / "2026.yml"
    before = ledger.read_bytes()
    assert run("new", "entry", str(data), "--community", SLUG) == 1
    out = capsys.readouterr().out
    assert "service（党组织服务群众经费）、dues（党费）" in out and "--fund" in out
    assert ledger.read_bytes() == before


def test_new_entry_in_a_new_year_carries_the_funds_and_balances_over(write_community, capsys):
    data = write_community()
    assert run("new", "entry", str(data), "--community", SLUG, "--date", "2027-01-05", "--fund", "dues") == 0
    capsys.readouterr()
    text = (data / "communities" / SLUG / "finances" / "2027.yml").read_text(encoding="utf-8")
    assert "funds:" in text and "- id: service" in text and "- id: dues" in text
    assert re.search(r'dues: "\d+\.\d\d"', text)
    assert 'voucher: "记-001"' in text
    capsys.readouterr()
    assert run("check", str(data)) == 0  # a 2027 date is only a warning on 2026-11-23


def test_new_community_is_complete_and_valid(tmp_path, capsys):
    data = tmp_path / "data"
    assert run("new", "community", "hepingli", str(data)) == 0
    capsys.readouterr()
    root = data / "communities" / "hepingli"
    assert (root / "community.yml").is_file() and (root / "finances" / "2026.yml").is_file()
    assert '"010-00000000"' in (root / "community.yml").read_text(encoding="utf-8")
    check_passes(data, capsys)
    for kind, extra in [("activity", []), ("notice", []), ("commitment", []), ("member", []),
                        ("entry", ["--fund", "service"])]:
        assert run("new", kind, str(data), *extra) == 0  # the only community: no --community needed
    check_passes(data, capsys)


def test_new_community_refuses_a_bad_or_taken_name(write_community, capsys):
    data = write_community()
    assert run("new", "community", "He Ping", str(data)) == 1
    assert "小写英文字母" in capsys.readouterr().out
    assert run("new", "community", SLUG, str(data)) == 1
    assert "已经存在" in capsys.readouterr().out


def test_new_names_the_communities_when_it_cannot_tell(write_community, capsys):
    write_community(slug="other")
    data = write_community()
    with pytest.raises(SystemExit) as exit_:
        run("new", "activity", str(data))
    assert exit_.value.code == 2
    assert "other、xiaoyuan" in capsys.readouterr().out


# --- the splice itself ---------------------------------------------------------------------------

ITEM = [["id: x", 'title: "新"']]


def test_append_after_a_block_scalar_keeps_the_comments_that_follow():
    text = "# 头\nactivities:\n  - id: a\n    summary: |\n      一行\n\n  # 二季度\nother: 1\n"
    result = append_items(text, "activities", ITEM)
    assert result.text == ("# 头\nactivities:\n  - id: a\n    summary: |\n      一行\n  - id: x\n"
                           '    title: "新"\n\n  # 二季度\nother: 1\n')
    assert result.line == 6


def test_append_to_an_empty_flow_list_keeps_its_comment():
    result = append_items("notices: []  # 还没有\n", "notices", ITEM)
    assert result.text == 'notices: # 还没有\n  - id: x\n    title: "新"\n'


def test_append_follows_the_file_indentation_and_line_ends():
    result = append_items("activities:\r\n- id: a\r\n", "activities", ITEM)
    assert result.text == 'activities:\r\n- id: a\r\n- id: x\r\n  title: "新"\r\n'


def test_append_adds_a_missing_list_at_the_end():
    result = append_items("funds:\n  - id: s\n", "entries", ITEM)
    assert result.text.endswith('\nentries:\n  - id: x\n    title: "新"\n')


@pytest.mark.parametrize("text", ["activities: [a]\n", "activities: 文字\n", "activities:\n\t- a\n"])
def test_append_refuses_what_it_cannot_do_safely(text):
    with pytest.raises(CannotAppend):
        append_items(text, "activities", ITEM)


def test_ids_follow_the_communitys_own_pattern():
    from datetime import date

    from generator.clerk.new import activity_id, member_id, next_voucher, yearly_id

    on = date(2026, 3, 5)
    assert activity_id(["a2026-0110"], on) == "a2026-0305"
    assert activity_id(["a2026-0305", "a2026-0305-2"], on) == "a2026-0305-3"
    assert activity_id(["hd2026-0110-1", "hd2026-0110-2"], on) == "hd2026-0305-1"
    assert yearly_id(["n2025-07", "n2026-01", "n2026-02"], 2026, "n") == "n2026-03"
    assert yearly_id(["c2026-009"], 2026, "c") == "c2026-010"
    assert yearly_id(["c2025-003"], 2026, "c") == "c2026-001"
    assert member_id(["m0009", "m0010"]) == "m0011"
    assert next_voucher(["记-001", "记-009"]) == "记-010"
    assert next_voucher([]) == "记-001"


def test_template_text_left_in_a_record_is_a_warning(write_community):
    data = write_community()
    activities = data / "communities/xiaoyuan/activities/2026.yml"
    activities.write_text(activities.read_text(encoding="utf-8").replace(
        "title: 学雷锋义诊", "title: （请填写标题）"), encoding="utf-8")
    from generator.checks import load_and_check
    from tests.conftest import TODAY
    _, problems = load_and_check(data, None, TODAY)
    found = [(p.code, p.severity) for p in problems if p.code == "placeholder-left"]
    assert found == [("placeholder-left", "warning")]
