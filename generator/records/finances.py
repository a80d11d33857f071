"""finances/<year>.yml: funds, opening balances, ledger entries and declared balance checks."""
from __future__ import annotations

from typing import Literal

from generator.records.base import Audience, Date, Id, ListOf, Money, OptText, Record, Text

ProjectStage = Literal["议定", "审核", "拨付", "推进", "报销", "验收", "公示"]


class Fund(Record):
    id: Id
    """编号：如 service、dues、gongjian。"""
    name: Text
    """经费名称：如“党组织服务群众经费”“党费”。"""
    audience: Audience | None = None
    """公开范围：public 或 members；不填时，党费仅党内公开，其余向党外公开。"""
    # who sees a fund with no audience is decided in privacy.audience.fund_audience (the 党费 rule)


class Project(Record):
    id: Id
    """编号：如 pj2026-01。"""
    fund: Id
    """经费编号。"""
    name: Text
    """项目名称：如“老旧楼道照明改造”。"""
    budget: Money
    """预算金额：如 "12000.00"。"""
    stage: ProjectStage
    """当前环节：议定、审核、拨付、推进、报销、验收、公示。"""
    decided: Date | None = None
    """议定日期。"""
    note: OptText = None
    """说明。"""


class Entry(Record):
    date: Date
    """日期：如 2026-03-05。"""
    fund: Id
    """经费编号。"""
    amount: Money
    """金额：带两位小数并加引号，收入为正 "1280.50"，支出为负 "-35.00"。"""
    category: Text
    """类别：如 上级拨付、活动经费、慰问支出、办公用品。"""
    summary: Text
    """摘要：这笔钱从哪来、用在哪。"""
    voucher: Text
    """凭证号：如“记-2026-012”。"""
    handler: Text
    """经办人。"""
    approver: Text
    """审批人。"""
    project: Id | None = None
    """服务群众项目编号：属于某个项目时填写。"""
    audience: Audience | None = None
    """公开范围：不填时跟随经费。"""


class BalanceCheck(Record):
    date: Date
    """核对日期：如 2026-06-30。"""
    fund: Id
    """经费编号。"""
    balance: Money
    """账面余额：如 "8500.00"。"""


class FinanceFile(Record):
    funds: ListOf[Fund]
    """经费：每种经费一项。"""
    opening: dict[str, Money] = {}
    """年初余额：每种经费一行，如 service: "12000.00"。"""
    projects: ListOf[Project] = []
    """服务群众项目：可不填。"""
    entries: ListOf[Entry] = []
    """收支明细：每笔一项。"""
    checks: ListOf[BalanceCheck] = []
    """余额核对：出纳核对过的账面余额。"""
