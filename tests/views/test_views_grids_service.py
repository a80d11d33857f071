"""网格 per building and 双报到 tallies: what each site shows, in which order, summed exactly."""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.load.dataset import load_community
from generator.views.catalog import catalog_items, item_state
from generator.views.grids import buildings, grid_cards, natural_key
from generator.views.history import ADDED, CHANGED, diff_file
from generator.views.history_text import Wording
from generator.views.service import service_years, year_service
from tests.conftest import TODAY
from tests.grids_service_fixture import files


@pytest.fixture
def community(write_community):
    community, problems = load_community(write_community(files()) / "communities" / "xiaoyuan")
    assert problems == []
    return community


def test_buildings_in_natural_order_with_their_grid_and_office_phone(community):
    rows = buildings(grid_cards(community, "public"))
    assert [(r.building, r.card.grid.id, r.card.phone) for r in rows] == [
        ("1号楼", "g1", "010-62001234"),  # no phone of its own: the community office's
        ("2号楼1-3单元", "g1", "010-62001234"),
        ("2号楼4-6单元", "g2", "010-62001236"),
        ("10号楼", "g2", "010-62001236"),
    ]


def test_contacts_carry_the_grid_posts_they_hold(community):
    first = grid_cards(community, "public")[0]
    assert first.posts == ("网格长", "治安巡逻岗")
    assert [(c.member.id, c.roles) for c in first.contacts] == [("m002", ("网格长",)), ("m003", ("治安巡逻岗",))]


def test_a_members_only_grid_is_only_on_the_members_site(community):
    assert [c.grid.id for c in grid_cards(community, "public")] == ["g1", "g2"]
    assert [c.grid.id for c in grid_cards(community, "members")] == ["g1", "g2", "g3"]


def test_natural_key_reads_numbers_as_numbers():
    assert sorted(["10号楼", "2号楼", "1号楼"], key=natural_key) == ["1号楼", "2号楼", "10号楼"]


def test_tallies_follow_the_roster_not_the_hours(community):
    year = year_service(community, 2026, "public")
    # m005 served more hours than m004 but registered later: the roster's order, never a ranking.
    assert [(t.member.id, t.times, t.hours) for t in year.tallies] == [
        ("m004", 1, Decimal("1.0")), ("m005", 2, Decimal("6.0"))]
    assert (year.people, year.times, year.hours) == (2, 3, Decimal("7.0"))
    assert str(year.hours) == "7.0"  # exact, one decimal: no float ever


def test_the_latest_workplace_an_entry_names_wins(community):
    tallies = {t.member.id: t.workplace for t in year_service(community, 2026, "public").tallies}
    assert tallies == {"m004": "示例区人民医院", "m005": "示例区教育局"}


def test_members_only_service_counts_on_the_members_site_only(community):
    members = year_service(community, 2026, "members")
    assert (members.times, members.hours) == (4, Decimal("7.5"))
    assert [y.year for y in service_years(community, "public")] == [2026]


def test_the_default_catalogue_lists_grids_and_service_only_where_they_are_kept(community, write_community):
    assert {"wangge", "shuangbaodao"} <= {i.id for i in catalog_items(community)}
    plain, _ = load_community(write_community(slug="plain") / "communities" / "plain")  # the tiny one as it is
    assert not {"wangge", "shuangbaodao"} & {i.id for i in catalog_items(plain)}


def test_service_is_due_every_quarter(community):
    item = next(i for i in catalog_items(community) if i.id == "shuangbaodao")
    state = item_state(community, item, TODAY)
    # Public entries stop in June: the third quarter has none (the July one is members-only).
    assert state.overdue and state.missed.label and state.last_published.isoformat() == "2026-06-20"


def test_the_history_names_grid_and_service_changes_in_chinese():
    old = {"grids": [{"id": "g1", "name": "第一网格", "area": ["1号楼"]}]}
    new = {"grids": [{"id": "g1", "name": "第一网格", "area": ["1号楼", "2号楼"]}]}
    (change,) = diff_file("grids.yml", old, new, "public")
    assert change.action == CHANGED and Wording().line(change).startswith("修改网格“第一网格”")
    entry = {"id": "s2026-01", "member": "m005", "date": "2026-03-07", "hours": "2.5", "what": "测量血压"}
    (added,) = diff_file("service/2026.yml", {"services": []}, {"services": [entry]}, "public")
    assert added.action == ADDED and Wording().line(added).startswith("新增双报到服务 2026年3月7日“测量血压”")
    hidden = {"services": [{**entry, "audience": "members"}]}
    assert diff_file("service/2026.yml", {"services": []}, hidden, "public") == []
