"""`dangwu new deliberation`: the year's file is created with its header, each record gets the
next id, and `dangwu check` passes (the placeholder topic is only a warning)."""
from __future__ import annotations

from generator.cli import main
from tests.conftest import TODAY


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_new_deliberation_creates_the_file_and_numbers_the_records(write_community, capsys):
    data = write_community()
    for day in ("2026-11-17", "2026-11-20"):
        assert run("new", "deliberation", str(data), "--community", "xiaoyuan", "--date", day) == 0
    text = (data / "communities" / "xiaoyuan" / "deliberations" / "2026.yml").read_text(encoding="utf-8")
    assert text.startswith("# 2026 年议事")
    assert "- id: d2026-01" in text and "- id: d2026-02" in text
    assert "participants: [{group: 党员代表, count: 0}, {group: 居民代表, count: 0}]" in text
    capsys.readouterr()
    assert run("check", str(data)) == 0
    assert "placeholder-left" in capsys.readouterr().out
