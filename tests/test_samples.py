"""The sample communities under data/: valid, big enough to show every page, free of personal data,
and exactly what bench/synth.py writes (so they can be regenerated instead of hand-edited)."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import chinese_calendar
import pytest

from generator.load.dataset import load_community
from generator.privacy.audience import fund_audience

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = date(2026, 11, 23)
LAST_RECORD_DAY = date(2026, 11, 20)


def _load_synth():
    """bench/ is not an installed package: load the script by its path."""
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


@pytest.fixture(scope="module")
def communities():
    loaded = {}
    for slug in ("hepingli", "qingshuiyuan", "liushu"):
        community, problems = load_community(DATA / "communities" / slug)
        assert problems == [], [p.as_text() for p in problems]
        loaded[slug] = community
    return loaded


def _all(community, kind: str, attr: str) -> list:
    return [record for yearfile in getattr(community, kind).values() for record in getattr(yearfile, attr)]


def _branches(community) -> list:
    return [u for u in community.organization.units if u.kind == "党支部"]


def _open_notices(community) -> list:
    return [n for n in _all(community, "notices", "notices") if n.start <= TODAY <= n.end]


# ----------------------------------------------------------------------------- the check passes


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_every_sample_passes_a_strict_check(slug):
    # What a clerk sees on a sample: 检查通过, not warnings to wonder about.
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(DATA), "--community", slug, "--today", str(TODAY),
         "--strict"], capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "检查通过" in result.stderr


# ----------------------------------------------------------------------------- sizes


def test_large_sample_has_a_full_party_committee(communities):
    hepingli = communities["hepingli"]
    units = hepingli.organization.units
    top = [u for u in units if u.parent is None]
    assert [u.kind for u in top] == ["党委"]
    assert len(_branches(hepingli)) >= 6
    assert any(u.kind == "党小组" for u in units)
    assert top[0].committee and all(b.committee for b in _branches(hepingli))
    assert all(person.role and person.duties for u in units for person in u.committee)


def test_large_sample_roster_and_posts(communities):
    hepingli = communities["hepingli"]
    members = hepingli.members.members
    assert len(members) >= 150
    reporting = [m for m in members if m.category == "在职报到"]
    assert reporting and all(m.workplace for m in reporting)
    assert any(m.category == "流动" for m in members)
    posts = hepingli.organization.posts
    held = {p for m in members for p in m.posts}
    assert len(posts) >= 6 and {p.id for p in posts} <= held


def test_large_sample_activities_follow_three_meetings_one_lesson(communities):
    hepingli = communities["hepingli"]
    for year, yearfile in hepingli.activities.items():
        assert len(yearfile.activities) >= 120
        kinds = {a.kind for a in yearfile.activities}
        assert {"支委会", "党小组会", "支部党员大会", "党课", "主题党日", "志愿服务", "共建活动"} <= kinds
        last_month = 12 if year < 2026 else 11
        for branch in _branches(hepingli):
            months = {a.date.month for a in yearfile.activities if a.unit == branch.id and a.kind == "支委会"}
            assert months == set(range(1, last_month + 1)), (year, branch.id)


def test_large_sample_commitments_can_be_checked(communities):
    commitments = _all(communities["hepingli"], "commitments", "commitments")
    assert len(commitments) >= 40
    members = {m.id for m in communities["hepingli"].members.members}
    assert any(c.owner in members for c in commitments) and any(c.owner not in members for c in commitments)
    assert all(c.baseline and c.target for c in commitments)
    overdue = [c for c in commitments if c.due < TODAY and c.reviews[-1].status != "已完成"]
    assert overdue
    assert all({"年初", "年中"} <= {r.stage for r in c.reviews} for c in commitments)


def test_large_sample_ledgers_and_notices(communities):
    hepingli = communities["hepingli"]
    entries = _all(hepingli, "finances", "entries")
    assert len(entries) >= 150
    assert len({e.fund for e in entries}) == 3
    assert any(e.project for e in entries)
    funds = {f.id: f for ledger in hepingli.finances.values() for f in ledger.funds}
    assert [fund_audience(f.name, f.audience) for f in funds.values() if "党费" in f.name] == ["members"]
    assert len(_all(hepingli, "notices", "notices")) >= 15
    assert {n.kind for n in _all(hepingli, "notices", "notices")} >= {"发展党员公示", "换届选举", "民主评议", "表彰", "经费公示"}
    partners = hepingli.partners.partners
    assert len(partners) >= 5 and all(p.agreement for p in partners)


def test_medium_and_small_samples(communities):
    medium, small = communities["qingshuiyuan"], communities["liushu"]
    assert medium.info.organization.kind == "党总支"
    assert len(_branches(medium)) == 3
    assert 50 <= len(medium.members.members) <= 70
    assert small.info.organization.kind == "党支部"
    assert len(_branches(small)) == 1
    assert 15 <= len(small.members.members) <= 25
    for kind, attr in (("activities", "activities"), ("commitments", "commitments"),
                       ("finances", "entries"), ("notices", "notices")):
        assert _all(small, kind, attr), kind
    assert small.partners.partners


def test_all_three_belong_to_one_street(communities):
    streets = {(c.info.street, c.info.district) for c in communities.values()}
    assert len(streets) == 1


# ----------------------------------------------------------------------------- consistency


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_declared_balances_equal_running_balances_and_years_carry_over(communities, slug):
    years = communities[slug].finances
    assert sorted(years) == [2025, 2026]
    for ledger in years.values():
        assert ledger.checks
        for check in ledger.checks:
            running = ledger.opening[check.fund] + sum(
                (e.amount for e in ledger.entries if e.fund == check.fund and e.date <= check.date), Decimal(0))
            assert check.balance == running, (check.date, check.fund)
    for fund, opening in years[2026].opening.items():
        closing = years[2025].opening[fund] + sum(
            (e.amount for e in years[2025].entries if e.fund == fund), Decimal(0))
        assert opening == closing, fund


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_notices_last_a_week_with_five_working_days(communities, slug):
    for notice in _all(communities[slug], "notices", "notices"):
        days = [notice.start + timedelta(i) for i in range((notice.end - notice.start).days + 1)]
        assert len(days) >= 7, notice.id
        assert sum(chinese_calendar.is_workday(d) for d in days) >= 5, notice.id


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_open_notices_on_the_build_day_give_an_office_phone(communities, slug):
    community = communities[slug]
    info = community.info
    opened = _open_notices(community)
    assert 1 <= len(opened) <= 2
    assert all(n.contact in (info.office.phone, info.supervision.phone) for n in opened)


@pytest.mark.parametrize("slug", ["hepingli", "qingshuiyuan", "liushu"])
def test_nothing_recorded_after_the_last_record_day(communities, slug):
    community = communities[slug]
    dated = ([a.date for a in _all(community, "activities", "activities")]
             + [e.date for e in _all(community, "finances", "entries")]
             + [n.start for n in _all(community, "notices", "notices")]
             + [r.date for c in _all(community, "commitments", "commitments") for r in c.reviews])
    assert max(dated) <= LAST_RECORD_DAY


# ----------------------------------------------------------------------------- personal data


def _sample_files() -> list[Path]:
    files = sorted((DATA / "communities").rglob("*.yml"))
    assert len(files) >= 3 * 12
    return files


def test_no_mobile_numbers_or_id_like_runs_in_samples():
    for path in _sample_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"1[3-9]\d{9}", text), path
        assert not re.search(r"\d{16,}", text), path


def test_phones_are_quoted_office_landlines():
    for path in _sample_files():
        for phone in re.findall(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)", path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"010-6\d{7}", phone), (path, phone)


def test_money_is_quoted_with_two_decimals():
    for path in (DATA / "communities").rglob("finances/*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, value = line.strip().partition(": ")
            if key in ("amount", "balance", "budget", "service", "dues", "gongjian"):
                assert re.fullmatch(r'"-?\d+\.\d{2}"', value), (path, line)


# ----------------------------------------------------------------------------- the synthesiser


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synth_is_deterministic(tmp_path):
    first = synth.generate(tmp_path / "a", "demo", synth.MEDIUM, seed=7)
    second = synth.generate(tmp_path / "b", "demo", synth.MEDIUM, seed=7)
    other = synth.generate(tmp_path / "c", "demo", synth.MEDIUM, seed=8)
    assert _tree(first) == _tree(second)
    assert _tree(first) != _tree(other)


def test_committed_samples_are_what_synth_writes(tmp_path):
    for folder in synth.generate_samples(tmp_path):
        committed = DATA / "communities" / folder.name
        for name, content in _tree(folder).items():
            assert (committed / name).read_bytes() == content, f"{folder.name}/{name}: run python bench/synth.py data --samples"


def test_scaled_community_grows_and_still_passes_check(tmp_path):
    # The benchmark scales the large profile; the medium one keeps this test fast and works the same way.
    folder = synth.generate(tmp_path, "big", synth.scaled(synth.MEDIUM, 2), seed=3)
    community, problems = load_community(folder)
    assert problems == []
    assert len(community.members.members) == 2 * synth.MEDIUM["members"]
    assert len(_branches(community)) == 2 * synth.MEDIUM["branches"]
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(tmp_path), "--today", str(TODAY), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
