"""The tiny fixture passes every rule on its build date, and every rule is registered."""
from datetime import date
from pathlib import Path

from generator.checks import RULES, cadence, catalog, commitments, ledger, load_and_check, notices

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


def test_the_tiny_community_is_clean_on_its_build_date():
    _, problems = load_and_check(TINY, None, date(2026, 11, 23))
    assert [p.as_text() for p in problems] == []


def test_every_rule_of_issue_4_runs_in_dangwu_check():
    for module in (ledger, commitments, notices, cadence, catalog):
        assert module.check in RULES
