"""finances.json and finances-<year>.csv: the ledgers a resident sees, line by line with the balance.

Built from ``views.ledger.year_ledgers`` for the site's audience, so the public files hold no
members-only fund (党费 by default) and no members-only entry, every total is the sum of the
lines written next to it, and a year opens on the previous year's public closing.
"""
from __future__ import annotations

from generator.records.kinds import BY_NAME, finance_line_anchor
from generator.render.opendata.common import amount, community_ref, iso, site_link, text_cell
from generator.views.ledger import project_states, year_ledgers

CSV_HEADER = ["经费", "日期", "摘要", "类别", "收入", "支出", "余额", "凭证号", "经办人", "审批人", "服务群众项目"]


def _ledgers(ctx, year: int) -> list:
    return year_ledgers(ctx.community.finances, year, ctx.audience)


def _project_names(ctx, year: int) -> dict[str, str]:
    return {s.project.id: s.project.name for s in project_states(ctx.community.finances[year], ctx.audience)}


def entry_record(ctx, year: int, line, projects: dict[str, str]) -> dict:
    e = line.entry
    return {
        "id": f"f{year}-{line.index}", "date": iso(e.date), "amount": amount(e.amount),
        "balance": amount(line.balance), "category": e.category, "summary": e.summary,
        "voucher": e.voucher, "handler": ctx.name(e.handler), "approver": ctx.name(e.approver),
        "project_id": e.project if e.project in projects else None,
        "url": site_link(ctx, BY_NAME["finances"].link(finance_line_anchor(year, line.index), year)),
    }


def fund_record(ctx, year: int, ledger, projects: dict[str, str]) -> dict:
    return {
        "id": ledger.fund.id, "name": ledger.fund.name,
        "opening": amount(ledger.opening), "income": amount(ledger.income),
        "spending": amount(ledger.spending), "closing": amount(ledger.closing),
        "members_only_entries": ledger.hidden, "members_only_entries_earlier": ledger.hidden_earlier,
        "by_quarter": [{"quarter": q, "income": amount(i), "spending": amount(s)}
                       for q, (i, s) in ledger.by_quarter.items()],
        "by_category": [{"category": c, "income": amount(i), "spending": amount(s)}
                        for c, (i, s) in ledger.by_category.items()],
        "entries": [entry_record(ctx, year, line, projects) for line in ledger.lines],
    }


def project_record(state, year: int) -> dict:
    p = state.project
    return {
        "id": p.id, "fund_id": p.fund, "name": p.name, "stage": p.stage, "decided": iso(p.decided),
        "budget": amount(p.budget), "spent": amount(state.spent), "remaining": amount(state.remaining),
        "entry_ids": [f"f{year}-{line.index}" for line in state.lines], "note": p.note,
    }


def year_record(ctx, year: int) -> dict:
    projects = _project_names(ctx, year)
    states = project_states(ctx.community.finances[year], ctx.audience)
    return {
        "year": year,
        "funds": [fund_record(ctx, year, ledger, projects) for ledger in _ledgers(ctx, year)],
        "projects": [project_record(s, year) for s in states],
    }


def document(ctx) -> dict:
    return {
        "community": community_ref(ctx), "currency": "CNY",
        "note": "金额单位为元，两位小数；收入为正、支出为负；balance 是该笔之后的余额。"
                "members_only_entries 是本年仅在党内公开、不计入合计和余额的笔数；年初余额由往年公开的收支结转，"
                "不含往年仅在党内公开的 members_only_entries_earlier 笔。",
        "years": [year_record(ctx, y) for y in sorted(ctx.years("finances"))],
    }


def table(ctx, year: int) -> tuple[list[str], list[list[str]]]:
    """Per fund: the opening balance, then each line with income or spending and the balance after it."""
    projects = _project_names(ctx, year)
    rows = []
    for ledger in _ledgers(ctx, year):
        fund = text_cell(ledger.fund.name)
        rows.append([fund, f"{year}-01-01", "年初余额", "", "", "", amount(ledger.opening), "", "", "", ""])
        for line in ledger.lines:
            r = entry_record(ctx, year, line, projects)
            income = amount(line.entry.amount) if line.entry.amount > 0 else ""
            spending = amount(-line.entry.amount) if line.entry.amount < 0 else ""
            rows.append([fund, r["date"], text_cell(r["summary"]), text_cell(r["category"]), income, spending,
                         r["balance"], text_cell(r["voucher"]), text_cell(r["handler"]),
                         text_cell(r["approver"]), text_cell(projects.get(r["project_id"], ""))])
    return CSV_HEADER, rows
