"""`dangwu new grid` and `dangwu new service`: the file is created with its header, each record gets
the next id, and `dangwu check` passes with the template text only warned about."""
from __future__ import annotations

from generator.cli import main
from tests.conftest import TODAY


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_new_grid_creates_grids_yml_and_numbers_the_grids(write_community, capsys):
    data = write_community()
    for _ in range(2):
        assert run("new", "grid", str(data), "--community", "xiaoyuan") == 0
    text = (data / "communities" / "xiaoyuan" / "grids.yml").read_text(encoding="utf-8")
    assert text.startswith("# 网格：定格、定人、定责") and "不登记住户" in text
    assert "- id: g1" in text and "- id: g2" in text
    capsys.readouterr()
    assert run("check", str(data)) == 0
    assert "placeholder-left" in capsys.readouterr().out


def test_new_service_names_a_reporting_member_and_one_decimal_hours(write_community, capsys):
    data = write_community()
    assert run("new", "service", str(data), "--community", "xiaoyuan", "--date", "2026-11-21") == 0
    text = (data / "communities" / "xiaoyuan" / "service" / "2026.yml").read_text(encoding="utf-8")
    assert "- id: s2026-01" in text and "member: m004" in text and 'hours: "1.0"' in text
    capsys.readouterr()
    assert run("check", str(data)) == 0
    assert "placeholder-left" in capsys.readouterr().out


def test_new_service_needs_a_reporting_member_first(write_community, capsys):
    members = write_community() / "communities" / "xiaoyuan" / "members.yml"
    members.write_text(members.read_text(encoding="utf-8").replace("category: 在职报到", "category: 在册"),
                       encoding="utf-8")
    assert run("new", "service", str(members.parents[2]), "--community", "xiaoyuan") != 0
    assert "还没有在职报到的党员" in capsys.readouterr().out
