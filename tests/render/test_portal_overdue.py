"""One meaning of 逾期: the street portal counts overdue commitments exactly as the community's
commitment pages do (views.commitments), and names a catalogue item behind its rhythm 待更新 as
公开目录 does, never "没有逾期事项" while a community page shows an overdue commitment."""
from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main
from tests.conftest import TODAY, edited_tiny


def build(data: Path, out: Path) -> None:
    assert main(["build", str(data), "--out", str(out), "--today", TODAY.isoformat()]) == 0


def overdue_on_commitment_page(site: Path) -> int:
    html = (site / "xiaoyuan" / "commitments" / "2026" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'dw-figure__value">(\d+)</span><span class="dw-figure__label">'
                      r'<span class="dw-status dw-status--overdue">已逾期', html)
    assert found, "the commitment page shows no 已逾期 figure"
    return int(found.group(1))


def test_portal_counts_the_overdue_commitments_the_community_page_shows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = edited_tiny(tmp_path, ("commitments/2026.yml", "due: 2026-12-31", "due: 2026-10-31"))
    out = tmp_path / "site"
    build(root.parents[1], out)
    portal = (out / "index.html").read_text(encoding="utf-8")
    assert overdue_on_commitment_page(out) == 1
    assert "2026年承诺已逾期 1 项" in portal
    assert "没有逾期" not in portal


def test_portal_says_no_overdue_commitments_when_the_pages_show_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = edited_tiny(tmp_path)
    out = tmp_path / "site"
    build(root.parents[1], out)
    portal = (out / "index.html").read_text(encoding="utf-8")
    assert overdue_on_commitment_page(out) == 0
    assert "2026年承诺没有逾期" in portal and "已逾期" not in portal
