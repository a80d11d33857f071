"""The 公开目录: last published per item, and a 定期 item overdue once a full period passes empty."""
from datetime import date

from generator.load.dataset import load_community
from generator.views.catalog import catalog_status
from tests.conftest import edited_tiny


def _community(tmp_path, *edits, catalog: str | None = None):
    root = edited_tiny(tmp_path, *edits)
    if catalog is not None:
        (root / "catalog.yml").write_text(catalog, encoding="utf-8")
    community, problems = load_community(root)
    assert not problems
    return community


def _by_name(community, today):
    return {state.item.name: state for state in catalog_status(community, today)}


JULY_ENTRY = ("finances/2026.yml", "  - date: 2026-07-01\n", "  - date: 2026-06-30\n")


def test_the_default_catalogue_when_a_community_keeps_none(tmp_path):
    states = _by_name(_community(tmp_path), date(2026, 11, 23))
    assert list(states) == ["组织概况", "班子分工", "党员名册", "年度承诺", "三会一课", "主题党日",
                            "发展党员公示", "服务群众经费", "党费收缴使用", "共驻共建", "监督渠道"]
    assert not any(state.overdue for state in states.values())
    assert states["党费收缴使用"].item.audience == "members"
    assert (states["服务群众经费"].last_published, states["服务群众经费"].due_by) == (date(2026, 7, 1), date(2026, 12, 31))
    assert states["发展党员公示"].last_published == date(2026, 3, 2)
    assert states["监督渠道"].last_published is None


def test_a_quarterly_item_is_overdue_the_day_after_its_quarter_passes_empty(tmp_path):
    community = _community(tmp_path, JULY_ENTRY)  # the last service entry is now dated in Q2
    on_time = _by_name(community, date(2026, 9, 30))["服务群众经费"]
    assert (on_time.overdue, on_time.due_by, on_time.last_published) == (False, date(2026, 9, 30), date(2026, 6, 30))
    late = _by_name(community, date(2026, 10, 1))["服务群众经费"]
    assert (late.overdue, late.due_by, late.missed.label) == (True, date(2026, 9, 30), "2026年第3季度")


def test_members_only_records_do_not_keep_a_public_item_up_to_date(tmp_path):
    members_only = ("finances/2026.yml", "    voucher: 记-004\n", "    voucher: 记-004\n    audience: members\n")
    states = _by_name(_community(tmp_path, members_only), date(2026, 10, 1))
    assert states["服务群众经费"].overdue
    assert states["服务群众经费"].last_published == date(2026, 3, 5)


def test_periods_before_the_first_year_of_records_are_not_judged(tmp_path):
    community = _community(tmp_path)
    assert not _by_name(community, date(2026, 11, 23))["党费收缴使用"].overdue  # 2025 is before the records
    assert not _by_name(community, date(2027, 1, 2))["党费收缴使用"].overdue  # 2026 has the Q1 dues
    assert _by_name(community, date(2028, 1, 2))["党费收缴使用"].overdue  # 2027: nothing


CATALOG = """\
items:
  - id: zwh
    name: 支委会
    rhythm: 定期
    period: month
    source: activities
    kinds: [支委会]
    audience: members
  - id: fee
    name: 党费
    rhythm: 定期
    period: halfyear
    source: finances
    kinds: [dues]
    audience: members
"""


def test_a_communitys_own_catalogue_replaces_the_default(tmp_path):
    community = _community(tmp_path, catalog=CATALOG)
    states = catalog_status(community, date(2026, 11, 23))
    assert [(s.item.name, s.last_published, s.overdue) for s in states] == [
        ("支委会", date(2026, 10, 15), False), ("党费", date(2026, 3, 31), False)]
    assert states[0].due_by == date(2026, 11, 30)
    assert catalog_status(community, date(2026, 12, 1))[0].overdue  # nothing in November
