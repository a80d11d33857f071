"""The organisation and activity views the pages are drawn from."""

from generator.load.dataset import load_community
from generator.views.activities import by_month, year_activities
from generator.views.organization import shown_units, unit_names, unit_of_owner, unit_tree
from tests.conftest import edited_tiny


def test_a_branch_counts_the_members_of_its_party_groups(tmp_path):
    root = edited_tiny(
        tmp_path,
        ("organization.yml", "posts:", "  - id: xz1\n    name: 第一党小组\n    kind: 党小组\n    parent: zb\nposts:"),
        ("members.yml", "  - id: m003\n    name: 李秀英\n    unit: zb", "  - id: m003\n    name: 李秀英\n    unit: xz1"),
    )
    community, problems = load_community(root)
    assert not problems
    counts = {node.unit.id: (node.depth, node.members) for node in unit_tree(community, "public")}
    assert counts == {"zb": (0, 4), "xz1": (1, 1)}


def test_activities_are_newest_first_within_each_month(tmp_path):
    community, _ = load_community(edited_tiny(tmp_path))
    months = by_month(year_activities(community, 2026, "members"))
    assert [m for m, _ in months] == sorted({m for m, _ in months}, reverse=True)
    for _, items in months:
        assert [a.date for a in items] == sorted((a.date for a in items), reverse=True)


def test_a_members_only_party_group_is_folded_into_its_branch(tmp_path):
    root = edited_tiny(
        tmp_path,
        ("organization.yml", "posts:", "  - id: xz1\n    name: 党内小组\n    kind: 党小组\n    parent: zb\n"
                                       "    audience: members\n  - id: xz2\n    name: 第二党小组\n    kind: 党小组\n"
                                       "    parent: xz1\nposts:"),
        ("members.yml", "  - id: m003\n    name: 李秀英\n    unit: zb", "  - id: m003\n    name: 李秀英\n    unit: xz1"),
    )
    community, _ = load_community(root)
    public = {node.unit.id: (node.depth, node.members) for node in unit_tree(community, "public")}
    assert public == {"zb": (0, 4), "xz2": (1, 0)}  # the same total as before; xz2 hangs below zb
    members = {node.unit.id: (node.depth, node.members) for node in unit_tree(community, "members")}
    assert members == {"zb": (0, 4), "xz1": (1, 1), "xz2": (2, 0)}
    assert shown_units(community, "public") == {"zb": "zb", "xz1": "zb", "xz2": "xz2"}
    units = unit_names(community, "public")
    assert "xz1" not in units and units.get("xz1", "xz1") == "小园社区党支部"
    assert unit_of_owner(community, "m003", "public") == "zb" and unit_of_owner(community, "m003") == "xz1"


def test_an_edited_roster_is_read_anew_not_kept_from_the_last_build(tmp_path):
    """The organisation views keep their answers per community (issue 11); a preview reloads
    the records at every edit and must show the edit, on the roster and as a commitment's owner."""
    from generator.views.organization import owner_name, roster
    from tests.conftest import replace_in

    root = edited_tiny(tmp_path)
    community, _ = load_community(root)
    assert "李秀英" in [m.name for m in roster(community, "members")]
    assert owner_name(community, "m003", lambda name: name, "members") == "李秀英"
    replace_in(root / "members.yml", "name: 李秀英", "name: 李新英")
    edited, _ = load_community(root)
    names = [m.name for m in roster(edited, "members")]
    assert "李新英" in names and "李秀英" not in names
    assert owner_name(edited, "m003", lambda name: name, "members") == "李新英"
