"""Where each need stands, the working days it took, and what each partner contributed."""
from pathlib import Path
from types import SimpleNamespace

import yaml

from generator.records.lists import ListsFile
from generator.records.partners import PartnersFile
from generator.views.lists import (
    CLAIMED,
    DONE,
    OPEN,
    claimer_label,
    lists_view,
    need_state,
    open_wishes,
    partner_contributions,
)

LISTS = ListsFile.model_validate(yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "lists" / "2026.yml").read_text(encoding="utf-8")))
PARTNERS = PartnersFile.model_validate({"partners": [
    {"id": "pt-yy", "name": "示例区人民医院党委", "kind": "医院"},
    {"id": "pt-none", "name": "没有贡献的单位", "kind": "企业"}]})


def _community(members=None):
    return SimpleNamespace(lists={2026: LISTS}, partners=PARTNERS, members=members, organization=None)


def _states(view):
    return {n.id: s.state for n, s in view.needs}


def test_states_from_projects_and_claims():
    view = lists_view(_community(), "public")
    assert _states(view) == {"n2026-01": DONE, "n2026-02": DONE, "n2026-03": OPEN, "n2026-04": CLAIMED}
    assert view.counts() == {OPEN: 1, CLAIMED: 1, DONE: 2}


def test_members_site_shows_the_members_only_wish():
    assert _states(lists_view(_community(), "members"))["n2026-05"] == OPEN


def test_working_days_from_raised_to_done_count_both_days():
    view = lists_view(_community(), "public")
    states = {n.id: s for n, s in view.needs}
    # 2026-03-02 (Mon) to 2026-03-06 (Fri): five working days; 04-01 to 04-10: Qingming 04-06 off → 7.
    assert states["n2026-01"].workdays == 5
    assert states["n2026-02"].workdays == 7
    assert view.average_workdays() == 6


def test_a_need_with_a_project_not_yet_claimed_is_claimed_when_listed():
    need = LISTS.needs[3]
    assert need_state(need, []).state == OPEN
    assert need_state(need, list(LISTS.projects)).label == "已认领"


def test_open_wishes_and_partner_contributions():
    view = lists_view(_community(), "public")
    assert [n.id for n in open_wishes(view)] == ["n2026-03"]
    [row] = partner_contributions(_community(), view, "public")
    assert (row.partner.id, len(row.resources), [p.id for p in row.projects], row.wishes) == (
        "pt-yy", 1, ["p2026-02"], [])


def test_claimer_is_a_partner_name_or_a_member_as_the_site_names_them():
    members = SimpleNamespace(members=[SimpleNamespace(id="m004", name="王海涛", audience="public")])
    community = _community(members)
    assert claimer_label(community, "pt-yy", str, "public") == "示例区人民医院党委"
    assert claimer_label(community, "m004", lambda name: "王*涛", "public") == "党员 王*涛"
    hidden = _community(SimpleNamespace(members=[SimpleNamespace(id="m004", name="王海涛", audience="members")]))
    assert claimer_label(hidden, "m004", str, "public") == "党员"


def test_history_names_changes_of_the_lists_in_chinese():
    from generator.views.history import ADDED, CHANGED, diff_file

    old = {"needs": [{"id": "n2026-01", "title": "楼道灯损坏", "raised": "2026-03-02", "raised_by": "1号楼居民"}],
           "projects": []}
    new = {"needs": [{"id": "n2026-01", "title": "楼道灯损坏需维修", "raised": "2026-03-02", "raised_by": "1号楼居民"}],
           "projects": [{"id": "p2026-01", "title": "楼道灯更换", "need": "n2026-01", "resource": "r2026-01",
                         "owner": "zb"}]}
    changes = diff_file("lists/2026.yml", old, new, "public")
    assert [(c.action, c.what, c.title) for c in changes] == [
        (CHANGED, "需求", "楼道灯损坏需维修"), (ADDED, "清单项目", "楼道灯更换")]
    assert changes[0].fields[0].label == "需求内容"


def test_the_default_catalogue_lists_the_lists_quarterly_only_where_they_are_kept():
    from datetime import date

    from generator.load.dataset import load_community
    from generator.views.catalog import catalog_status

    samples = Path(__file__).parents[2] / "data" / "communities"
    kept, _ = load_community(samples / "hepingli")
    [item] = [s for s in catalog_status(kept, date(2026, 11, 23)) if s.item.source == "lists"]
    assert (item.item.period, item.item.note, item.overdue) == ("quarter", "年初公布、季度更新", False)
    assert item.last_published == date(2026, 11, 10)
    none, _ = load_community(samples / "liushu")
    assert not [s for s in catalog_status(none, date(2026, 11, 23)) if s.item.source == "lists"]
