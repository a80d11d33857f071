"""dangwu check: ledgers reconcile with their declared balances, and one year opens where the last closed."""
import shutil
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"
TODAY = date(2026, 11, 23)


def _data(tmp_path, *edits):
    shutil.copytree(TINY, tmp_path / "data")
    root = tmp_path / "data" / "communities" / "xiaoyuan"
    for name, old, new in edits:
        path = root / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path / "data"


def _found(data, code, today=TODAY):
    _, problems = load_and_check(data, None, today)
    return [p for p in problems if p.code == code]


def test_a_declared_balance_off_by_one_fen_is_an_error_at_its_line(tmp_path):
    data = _data(tmp_path, ("finances/2026.yml", 'balance: "14649.50"', 'balance: "14649.51"'))
    [problem] = _found(data, "ledger-check-mismatch")
    assert (problem.severity, problem.file.endswith("finances/2026.yml"), problem.line) == ("error", True, 43)
    assert problem.message() == (
        "2026-03-31 核对的“党组织服务群众经费”账面余额写的是 ¥14,649.51，按年初余额和收支明细算到这一天是 "
        "¥14,649.50，核对余额多 ¥0.01：请核对这一天及以前的每笔明细，或改正核对余额。")
    assert "(a difference of ¥0.01)" in problem.message("en")


def test_the_check_counts_the_entries_of_its_own_day_and_none_after(tmp_path):
    data = _data(tmp_path, ("finances/2026.yml", 'balance: "14649.50"', 'balance: "14649.49"'))
    [problem] = _found(data, "ledger-check-mismatch")
    assert "核对余额少 ¥0.01" in problem.message()
    assert _found(_data(tmp_path / "ok"), "ledger-check-mismatch") == []


OPENING_2027 = """\
funds:
  - id: service
    name: 党组织服务群众经费
  - id: dues
    name: 党费
opening:
  service: "13849.50"
  dues: "1560.00"
"""


def test_a_year_opens_with_the_previous_years_closing_balance(tmp_path):
    data = _data(tmp_path, ("finances/2027.yml", "", OPENING_2027))
    assert _found(data, "ledger-carryover") == []


def test_a_year_whose_opening_differs_from_the_last_closing_is_an_error(tmp_path):
    wrong = OPENING_2027.replace('service: "13849.50"', 'service: "13849.00"')
    data = _data(tmp_path, ("finances/2027.yml", "", wrong))
    [problem] = _found(data, "ledger-carryover")
    assert (problem.severity, problem.file.endswith("finances/2027.yml"), problem.line) == ("error", True, 7)
    assert problem.message() == (
        "“党组织服务群众经费”2027 年的年初余额是 ¥13,849.00，但 2026 年的年末结余是 ¥13,849.50，相差 ¥0.50："
        "上一年的年末结余应等于这一年的年初余额，请核对两年的账。")


def test_a_fund_left_out_of_the_next_years_opening_is_an_error(tmp_path):
    missing = OPENING_2027.replace('  dues: "1560.00"\n', "")
    [problem] = _found(_data(tmp_path, ("finances/2027.yml", "", missing)), "ledger-carryover")
    assert "“党费”2027 年的年初余额是 ¥0.00" in problem.message()
