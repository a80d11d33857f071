"""Every valid record, written out as YAML and read back strictly, is the same record."""
from __future__ import annotations

import shutil
import typing
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load.yamlfile import parse_text
from generator.records.activities import ActivitiesFile, Activity, ActivityKind, Attendance
from generator.records.finances import Entry, FinanceFile, Fund
from generator.records.members import Category, Member, MembersFile

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,11}", fullmatch=True)
# Any printable text a clerk might type (letters, digits, punctuation, symbols, spaces in any
# script, line breaks), including what YAML 1.1 would have turned into something else.
texts = st.one_of(
    st.sampled_from(["no", "off", "on", "yes", "1:30", "010020", "04711234567", "12.5", "null", "~", "- x", "#1"]),
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"], include_characters="\n"),
            min_size=1, max_size=40),
).filter(lambda s: s.strip())
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
amounts = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
audiences = st.sampled_from(["public", "members"])


def choices(literal) -> st.SearchStrategy:
    return st.sampled_from(typing.get_args(literal))


@st.composite
def entries(draw, fund: str) -> Entry:
    return Entry(
        date=draw(dates), fund=fund, amount=f"{draw(amounts):.2f}", category=draw(texts),
        summary=draw(texts), voucher=draw(texts), handler=draw(texts), approver=draw(texts),
        project=draw(st.none() | ids), audience=draw(st.none() | audiences),
    )


@st.composite
def finance_files(draw) -> FinanceFile:
    fund = draw(ids)
    return FinanceFile(
        funds=[Fund(id=fund, name=draw(texts))],
        opening={fund: f"{draw(amounts):.2f}"},
        entries=draw(st.lists(entries(fund), max_size=3)),
    )


@st.composite
def attendances(draw) -> Attendance:
    expected = draw(st.integers(0, 10_000))
    return Attendance(present=draw(st.integers(0, expected)), expected=expected)


@st.composite
def activity_files(draw) -> ActivitiesFile:
    activity = st.builds(
        Activity, id=ids, date=dates, kind=choices(ActivityKind), unit=ids, title=texts,
        location=st.none() | texts, attendance=st.none() | attendances(), partners=st.lists(ids, max_size=3),
        summary=st.none() | texts, photos=st.lists(texts, max_size=2), audience=audiences,
    )
    return ActivitiesFile(activities=draw(st.lists(activity, min_size=1, max_size=3)))


@st.composite
def members(draw) -> Member:
    category = draw(choices(Category))
    workplace = draw(texts) if category == "在职报到" else draw(st.none() | texts)
    return Member(
        id=draw(ids), name=draw(texts), unit=draw(ids), category=category,
        joined=draw(st.none() | st.integers(1900, 2099)), posts=draw(st.lists(ids, max_size=3)),
        workplace=workplace, points=draw(st.none() | texts), audience=draw(audiences),
    )


def as_yaml(record, flow: bool) -> str:
    """The record as a clerk's file: optional fields left out, amounts and dates as text."""
    data = record.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)


def read_back(text: str, model):
    loaded, problems = parse_text(text, "f.yml")
    assert problems == [], text
    return model.model_validate(loaded.data)


@settings(max_examples=60, deadline=None)
@given(finance_files(), st.booleans())
def test_a_ledger_round_trips(ledger, flow):
    text = as_yaml(ledger, flow)
    assert read_back(text, FinanceFile) == ledger


@settings(max_examples=60, deadline=None)
@given(activity_files(), st.booleans())
def test_activities_round_trip(activities, flow):
    assert read_back(as_yaml(activities, flow), ActivitiesFile) == activities


@settings(max_examples=60, deadline=None)
@given(st.lists(members(), min_size=1, max_size=3), st.booleans())
def test_a_roster_round_trips(roster, flow):
    file = MembersFile(members=roster)
    assert read_back(as_yaml(file, flow), MembersFile) == file


def test_amounts_are_written_as_quoted_text():
    # The dump a round trip relies on: amounts stay strings, so the strict loader accepts them.
    ledger = FinanceFile(funds=[Fund(id="s", name="经费")], opening={"s": "12.50"})
    assert "s: '12.50'" in as_yaml(ledger, flow=False)


# --- every sample ledger through Excel and back ------------------------------------------------

SAMPLES = Path(__file__).resolve().parents[2] / "data"
TODAY = date(2026, 11, 23)


def without_sections(text: str, *keys: str) -> str:
    """The YAML text with the named top-level sections (key line and everything under it) left out."""
    kept, dropping = [], False
    for line in text.splitlines(keepends=True):
        if line[:1].strip() and not line.startswith("#"):
            dropping = line.split(":")[0] in keys
        if not dropping:
            kept.append(line)
    return "".join(kept)


def ledger_entries(root: Path, year: int) -> dict[str, list[dict]]:
    """Each fund's entries in ledger order (date, then file order), as plain data."""
    from generator.load.dataset import load_community
    from generator.views.ledger import fund_ledger

    community, problems = load_community(root)
    finance = community.finances[year]
    return {fund.id: [line.entry.model_dump() for line in fund_ledger(finance, fund, "members", year).lines]
            for fund in finance.funds}


@pytest.mark.parametrize("slug", sorted(p.name for p in (SAMPLES / "communities").iterdir()))
@pytest.mark.parametrize("year", [2025, 2026])
def test_every_sample_ledger_goes_to_excel_and_back_unchanged(slug, year, tmp_path, capsys):
    """Export a sample year, take its entries out of a copy, import every fund's sheet back: the same entries."""
    shutil.copytree(SAMPLES, tmp_path / "data")
    data = tmp_path / "data"
    root = data / "communities" / slug
    expected = ledger_entries(root, year)
    book = tmp_path / "账本.xlsx"
    assert main(["export", "finances", str(data), "--community", slug, "--year", str(year), "--out", str(book)]) == 0
    assert "已导出" in capsys.readouterr().out

    ledger = root / "finances" / f"{year}.yml"
    ledger.write_text(without_sections(ledger.read_text(encoding="utf-8"), "entries", "checks"), encoding="utf-8")
    for later in (root / "finances").glob("*.yml"):
        if int(later.stem) > year:
            later.unlink()  # its opening carries the closing just taken out
    names = {fund.id: fund.name for fund in load_community_funds(root, year)}
    for fund, name in names.items():
        code = main(["import", "finances", str(book), str(data), "--community", slug, "--fund", fund,
                     "--sheet", name, "--write", "--today", TODAY.isoformat()])
        out = capsys.readouterr().out
        assert code == 0, out
        assert f"已写入 {len(expected[fund])} 条" in out or not expected[fund]
    assert ledger_entries(root, year) == expected
    assert main(["check", str(data), "--community", slug, "--today", TODAY.isoformat()]) == 0


def load_community_funds(root: Path, year: int):
    from generator.load.dataset import load_community

    community, _ = load_community(root)
    return community.finances[year].funds
