"""Issue 11: every commitments and finances page of a 10× community stays under 150 KB, keeps
every record's anchor, and still shows every figure exactly.

A community ten times the large sample is generated with bench/synth.py (as the benchmark does)
and its commitments and finances pages rendered for the public site. A page's HTML is its
Markdown (raw HTML blocks, passed through) inside Material's frame, measured at ~17 KB on these
pages; FRAME leaves room above that. Building the whole site takes minutes, so the pages are
rendered, not built; tests/browser/test_browser_commitments_split.py builds a small split year.
"""
from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import yaml

from bench import synth
from generator.load.dataset import load_community
from generator.privacy.audience import visible
from generator.render.pages import commitments, finances
from generator.render.pages.context import PageContext
from generator.views import commitments as view
from generator.views.ledger import year_ledgers

LIMIT = 150 * 1024
FRAME = 24 * 1024  # Material's header, navigation and footer around the content
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(community, its public commitments and finances pages) of a generated 10× community."""
    root = tmp_path_factory.mktemp("big")
    folder = synth.generate(root, "big10", synth.scaled(synth.LARGE, 10), 1)
    for kind in ("activities", "notices"):  # not read by these pages; the slowest files to load
        shutil.rmtree(folder / kind)
    community, problems = load_community(folder)
    assert [p for p in problems if p.severity == "error"] == []
    ctx = PageContext(community, TODAY, "public")
    return community, {**commitments.pages(ctx), **finances.pages(ctx)}


def test_every_commitments_and_finances_page_fits_in_150_kb(big):
    _, pages = big
    assert {"commitments/2025.md", "finances/2025.md"} <= set(pages)
    sizes = {path: len(text.encode("utf-8")) + FRAME for path, text in pages.items()}
    assert {path: size for path, size in sizes.items() if size > LIMIT} == {}
    # the years are split (the test measures the split pages, not one page of everything)
    assert sum(path.startswith("commitments/2025/") for path in pages) > 10


def test_every_commitment_keeps_its_anchor_and_its_record_on_a_unit_page(big):
    community, pages = big
    for year, yearfile in community.commitments.items():
        assert view.is_split(community, year)
        index = pages[f"commitments/{year}.md"]
        shown = visible(yearfile.commitments, "public")
        assert len(shown) > view.SPLIT_ABOVE
        for c in shown:
            # the old address commitments/<year>/#<id> lands on a line that links to the record
            line = re.search(rf'<li id="{c.id}" data-status="[^"]+"><a href="([\w-]+)/#{c.id}">([^<]*)</a>', index)
            assert line, c.id
            assert unescape(line.group(2)) == c.title
            record = pages[f"commitments/{year}/{line.group(1)}.md"]
            assert record.count(f'id="{c.id}"') == 1
            assert re.search(rf'data-ids="[^"]*\b{c.id}\b[^"]*">', index)  # the forwarding link
            for review in c.reviews:
                assert f"{review.stage}：{review.status}，进度 {review.progress}%" in record


def test_a_split_year_keeps_the_roll_up_the_unit_table_and_the_overdue_counts(big):
    community, pages = big
    index = pages["commitments/2025.md"]
    shown = visible(community.commitments[2025].commitments, "public")
    overdue = [c for c in shown if commitments.commitment_state(c, TODAY).status == "已逾期"]
    assert re.search(rf'<span class="dw-figure__value">{len(shown)}</span><span class="dw-figure__label">项承诺',
                     index)
    assert re.search(rf'<span class="dw-figure__value">{len(overdue)}</span><span class="dw-figure__label">'
                     r'<span class="dw-status dw-status--overdue">已逾期', index)
    assert index.count('dw-status--overdue">已逾期</span> ') == len(overdue)  # one line each
    assert '<td data-label="组织" class="dw-wrap"><a href="zb1/">第一党支部</a></td>' in index
    assert "年初列清单、年中查清单、年底述清单" in pages["commitments/index.md"]


def _money(text: str) -> Decimal:
    return Decimal(text.replace("¥", "").replace(",", "")) if text else Decimal("0.00")


def test_the_ledger_rows_add_up_to_the_printed_totals_and_balances(big):
    community, pages = big
    for year in community.finances:
        page = pages[f"finances/{year}.md"]
        for ledger in year_ledgers(community.finances, year, "public"):
            start = page.index(f'<h2 id="{ledger.fund.id}">')
            table = page[page.index('<table class="dw-table dw-ledger', start):]
            table = table[:table.index("</table>")]
            rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(<td>.*?)</tr>", table)]
            assert all(len(cells) == 8 for cells in rows)
            opening, lines = rows[0], rows[1:]
            assert opening[1] == "年初余额" and _money(opening[5]) == ledger.opening
            assert len(lines) == len(ledger.lines) and len(lines) > 50
            income = sum((_money(cells[3]) for cells in lines), Decimal("0.00"))
            spending = sum((_money(cells[4]) for cells in lines), Decimal("0.00"))
            assert (income, spending) == (ledger.income, ledger.spending)
            assert _money(lines[-1][5]) == ledger.opening + income - spending == ledger.closing
            for line in ledger.lines:
                assert page.count(f'<tr id="f{year}-{line.index}">') == 1


def test_the_samples_keep_one_commitments_page_a_year():
    files = list((Path(__file__).resolve().parents[2] / "data" / "communities").glob("*/commitments/*.yml"))
    assert len(files) >= 6
    busiest = max(len(yaml.safe_load(f.read_text(encoding="utf-8"))["commitments"]) for f in files)
    assert busiest <= view.SPLIT_ABOVE
