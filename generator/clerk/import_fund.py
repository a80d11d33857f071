"""Which fund a ledger sheet belongs to: --fund, or what the sheet's name or title says, never both at odds.

A workbook a treasurer keeps often has a sheet per fund (“党费”, “党组织服务群众经费”) and a title
such as “2026年党费收支明细”: importing it under the wrong --fund would book one fund's money in
another's ledger, so a contradiction stops the import, and an unambiguous name stands in for --fund.
"""
from __future__ import annotations

from pathlib import Path

from generator.clerk import import_headers as h
from generator.clerk.import_sheet import ImportStop, Sheet
from generator.clerk.new import ScaffoldError, choose_fund, fund_ids, items, raw


def fund_names(root: Path) -> dict[str, str]:
    """Every fund the community's ledgers name, any year: id → name."""
    names: dict[str, str] = {}
    for path in sorted((root / "finances").glob("*.yml")):
        for fund in items(raw(path), "funds"):
            if isinstance(fund.get("id"), str) and isinstance(fund.get("name"), str) and fund["name"].strip():
                names.setdefault(fund["id"], fund["name"].strip())
    return names


def sheet_fund(read: Sheet, header_row: int, names: dict[str, str], fund: str | None) -> tuple[str | None, str]:
    """The fund a ledger sheet names in its worksheet name or its title, checked against --fund.

    A sheet titled “2026年党费收支明细” imported with --fund service is refused: one of the two is wrong.
    """
    title = " ".join(h.text(c) for n, cells in read.rows if n < header_row for c in cells if not h.is_blank(c))
    where = {"工作表名": read.title, "标题": title}
    said = {}
    for label, text in where.items():
        named = [i for i, name in names.items() if name in text]
        named = [i for i in named if not any(names[i] != names[j] and names[i] in names[j] for j in named)]
        if named:
            said[label] = named
    if fund:
        for label, named in said.items():
            if fund not in named:
                other = named[0]
                raise ImportStop(
                    f"{label}“{where[label] if label == '工作表名' else title}”说这是“{names[other]}”的账，"
                    f"而 --fund {fund} 是“{names.get(fund, fund)}”：请核对。要导入“{names[other]}”，用 --fund {other}；"
                    f"工作簿里别的工作表用 --sheet 名称 选。")
        return fund, ""
    agreed = {i for named in said.values() for i in named}
    if len(agreed) == 1 and len(names) > 1:
        found = agreed.pop()
        return found, f"按{'和'.join(said)}，这是“{names[found]}”（{found}）的账。"
    return None, ""


def assign_fund(kind: str, root: Path, good, fund: str | None) -> None:
    """What a finance row does not say itself: the sheet's fund (one per year file)."""
    if kind != "finances":
        return
    chosen = {}
    for _, record in good:
        year = int(record["date"][:4])
        if year not in chosen:
            try:
                chosen[year] = choose_fund(fund_ids(root, year), fund, year)
            except ScaffoldError as exc:
                raise ImportStop(f"{exc}（一张账本只属于一种经费）") from None
        record["fund"] = chosen[year]
