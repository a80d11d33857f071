"""Every ``import-*`` problem code, triggered through `dangwu import` by the sheet a clerk would
bring, with the words the clerk reads for it.

Codes registered by other modules are tested next to them; these are the importer's own, so a
rule that stops firing (or a message that lost a param) fails here, not in front of a clerk.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from generator.clerk import importer
from generator.problems.messages import MESSAGES
from tests.clerk.test_import import SLUG, run, workbook

LEDGER = ["日期", "凭证号", "摘要", "类别", "收入", "支出", "经办人", "审批人"]
SIGNED = ["日期", "凭证号", "摘要", "类别", "金额", "收支", "经办人", "审批人"]
BY_MONTH = ["月", "日", "凭证号", "摘要", "类别", "收入", "支出", "经办人", "审批人"]
ACTIVITIES = ["活动日期", "活动类型", "活动主题", "应到人数", "实到人数", "共建单位"]
ROSTER = ["姓名", "支部", "入党年份"]
SERVICE = ["党员姓名", "服务日期", "服务时长", "服务内容"]
DELIBERATION = ["议题", "来源", "日期", "形式", "参加人员"]
WEEKLY_ROTA = ["月份", "星期", "开始", "结束", "岗位", "地点", "电话"]


def spent(amount, date="2026-04-02", voucher="记-101", summary="慰问物资", income=None) -> list:
    return [date, voucher, summary, "活动经费", income, amount, "陈志远", "周玉兰"]


# code -> (kind, header, rows, extra arguments, words the clerk reads for it)
CASES = {
    "import-empty": ("finances", LEDGER, [spent(100, summary=None)], [], "“摘要”是空的：这一项必填"),
    "import-inexact-amount": ("finances", LEDGER, [spent(12.345)], [], "“支出”列的 12.345 不能精确到分"),
    "import-bad-amount": ("finances", LEDGER, [spent("三十元")], [], "“支出”列的“三十元”不是金额"),
    "import-negative-amount": ("finances", LEDGER, [spent(-5)], [], "“支出”列的 -5.00 带负号，看不出是收还是支"),
    "import-no-amount": ("finances", LEDGER, [spent(None)], [], "这一行没有金额：请在收入或支出（或金额）列填写。"),
    "import-two-amounts": ("finances", LEDGER, [spent(100, income=100)], [], "这一行收入和支出都填了"),
    "import-bad-direction": ("finances", SIGNED, [["2026-04-02", "记-101", "慰问物资", "活动经费", 100, "转账",
                                                   "陈志远", "周玉兰"]], [], "“收支”列的“转账”看不出是收入还是支出"),
    "import-bad-date": ("finances", LEDGER, [spent(100, date="三月五日")], [], "“日期”列的“三月五日”不是日期"),
    "import-date-number": ("finances", LEDGER, [spent(100, date=46086)], [], "“日期”列的 46086 是一个数字而不是日期"),
    "import-no-year": ("finances", BY_MONTH, [[4, 2, "记-101", "慰问物资", "活动经费", None, 100, "陈志远", "周玉兰"]],
                       [], "表里只有月、日，看不出是哪一年：请用 --year 2026 指明。"),
    "import-wrong-year": ("finances", LEDGER, [spent(100, date="2025-04-02")], ["--year", "2026"],
                          "日期 2025-04-02 不在 --year 指定的 2026 年"),
    "import-bad-count": ("activities", ACTIVITIES, [[datetime(2026, 11, 5), "主题党日", "消防安全", 20, "很多", None]],
                         [], "“实到人数”列的“很多”不是人数"),
    "import-bad-year": ("members", ROSTER, [["张建国", "小园社区党支部", "早年"]], [], "“入党年份”列的“早年”里没有年份"),
    "import-unknown-name": ("members", ROSTER, [["张建国", "第九支部", "1998"]], [],
                            "“支部”列的“第九支部”不是本社区的党组织：可写 zb（小园社区党支部）"),
    "import-formula-no-value": ("finances", LEDGER, [spent("=11.9*3")], [],
                                "“支出”是公式 =11.9*3，但文件里没有保存它算出的值"),
    "import-bad-hours": ("service", SERVICE, [["王海涛", "2026-04-11", "两小时", "辅导作业"]], [],
                         "“服务时长”列的“两小时”不是时长"),
    "import-year-unknown": ("duty", WEEKLY_ROTA, [[12, "周六", "9:00", "12:00", "治安巡逻岗", "党群服务中心",
                                                   "010-63772480"]], [],
                            "这一行没有日期，看不出该记进哪一年的文件：请填写“日期”，或用 --year 2026 指明。"),
    "import-bad-participants": ("deliberation", DELIBERATION, [["加装充电桩", "居民提出", "2026-05-08", "恳谈会",
                                                            "张三、李四"]], [],
                                "“参加人员”列的“张三”看不出群体和人数：请写成“党员代表12、居民代表20”"),
    "import-bad-options": ("deliberation", DELIBERATION + ["方案"], [["加装充电桩", "居民提出", "2026-05-08", "恳谈会",
                                                                   "居民代表12", "方案一：赞成18 反对"]], [],
                           "“方案”列的“方案一：赞成18 反对”看不出方案和票数"),
    "import-household-column": ("grid", ["网格名称", "楼栋", "户主"], [["第一网格", "1号楼", "张三"]], [],
                                "“户主”列看起来是住户名单：网格只导入楼栋、负责人和职责"),
    "import-negative-balance": ("finances", LEDGER, [spent(99999)], [],
                                "记上这一笔后，“党组织服务群众经费”在 2026-04-02 的余额是"),
    "import-repeated-row": ("finances", LEDGER, [spent(100), spent(100)], ["--write"],
                            "和第 2 行的日期、金额、凭证号和摘要完全一样：多半是粘贴时重复了"),
    "import-duplicate-member": ("members", ROSTER, [["张建国", "小园社区党支部", "1998"],
                                                    ["张建国", "小园社区党支部", "2001"]], [],
                                "名册里已有“张建国”（第 2 行）"),
}


@pytest.fixture
def reported_codes(monkeypatch) -> list[str]:
    """The code of every problem `dangwu import` prints (its lines show the words, not the code)."""
    codes: list[str] = []
    shown = importer.report_problem

    def record(problem):
        codes.append(problem.code)
        return shown(problem)

    monkeypatch.setattr(importer, "report_problem", record)
    return codes


@pytest.mark.parametrize("code", sorted(CASES))
def test_import_code_is_reported_with_its_words(write_community, tmp_path, capsys, reported_codes, code):
    kind, header, rows, extra, words = CASES[code]
    data = write_community()
    sheet = workbook(tmp_path / "表.xlsx", rows, header=header, title=None)
    fund = ["--fund", "service"] if kind == "finances" else []

    status = run("import", kind, str(sheet), str(data), "--community", SLUG, *fund, *extra)

    out = capsys.readouterr().out
    assert code in reported_codes
    assert words in out
    assert status == 1 and "什么都没有写入" in out


def test_every_import_code_has_a_case():
    codes = {c for c in MESSAGES if c.startswith("import-")}
    assert codes and codes - set(CASES) == set()
