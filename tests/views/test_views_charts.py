"""Charts are static SVG: labelled in Chinese, escaped, no script, nothing from another origin."""
import xml.etree.ElementTree as ET
from decimal import Decimal

from generator.records.finances import FinanceFile
from generator.views.charts import balance_svg, spending_by_category_svg
from generator.views.ledger import fund_ledgers

SVG = "{http://www.w3.org/2000/svg}"


def _ledger(*entries, opening="1000.00"):
    finance = FinanceFile.model_validate({
        "funds": [{"id": "f", "name": "党组织服务群众经费"}],
        "opening": {"f": opening},
        "entries": [{"date": day, "fund": "f", "amount": amount, "category": category, "summary": "摘要",
                     "voucher": "记-1", "handler": "陈志远", "approver": "周玉兰"} for day, amount, category in entries],
    })
    return fund_ledgers(finance)[0]


def _parse(svg: str):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith("0 0 ")
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    assert "<script" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    return root


def _texts(root) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_spending_by_category_lists_each_category_largest_first():
    ledger = _ledger(("2026-02-01", "-80.00", "办公用品"), ("2026-03-01", "-350.50", "活动经费"),
                     ("2026-04-01", "-19.50", "办公用品"), ("2026-05-01", "500.00", "上级拨付"))
    root = _parse(spending_by_category_svg(ledger))
    assert root.get("aria-label") == "2026年党组织服务群众经费支出（按类别）"
    assert _texts(root) == ["活动经费", "¥350.50", "办公用品", "¥99.50"]
    assert "合计 ¥450.00" in root.find(f"{SVG}desc").text
    widths = [Decimal(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > 0


def test_a_clerks_category_cannot_inject_markup():
    root = _parse(spending_by_category_svg(_ledger(("2026-02-01", "-1.00", '<script>"&'))))
    assert _texts(root)[0] == '<script>"&'
    assert "<script>" not in spending_by_category_svg(_ledger(("2026-02-01", "-1.00", "<script>")))


def test_no_spending_says_so():
    root = _parse(spending_by_category_svg(_ledger(("2026-02-01", "500.00", "上级拨付"))))
    assert _texts(root) == ["暂无支出"]


def test_balance_chart_states_the_opening_and_the_balance_carried():
    ledger = _ledger(("2026-02-01", "500.00", "上级拨付"), ("2026-08-01", "-2000.00", "活动经费"))
    root = _parse(balance_svg(ledger))
    assert root.get("aria-label") == "2026年党组织服务群众经费余额变化"
    texts = _texts(root)
    assert {"年初 ¥1,000.00", "结余 -¥500.00", "最高 ¥1,500.00", "最低 -¥500.00"} <= set(texts)
    assert {"1月", "4月", "7月", "10月"} <= set(texts)
    points = root.find(f"{SVG}polyline").get("points").split()
    assert len(points) == 1 + 2 * len(ledger.lines)  # a step for each line


def test_balance_chart_without_lines_shows_the_opening():
    root = _parse(balance_svg(_ledger(opening="800.00")))
    assert _texts(root) == ["暂无收支记录，余额 ¥800.00"]
