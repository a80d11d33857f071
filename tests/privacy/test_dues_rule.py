"""The 党费 rule gives one answer everywhere: a fund that declares no audience is members-only
when its name holds 党费, and then no public output shows it — pages, open data, kiosk, print
sheets, the 更新记录 diff — while the members' outputs all do. The rule lives only in
privacy.audience; these tests fail if an output decides it on its own again."""
from __future__ import annotations

import shutil

import pytest

from generator.load.dataset import load_community
from generator.privacy.audience import fund_audience, shows_entry, shows_fund, shows_stored, stored_fund_audiences
from generator.records.finances import FinanceFile
from generator.render.kiosk.page import render_page
from generator.render.opendata import download_files
from generator.render.pages.context import PageContext
from generator.render.pages.site import render_site
from generator.render.printing import render as printing
from generator.render.printing.sheets import sheets
from generator.views.ledger import fund_ledgers
from tests.conftest import TINY, TODAY

FUND, ENTRY = "QZXfund", "QZXentry"  # planted in the tiny community's 党费 fund and its entry

NAMES = ["党费", "2026年党费", "服务群众经费", "共建经费"]
DECLARED = [None, "public", "members"]


def _finance_file(name: str, declared: str | None) -> tuple[FinanceFile, dict]:
    """One fund with one entry, as a typed record and as the plain dict an earlier version holds."""
    fund = {"id": "f", "name": name, **({"audience": declared} if declared else {})}
    data = {"funds": [fund], "opening": {"f": "0.00"},
            "entries": [{"date": "2026-01-05", "fund": "f", "amount": "10.00", "category": "收缴",
                         "summary": "摘要", "voucher": "记-1", "handler": "陈志远", "approver": "周玉兰"}]}
    return FinanceFile.model_validate(data), data


@pytest.mark.parametrize("audience", ["public", "members"])
@pytest.mark.parametrize("declared", DECLARED)
@pytest.mark.parametrize("name", NAMES)
def test_typed_and_stored_records_get_the_same_answer(name, declared, audience):
    typed, stored = _finance_file(name, declared)
    fund, entry = typed.funds[0], typed.entries[0]
    expected = audience == "members" or (declared or ("members" if "党费" in name else "public")) == "public"
    assert shows_fund(fund, audience) is expected
    assert shows_entry(entry, fund, audience) is expected
    assert [ledger.fund.id for ledger in fund_ledgers(typed, audience)] == (["f"] if expected else [])
    default = stored_fund_audiences(stored)["f"]
    assert default == fund_audience(name, declared)
    assert shows_stored(stored["entries"][0], audience, default) is expected


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every output's text for each audience, rendered from the tiny community without MkDocs."""
    data = tmp_path_factory.mktemp("dues") / "data"
    shutil.copytree(TINY, data)
    path = data / "communities" / "xiaoyuan" / "finances" / "2026.yml"
    text = path.read_text(encoding="utf-8")
    assert "name: 党费\n" in text and "summary: 一季度党费\n" in text
    path.write_text(text.replace("name: 党费\n", f"name: 党费{FUND}\n")
                    .replace("summary: 一季度党费\n", f"summary: 一季度党费{ENTRY}\n"), encoding="utf-8")
    community, problems = load_community(data / "communities" / "xiaoyuan")
    assert not problems
    found = {}
    for audience in ("public", "members"):
        ctx = PageContext(community, TODAY, audience)
        found[audience] = {
            "pages": "\n".join(render_site(ctx).values()),
            "open data": "\n".join(d.make().decode("utf-8", "replace") for d in download_files(ctx)),
            "kiosk": render_page(ctx),
            "print sheets": "\n".join(printing.render_sheet(ctx, sheet) for sheet in sheets(ctx)),
        }
    return found


@pytest.mark.parametrize("output", ["pages", "open data", "kiosk", "print sheets"])
def test_a_dues_fund_reaches_no_public_output(outputs, output):
    for marker in (FUND, ENTRY):
        assert marker not in outputs["public"][output], (output, marker)
    assert FUND in outputs["members"][output]  # rendered there: the public absence means something
