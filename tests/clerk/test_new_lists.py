"""`dangwu new need|resource|project`: each list of lists/<year>.yml gets its record, the file
is created with its header, and `dangwu check` passes (placeholders are only warnings)."""
from __future__ import annotations

from generator.cli import main
from tests.conftest import TODAY


def run(*args) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_new_need_resource_and_project_fill_one_lists_file(write_community, capsys):
    data = write_community()
    for kind in ("project", "need", "resource", "project", "need"):
        code = run("new", kind, str(data), "--community", "xiaoyuan", "--date", "2026-11-23")
        if kind == "project" and code != 0:  # no need or resource yet: the clerk is told what to add first
            said = capsys.readouterr()
            assert "dangwu new need" in said.out + said.err
            continue
        assert code == 0
    text = (data / "communities" / "xiaoyuan" / "lists" / "2026.yml").read_text(encoding="utf-8")
    assert text.startswith("# 2026 年三张清单")
    assert "- id: n2026-01" in text and "- id: n2026-02" in text
    assert "- id: r2026-01" in text and "- id: p2026-01" in text
    assert "need: n2026-01" in text and "stages: [{stage: 认领, date: 2026-11-23}]" in text
    capsys.readouterr()
    assert run("check", str(data)) == 0
