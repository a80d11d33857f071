"""`dangwu new duty`: the year's rota file is created with its header, each duty gets the next id,
names a post and the office phone, and `dangwu check` passes (the placeholder place only warns)."""
from __future__ import annotations

from generator.cli import main
from tests.conftest import TODAY


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_new_duty_creates_the_rota_and_numbers_the_duties(write_community, capsys):
    data = write_community()
    for day in ("2026-11-24", "2026-11-25"):
        assert run("new", "duty", str(data), "--community", "xiaoyuan", "--date", day) == 0
    text = (data / "communities" / "xiaoyuan" / "rota" / "2026.yml").read_text(encoding="utf-8")
    assert text.startswith("# 2026 年值班表")
    assert "- id: z2026-01" in text and "- id: z2026-02" in text
    assert "posts: [p-xunluo]" in text and 'phone: "010-62001234"' in text  # the office, not the supervision phone
    assert 'start: "9:00"' in text and "date: 2026-11-25" in text
    capsys.readouterr()
    assert run("check", str(data)) == 0
    assert "placeholder-left" in capsys.readouterr().out
