"""`dangwu import need|resource|project|duty`: the 三张清单 and the 值班表 a clerk keeps in Excel."""
from __future__ import annotations

from datetime import datetime, time

from tests.clerk.test_import import SLUG, run, workbook

NEEDS = ["需求内容", "地点", "提出日期", "提出方", "类别", "认领人", "认领日期", "联系电话"]
RESOURCES = ["资源内容", "提供方", "数量", "登记日期"]
PROJECTS = ["项目名称", "对应需求", "使用资源", "负责", "认领日期", "实施日期", "完成日期", "评价日期", "评价", "结果"]
ROTA = ["日期", "月份", "星期", "开始", "结束", "岗位", "党员", "地点", "电话", "节假日"]


def _lists(data):
    return (data / "communities" / SLUG / "lists" / "2026.yml").read_text(encoding="utf-8")


def test_the_three_lists_import_in_turn_and_check_clean(write_community, tmp_path, capsys):
    data = write_community()
    needs = workbook(tmp_path / "需求清单.xlsx", [
        ["3号楼楼道灯损坏需维修", "3号楼", datetime(2026, 3, 2), "3号楼居民", "需求", None, None, "13812345678"],
        ["独居老人想要一台助行器", "5号楼", "2026/3/9", "老年协会", "微心愿", "王海涛", "2026-03-12", None],
    ], header=NEEDS, title="2026年需求清单")
    assert run("import", "need", str(needs), str(data), "--community", SLUG, "--write") == 0
    assert "没有导入的个人信息列：联系电话" in capsys.readouterr().out
    resources = tmp_path / "资源清单.csv"
    resources.write_text("资源内容,提供方,数量,登记日期\n电工维修,示例区人民医院党委,每月 1 次,2026-03-01\n",
                         encoding="utf-8")
    assert run("import", "resource", str(resources), str(data), "--community", SLUG, "--write") == 0
    projects = workbook(tmp_path / "项目清单.xlsx", [
        ["楼道灯维修", "3号楼楼道灯损坏需维修", "r2026-01", "小园社区党支部", "2026-03-05", "2026-03-10",
         "2026-03-12", "2026-03-20", "满意", "更换楼道灯 12 盏"],
    ], header=PROJECTS, title=None)
    assert run("import", "project", str(projects), str(data), "--community", SLUG, "--write") == 0
    text = _lists(data)
    assert "id: n2026-01" in text and "id: n2026-02" in text and "claimer: m004" in text
    assert "id: r2026-01" in text and "offered_by: pt-yy" in text
    assert "need: n2026-01" in text and "owner: zb" in text
    assert '  - {stage: 评价, date: 2026-03-20, note: "满意"}' in text
    assert "13812345678" not in text
    assert run("check", str(data)) == 0
    # The same sheet again: nothing new to add.
    capsys.readouterr()
    assert run("import", "need", str(needs), str(data), "--community", SLUG, "--write") == 0
    assert "表里的行都已经记录过了" in capsys.readouterr().out


def test_a_bad_list_row_is_refused_with_its_row_and_nothing_written(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "项目清单.xlsx", [
        ["楼道灯维修", "没有这条需求", "r2026-01", "zb", "2026-03-05", None, None, None, None, None],
    ], header=PROJECTS, title=None)
    assert run("import", "project", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "项目清单.xlsx 第 2 行：“对应需求”列的“没有这条需求”不是本社区的需求清单里的需求" in out
    assert "什么都没有写入" in out
    assert not (data / "communities" / SLUG / "lists").exists()


def test_a_rota_by_date_and_by_weekday_is_written_and_checks_clean(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "值班表.xlsx", [
        [datetime(2026, 12, 5), None, None, time(9, 0), time(12, 0), "治安巡逻岗", None, "党群服务中心一楼大厅",
         "010-63772480", None],
        [None, "12月", "星期六", "14：00", "17:30", None, "王海涛", "党群服务中心二楼", "010-63772480", "照常"],
    ], header=ROTA, title="2026年12月值班表")
    assert run("import", "duty", str(sheet), str(data), "--community", SLUG, "--write") == 0
    text = (data / "communities" / SLUG / "rota" / "2026.yml").read_text(encoding="utf-8")
    assert "id: z2026-01" in text and "id: z2026-02" in text
    assert 'start: "9:00"' in text and 'start: "14:00"' in text and "weekday: 周六" in text
    assert "posts: [p-xunluo]" in text and "members: [m004]" in text and "holidays: 照常" in text
    assert run("check", str(data)) == 0


def test_a_bad_duty_row_is_refused_and_nothing_written(write_community, tmp_path, capsys):
    data = write_community()
    sheet = tmp_path / "值班表.csv"
    sheet.write_text("日期,开始,结束,岗位,地点,电话\n"
                     "2026-12-05,12:00,9:00,治安巡逻岗,党群服务中心,010-63772480\n", encoding="utf-8")
    assert run("import", "duty", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "值班表.csv 第 2 行" in out and "结束时间 9:00 不晚于开始时间 12:00" in out
    assert "什么都没有写入" in out
    assert not (data / "communities" / SLUG / "rota").exists()


DELIBERATIONS = ["议题", "来源", "日期", "形式", "参加人员", "方案", "决定", "承办", "反馈日期", "反馈方式", "反馈内容"]


def test_a_deliberation_sheet_gives_groups_options_votes_and_feedback(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "议事台账.xlsx", [
        ["3号楼楼道堆物清理办法", "网格收集", datetime(2026, 3, 12), "议事会", "党员代表4、居民代表9人",
         "物业统一清运：赞成11 反对1 弃权1；楼门长劝导：赞成2", "物业统一清运", "小园社区党支部",
         "2026-03-16", "公示栏、居民群", "3月23日统一清运"],
        ["加装电动车充电桩", "居民提出", "2026-05-08", "恳谈会", "居民代表12", None, None, None, None, None, None],
    ], header=DELIBERATIONS, title=None)
    assert run("import", "deliberation", str(sheet), str(data), "--community", SLUG, "--write") == 0
    text = (data / "communities" / SLUG / "deliberations" / "2026.yml").read_text(encoding="utf-8")
    assert "id: d2026-01" in text and "id: d2026-02" in text
    assert '  - {group: "党员代表", count: 4}' in text
    assert '  - {id: a, text: "物业统一清运", votes: {yes: 11, no: 1, abstain: 1}}' in text
    assert 'decision: "a"' in text and "carried_by: zb" in text
    assert 'feedback: {date: 2026-03-16, ways: [公示栏, 居民群], content: "3月23日统一清运"}' in text
    assert run("check", str(data)) == 0


def test_a_bad_deliberation_row_is_refused_and_nothing_written(write_community, tmp_path, capsys):
    data = write_community()
    sheet = tmp_path / "议事台账.csv"
    sheet.write_text("议题,来源,日期,形式,参加人员,方案\n"
                     "加装充电桩,居民提出,2026-05-08,恳谈会,居民代表12,方案一：赞成很多\n", encoding="utf-8")
    assert run("import", "deliberation", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "议事台账.csv 第 2 行：“方案”列的“方案一：赞成很多”看不出方案和票数" in out
    assert "什么都没有写入" in out
    assert not (data / "communities" / SLUG / "deliberations").exists()
